/**
 * formkit-decimal.js — exact decimals on BigInt for the browser evaluator (SPEC §3).
 *
 * A number is a BigInt holding the value × 10^10: 28 integer and 10 fraction digits, exact, and
 * rounded half away from zero where the language rounds. Also the evaluator's error type, which
 * every other module throws. No dependencies, no eval: it runs under a strict CSP and under node.
 */

// ---- errors ------------------------------------------------------------------------------

/** An evaluation that cannot give a value: overflow, a pool read, a malformed plan. */
export class FormkitError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'FormkitError';
    this.code = code;
  }
}


// ---- blank text ------------------------------------------------------------------------

// Blank is Unicode's White_Space property, as BLANK in formkit/core/text.py (never trim(): it
// also strips U+FEFF, where Python's strip() strips U+001C-U+001F; both differ from the rule)
const BLANK_CHARS = '\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';
const ALL_BLANK = new RegExp(`^[${BLANK_CHARS}]*$`);
const BLANK_ENDS = new RegExp(`^[${BLANK_CHARS}]+|[${BLANK_CHARS}]+$`, 'g');

/** Empty, or white space only (SPEC §3). @param {string} s */
export function isBlank(s) {
  return ALL_BLANK.test(s);
}

/** `s` without blank characters at either end. @param {string} s */
export function trimBlank(s) {
  return s.replace(BLANK_ENDS, '');
}

// ---- exact decimals on BigInt --------------------------------------------------------------

export const FRACTION_DIGITS = 10;
export const SCALE = 10n ** 10n;
export const LIMIT = 10n ** 38n; // 28 digits before the point + 10 after

/** @param {bigint} v @returns {bigint} v, or an overflow error */
export function checked(v) {
  if (v >= LIMIT || v <= -LIMIT) {
    throw new FormkitError('overflow', 'a number has more than 28 digits before the point');
  }
  return v;
}

/** a / b rounded half away from zero (b ≠ 0). @param {bigint} a @param {bigint} b */
export function divRound(a, b) {
  const neg = (a < 0n) !== (b < 0n);
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  let q = x / y;
  if ((x % y) * 2n >= y) q += 1n;
  return neg ? -q : q;
}

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d+))?$/; // as Python's to_number: '.5' yes, '1.' and '1e3' no
const JS_NUMBER = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/; // String(x) of a JS number

/**
 * Decimal text (or a JS number, or an internal BigInt) to the internal form.
 * @param {string|number|bigint} x
 * @returns {{value: bigint, places: number}|null} null when x is not a number; `places` are the
 *   significant fraction digits (1.50 has one), the value is 0n when there are more than 10
 */
export function parseDecimal(x) {
  if (typeof x === 'bigint') return { value: x, places: 0 };
  const isNum = typeof x === 'number';
  if (isNum && !Number.isFinite(x)) return null;
  const m = (isNum ? JS_NUMBER : NUMBER_TEXT).exec(isNum ? String(x) : trimBlank(String(x)));
  if (!m || (m[2] === '' && !m[3])) return null;
  let digits = (m[2] || '') + (m[3] || '');
  let places = (m[3] || '').length - Number(m[4] || 0);
  while (places > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    places -= 1;
  }
  if (places > FRACTION_DIGITS) return { value: 0n, places }; // the caller refuses it
  const units = BigInt(digits || '0') * 10n ** BigInt(FRACTION_DIGITS - places);
  return { value: m[1] === '-' ? -units : units, places: Math.max(places, 0) };
}

/** @param {string|number|bigint} x @returns {bigint} */
export function toNumber(x) {
  const p = parseDecimal(x);
  if (p === null) throw new FormkitError('type', `'${x}' is not a number`);
  if (p.places > FRACTION_DIGITS) {
    throw new FormkitError('places', 'a number has more than 10 digits after the point');
  }
  return checked(p.value);
}

/**
 * The decimal text of an internal number: canonical (no trailing zeros) or with `places` places.
 * @param {bigint} v @param {number|null} [places]
 */
export function formatNumber(v, places = null) {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(FRACTION_DIGITS + 1, '0');
  const whole = s.slice(0, -FRACTION_DIGITS);
  let frac = s.slice(-FRACTION_DIGITS);
  frac = places === null ? frac.replace(/0+$/, '') : frac.slice(0, Math.max(places, 0));
  const text = frac ? `${whole}.${frac}` : whole;
  return neg && /[1-9]/.test(text) ? `-${text}` : text;
}


// 10^(10 − n) for round(x, n), n from −10 to 10: computed once, since `**` on BigInt is not free
// and every integer or fixed-place slot is settled through roundTo on each recompute.
const STEPS = Array.from({ length: 21 }, (_, i) => 10n ** BigInt(FRACTION_DIGITS - (i - 10)));

/** round(x, n): half away from zero to n places, n from −10 to 10. @param {bigint} v @param {number} n */
export function roundTo(v, n) {
  const step = Number.isInteger(n) && n >= -10 && n <= 10 ? STEPS[n + 10] : 10n ** BigInt(FRACTION_DIGITS - n);
  // Already a multiple of the step (a whole count in an integer field, the common case): one
  // remainder instead of a division, a remainder and a product.
  if (v % step === 0n) return checked(v);
  return checked(divRound(v, step) * step);
}

/** @param {bigint} v @param {boolean} up */
export function floorCeil(v, up) {
  let q = v / SCALE; // truncates toward zero
  const r = v % SCALE;
  if (r !== 0n && (r > 0n) === up) q += up ? 1n : -1n;
  return checked(q * SCALE);
}

export const ARITH = {
  '+': (a, b) => checked(a + b),
  '-': (a, b) => checked(a - b),
  '*': (a, b) => checked(divRound(a * b, SCALE)),
  '/': (a, b) => (b === 0n ? null : checked(divRound(a * SCALE, b))),
};

