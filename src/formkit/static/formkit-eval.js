/**
 * formkit-eval.js — the browser evaluator of formkit's JS plan (SPEC §3; the plan format: formkit/jsplan.py).
 *
 * A static ES module without dependencies: no eval, no Function constructor, no dynamic import,
 * so it runs under `Content-Security-Policy: script-src 'self'` and under node.
 *
 * Values inside the evaluator:
 *   number      → BigInt holding the value × 10^10 (exact; 28 integer and 10 fraction digits)
 *   text        → string (NFC, never blank: blank text is null)
 *   date        → LocalDate (a calendar date, no time zone)
 *   boolean     → true / false
 *   multichoice → array of choice keys
 *   null        → null
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

// ---- exact decimals on BigInt --------------------------------------------------------------

export const FRACTION_DIGITS = 10;
const SCALE = 10n ** 10n;
const LIMIT = 10n ** 38n; // 28 digits before the point + 10 after

/** @param {bigint} v @returns {bigint} v, or an overflow error */
function checked(v) {
  if (v >= LIMIT || v <= -LIMIT) {
    throw new FormkitError('overflow', 'a number has more than 28 digits before the point');
  }
  return v;
}

/** a / b rounded half away from zero (b ≠ 0). @param {bigint} a @param {bigint} b */
function divRound(a, b) {
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
function parseDecimal(x) {
  if (typeof x === 'bigint') return { value: x, places: 0 };
  const isNum = typeof x === 'number';
  if (isNum && !Number.isFinite(x)) return null;
  const m = (isNum ? JS_NUMBER : NUMBER_TEXT).exec(isNum ? String(x) : String(x).trim());
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

/** round(x, n): half away from zero to n places, n from −10 to 10. @param {bigint} v @param {number} n */
export function roundTo(v, n) {
  const step = 10n ** BigInt(FRACTION_DIGITS - n);
  return checked(divRound(v, step) * step);
}

/** @param {bigint} v @param {boolean} up */
function floorCeil(v, up) {
  let q = v / SCALE; // truncates toward zero
  const r = v % SCALE;
  if (r !== 0n && (r > 0n) === up) q += up ? 1n : -1n;
  return checked(q * SCALE);
}

const ARITH = {
  '+': (a, b) => checked(a + b),
  '-': (a, b) => checked(a - b),
  '*': (a, b) => checked(divRound(a * b, SCALE)),
  '/': (a, b) => (b === 0n ? null : checked(divRound(a * SCALE, b))),
};

// ---- dates ---------------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function dayNumber(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** @param {number} y @param {number} m */
function monthDays(y, m) {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** A calendar date without a time zone. */
export class LocalDate {
  /** @param {number} y @param {number} m @param {number} d */
  constructor(y, m, d) {
    Object.freeze(Object.assign(this, { y, m, d, n: dayNumber(y, m, d) })); // n: days since 1970-01-01
  }

  /** @param {number} y @param {number} m @param {number} d @returns {LocalDate|null} */
  static of(y, m, d) {
    const ok = y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m);
    return ok ? new LocalDate(y, m, d) : null;
  }

  /** 'YYYY-MM-DD' → a date, or null when it is not a real date. @param {string} text */
  static parse(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text).trim());
    return m ? LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }

  toString() {
    const p = (v, w) => String(v).padStart(w, '0');
    return `${p(this.y, 4)}-${p(this.m, 2)}-${p(this.d, 2)}`;
  }
}

/** A period string (2026W45, 2026-10, 2026Q3, 2026, once) as {start, end}; null for once. */
export function periodRange(text) {
  let m;
  if ((m = /^(\d{4})W(\d{2})$/.exec(text))) {
    const jan4 = dayNumber(Number(m[1]), 1, 4); // week 1 holds 4 January; 1970-01-01 was a Thursday
    const monday = jan4 - ((((jan4 + 3) % 7) + 7) % 7) + (Number(m[2]) - 1) * 7;
    const ok = Number(m[2]) >= 1 && fromDayNumber(monday + 3).y === Number(m[1]); // W53 only in long years
    return ok ? { start: fromDayNumber(monday), end: fromDayNumber(monday + 6) } : null;
  }
  let first = 1;
  let count = 12;
  if ((m = /^(\d{4})-(\d{2})$/.exec(text))) [first, count] = [Number(m[2]), 1];
  else if ((m = /^(\d{4})Q([1-4])$/.exec(text))) [first, count] = [3 * Number(m[2]) - 2, 3];
  else if (!(m = /^(\d{4})$/.exec(text))) return null;
  const y = Number(m[1]);
  const last = first + count - 1;
  return { start: LocalDate.of(y, first, 1), end: LocalDate.of(y, last, monthDays(y, last)) };
}

/** @param {number} n days since 1970-01-01 (civil_from_days) */
function fromDayNumber(n) {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  return new LocalDate(yoe + era * 400 + (mo <= 2 ? 1 : 0), mo, d);
}

/** Whole years from `birth` to `at`; a 29 February birthday is reached on 1 March. */
function ageAt(birth, at) {
  const before = at.m < birth.m || (at.m === birth.m && at.d < birth.d);
  return at.y - birth.y - (before ? 1 : 0);
}

// ---- text ----------------------------------------------------------------------------------

/** Compare by code point (not by UTF-16 unit: U+20000 sorts after U+FFFF). */
export function compareText(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      // Equal prefixes end on the same unit, so both are code point starts or both are low
      // surrogates of the same high one: comparing code points here orders the whole strings.
      return a.codePointAt(i) < b.codePointAt(i) ? -1 : 1;
    }
  }
  return a.length === b.length ? 0 : (a.length < b.length ? -1 : 1);
}

/** NFC text; blank text is null. @param {unknown} x */
function toText(x) {
  const s = String(x).normalize('NFC');
  return s.trim() === '' ? null : s;
}

// ---- resident ID numbers (GB 11643) ----------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The birth date of a valid 18-character ID number, else null. @param {string} s */
function idCardBirth(s) {
  const id = s.endsWith('x') ? `${s.slice(0, -1)}X` : s;
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return null;
  const birth = LocalDate.of(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i];
  return birth && '10X98765432'[sum % 11] === id[17] ? birth : null;
}

// ---- values --------------------------------------------------------------------------------

/**
 * o[k] when o has its own k: ids such as `constructor` or `toString` are valid field ids, and
 * must never find Object.prototype's members. @param {unknown} o @param {string} k
 */
export function own(o, k) {
  return o !== null && o !== undefined && hasOwn(o, k) ? o[k] : undefined;
}

/** Object.hasOwn, also in browsers before it (Chromium 93): some offices run older ones. */
function hasOwn(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * A JSON value (numbers as exact strings, dates ISO) as the internal value of language type t.
 * Idempotent on internal values. Throws FormkitError('type') when it does not fit.
 * @param {unknown} raw @param {string|undefined} t
 */
export function toValue(raw, t) {
  if (raw === null || raw === undefined) return null;
  switch (t) {
    case 'number':
      return typeof raw === 'string' && raw.trim() === '' ? null : toNumber(/** @type {any} */ (raw));
    case 'text':
      return toText(raw);
    case 'date': {
      if (raw instanceof LocalDate) return raw;
      const d = typeof raw === 'string' && raw.trim() === '' ? null : LocalDate.parse(String(raw));
      if (d === null && String(raw).trim() !== '') throw new FormkitError('type', `'${raw}' is not a date`);
      return d;
    }
    case 'boolean':
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw new FormkitError('type', `'${raw}' is not true or false`);
    case 'multichoice':
    {
      if (!Array.isArray(raw)) throw new FormkitError('type', 'a multichoice value is a list of keys');
      const keys = raw.map(toText).filter((k) => k !== null);
      return keys.length === 0 ? null : keys;
    }
    default: // unknown type: keep JSON scalars as they are
      return typeof raw === 'string' ? toText(raw) : raw;
  }
}

/** An internal value as JSON: numbers as exact decimal strings, dates as ISO text. */
export function toPlain(v, places = null) {
  if (typeof v === 'bigint') return formatNumber(v, places);
  if (v instanceof LocalDate) return v.toString();
  return v;
}

/** The language type of an internal value. */
export function typeOf(v) {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof LocalDate) return 'date';
  return 'multichoice';
}

/** Order of two non-null values of one type. */
function compare(a, b) {
  if (typeof a === 'string') return compareText(a, /** @type {string} */ (b));
  if (a instanceof LocalDate) return a.n - b.n;
  if (a === b) return 0;
  return a < b ? -1 : 1; // bigint; booleans: false < true
}

/** A key under which equal values coincide (count_distinct). */
function valueKey(v) {
  return `${typeOf(v)}:${toPlain(v)}`;
}

// ---- evaluation ------------------------------------------------------------------------------

/**
 * @typedef {Object} Env
 * @property {Object<string, unknown>} [values]  slot → value (field ids and `grid.row.col`)
 * @property {Object<string, Object[]>} [tables] table id → rows (column id → value)
 * @property {Object<string, Object>} [rows]   table id → its current row (column expressions,
 *   per-row rules, the `where` of an aggregate over the table)
 * @property {Object<string, unknown>} [params]  the current grid row's parameters
 * @property {Object<string, {rows: string[]}>} [grids] grid id → its non-total rows
 * @property {Object<string, unknown>} [prev]    field → its value last period
 * @property {{start: unknown, end: unknown}|string} [period] the period being reported
 * @property {unknown} [today]  the date standing in for the period's (once, or no period)
 * @property {string} [timezone] for today's date when `today` is not given (Asia/Shanghai)
 */

/**
 * Evaluate one expression of the JS plan.
 * @param {Object} e an expression node (see jsplan.py)
 * @param {Env} env
 * @returns {unknown} an internal value
 */
export function evaluate(e, env) {
  const visit = own(NODES, e.k);
  if (visit === undefined) throw new FormkitError('plan', `unknown node kind '${e.k}'`);
  return visit(e, env);
}

const NODES = {
  lit: (e) => toValue(e.v, e.t),
  ref: (e, env) => toValue(lookup(e, env), e.t),
  un: (e, env) => {
    const a = evaluate(e.a, env);
    if (a === null) return null;
    if (e.op === 'not') return !a;
    return e.op === '-' ? checked(-a) : a;
  },
  bin: binary,
  isnull: (e, env) => (evaluate(e.a, env) === null) !== e.neg,
  in: (e, env) => negate(inList(e, env), e.neg),
  between: (e, env) => {
    const a = evaluate(e.a, env);
    const lo = evaluate(e.lo, env);
    const hi = evaluate(e.hi, env);
    const geLo = a === null || lo === null ? null : compare(a, lo) >= 0;
    const leHi = a === null || hi === null ? null : compare(a, hi) <= 0;
    return negate(and3(geLo, leHi), e.neg);
  },
  call: (e, env) => {
    const fn = own(FUNCTIONS, e.fn);
    if (fn === undefined) throw new FormkitError('plan', `unknown function '${e.fn}'`);
    if (LAZY.has(e.fn)) return fn(e.args, env);
    const args = e.args.map((a) => evaluate(a, env));
    return args.includes(null) ? null : fn(args, env);
  },
  agg: aggregate,
  prev: (e, env) => toValue(own(env.prev, e.slot), e.t),
};

/** @param {boolean|null} v @param {boolean} neg */
function negate(v, neg) {
  return neg && v !== null ? !v : v;
}

function and3(a, b) {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

function or3(a, b) {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

function binary(e, env) {
  if (e.op === 'and' || e.op === 'or') {
    const decisive = e.op === 'or'; // as in Python, a deciding left side skips the right one
    const a = evaluate(e.a, env);
    if (a === decisive) return decisive;
    return e.op === 'and' ? and3(a, evaluate(e.b, env)) : or3(a, evaluate(e.b, env));
  }
  const a = evaluate(e.a, env);
  const b = evaluate(e.b, env);
  if (a === null || b === null) return null;
  if (hasOwn(ARITH, e.op)) return ARITH[e.op](a, b);
  if (e.op === '&') return toText(`${a}${b}`);
  const c = compare(a, b);
  switch (e.op) {
    case '=': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    default: throw new FormkitError('plan', `unknown operator '${e.op}'`);
  }
}

function inList(e, env) {
  const a = evaluate(e.a, env);
  const items = e.items.map((i) => evaluate(i, env));
  if (a === null) return null;
  if (items.some((i) => i !== null && compare(a, i) === 0)) return true;
  return items.includes(null) ? null : false;
}

/** The value of a resolved name in the environment (not yet converted to its type). */
function lookup(ref, env) {
  switch (ref.ref) {
    case 'field':
    case 'cell':
      return own(env.values, ref.slot);
    case 'rowcol': {
      const row = own(env.rows, ref.table);
      if (row === undefined) throw new FormkitError('plan', `'${ref.col}' is read outside a row of '${ref.table}'`);
      return own(row, ref.col);
    }
    case 'param':
      return own(env.params, ref.name);
    case 'poolcol':
    case 'pooltable':
      throw new FormkitError('pool', 'the data pool is read by the server, never in the browser');
    default:
      throw new FormkitError('plan', `'${ref.ref}' is not a value`);
  }
}

/**
 * The first and last day of the period being reported. Without one (and for `once`) both are
 * `env.today`, else today in `env.timezone` (default Asia/Shanghai), as in Python.
 */
function periodBounds(env) {
  const p = env.period;
  const range = typeof p === 'string' ? periodRange(p) : p ?? null;
  if (range !== null && range.start !== null && range.start !== undefined) {
    return { start: toValue(range.start, 'date'), end: toValue(range.end, 'date') };
  }
  const today = env.today !== undefined ? toValue(env.today, 'date') : todayIn(env.timezone || 'Asia/Shanghai');
  return { start: today, end: today };
}

/** Today's date in a time zone (Intl, present in browsers and node). */
function todayIn(timeZone) {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const part = Object.fromEntries(fmt.formatToParts(new Date()).map((x) => [x.type, Number(x.value)]));
  return LocalDate.of(part.year, part.month, part.day);
}

/** Scalar functions; they receive non-null argument values (except the LAZY ones). */
const FUNCTIONS = {
  if: ([c, a, b], env) => (evaluate(c, env) === true ? evaluate(a, env) : evaluate(b, env)),
  coalesce: (args, env) => {
    for (const a of args) {
      const v = evaluate(a, env);
      if (v !== null) return v;
    }
    return null;
  },
  round: ([x, n]) => roundTo(x, n === undefined ? 0 : Number(n / SCALE)),
  floor: ([x]) => floorCeil(x, false),
  ceil: ([x]) => floorCeil(x, true),
  abs: ([x]) => (x < 0n ? -x : x),
  min: (args) => args.reduce((a, b) => (compare(b, a) < 0 ? b : a)),
  max: (args) => args.reduce((a, b) => (compare(b, a) > 0 ? b : a)),
  len: ([s]) => BigInt(Array.from(s).length) * SCALE,
  year: ([d]) => BigInt(d.y) * SCALE,
  month: ([d]) => BigInt(d.m) * SCALE,
  age: ([d], env) => BigInt(ageAt(d, periodBounds(env).end)) * SCALE,
  days: ([a, b]) => BigInt(b.n - a.n) * SCALE,
  period_start: (_, env) => periodBounds(env).start,
  period_end: (_, env) => periodBounds(env).end,
  has: ([m, k]) => m.includes(k),
  id_card_valid: ([s]) => idCardBirth(s) !== null,
  id_card_birth: ([s]) => idCardBirth(s),
  id_card_sex: ([s]) => (idCardBirth(s) === null ? null : (Number(s[16]) % 2 === 1 ? 'M' : 'F')),
};
const LAZY = new Set(['if', 'coalesce']);

/** `env` with `row` as the current row of `table`. */
export function withRow(env, table, row) {
  return { ...env, rows: { ...env.rows, [table]: row } };
}

/** The values an aggregate goes over (`true` per row for count(table)), of the rows `where` keeps. */
function aggregateItems(e, env) {
  const src = e.src;
  const keep = (rowEnv) => e.where === undefined || evaluate(e.where, rowEnv) === true;
  if (src.ref === 'table' || src.ref === 'tablecol') {
    const out = [];
    for (const row of own(env.tables, src.table) || []) {
      if (keep(withRow(env, src.table, row))) out.push(src.ref === 'table' ? true : toValue(own(row, src.col), src.t));
    }
    return out;
  }
  if (src.ref === 'gridcol') {
    const rows = src.rows || own(own(env.grids, src.grid), 'rows') || [];
    return keep(env) ? rows.map((r) => toValue(own(env.values, `${src.grid}.${r}.${src.col}`), 'number')) : [];
  }
  return lookup(src, env); // pool sources: refused
}

function aggregate(e, env) {
  const all = aggregateItems(e, env);
  const items = all.filter((v) => v !== null);
  switch (e.fn) {
    case 'count': return BigInt(items.length) * SCALE;
    case 'count_distinct': return BigInt(new Set(items.map(valueKey)).size) * SCALE;
    case 'sum': return items.length === 0 ? null : items.reduce(ARITH['+']);
    case 'avg':
      return items.length === 0 ? null : ARITH['/'](items.reduce(ARITH['+']), BigInt(items.length) * SCALE);
    case 'min': return items.length === 0 ? null : FUNCTIONS.min(items);
    case 'max': return items.length === 0 ? null : FUNCTIONS.max(items);
    default: throw new FormkitError('plan', `unknown aggregate '${e.fn}'`);
  }
}

// ---- the form --------------------------------------------------------------------------------

const MESSAGES = {
  required: { zh: '此项必填', en: 'This is required' },
  min: { zh: '不能小于 {0}', en: 'Must be at least {0}' },
  max: { zh: '不能大于 {0}', en: 'Must be at most {0}' },
  pattern: { zh: '格式不正确', en: 'This is not in the expected format' },
  choices: { zh: '不是可选的选项', en: 'This is not one of the choices' },
  number: { zh: '请填写数字', en: 'Enter a number' },
  places: { zh: '最多保留 {0} 位小数', en: 'Use at most {0} decimal places' },
  whole: { zh: '请填写整数', en: 'Enter a whole number' },
  big: { zh: '数值过大', en: 'This number is too large' },
  date: { zh: '请按 YYYY-MM-DD 填写日期', en: 'Enter a date as YYYY-MM-DD' },
  boolean: { zh: '请选择是或否', en: 'Choose yes or no' },
  text: { zh: '请填写文字', en: 'Enter text' },
  id_card: { zh: '不是有效的18位身份证号码', en: 'This is not a valid 18-digit resident ID number' },
  phone: { zh: '不是有效的电话号码', en: 'This is not a valid phone number' },
  readonly: { zh: '此项由系统计算或带出，不能修改', en: 'This value is computed or pre-filled' },
};

/** A label in `lang`, else zh, else the first one given (SPEC §2.2). */
function pickLabel(label, lang) {
  if (typeof label === 'string') return label;
  return own(label, lang) ?? own(label, 'zh') ?? Object.values(label)[0] ?? '';
}

/** A value as its slot holds it: rounded half away from zero to its places (SPEC §3). */
function settle(v, s) {
  return typeof v === 'bigint' && s.precision !== undefined ? roundTo(v, s.precision) : v;
}

// Mainland mobile (optionally +86), landline with area code, local number, 400/800 numbers;
// spaces and '-' between digits are ignored (as functions.PHONE in Python).
const PHONE = /^(?:(?:\+?86)?1[3-9][0-9]{9}|0[0-9]{9,11}|[0-9]{7,8}|[48]00[0-9]{7})$/;

/**
 * Staff input for a slot or column: {value} or {error: message key, arg}. Never rounds.
 * @param {Object} s the slot or column entry of the plan @param {unknown} raw
 */
export function parseInput(s, raw) {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  if (s.t === 'number') {
    const p = parseDecimal(/** @type {any} */ (raw));
    const places = s.precision ?? FRACTION_DIGITS;
    if (p === null) return { error: 'number' };
    if (p.places > places) return places === 0 ? { error: 'whole' } : { error: 'places', arg: places };
    return p.value >= LIMIT || p.value <= -LIMIT ? { error: 'big' } : { value: p.value };
  }
  if (s.type === 'id_card' || s.type === 'phone') {
    let text = typeof raw === 'string' ? toText(raw.trim()) : null;
    if (s.type === 'id_card' && text !== null && text.endsWith('x')) text = `${text.slice(0, -1)}X`;
    const valid = s.type === 'id_card' ? (t) => idCardBirth(t) !== null : (t) => PHONE.test(t.replace(/[\s-]/g, ''));
    const ok = text !== null && valid(text);
    return ok ? { value: text } : { error: s.type };
  }
  try {
    return { value: toValue(raw, s.t) };
  } catch (err) {
    if (!(err instanceof FormkitError)) throw err;
    return { error: hasOwn(MESSAGES, s.t) ? s.t : 'choices' };
  }
}

const REGEXES = new Map();

/** A template `pattern` must match the whole text. */
function fullMatch(pattern, text) {
  if (!REGEXES.has(pattern)) {
    let re;
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      re = new RegExp(`^(?:${pattern})$`);
    }
    REGEXES.set(pattern, re);
  }
  return REGEXES.get(pattern).test(text);
}

/** Stands for "this row's index" in an issue until issues() numbers the rows. */
const THIS_ROW = Symbol('row');

/** An object without a prototype: any id is safe as a key. */
const dict = () => Object.create(null);

/** An empty value store: a form's scalar slots, or one table row's columns. */
function newStore(values) {
  return { values, inputs: dict(), prefilled: dict(), shown: dict(), required: dict(), problems: dict() };
}

/**
 * A form that recomputes as staff type.
 * @param {Object} plan the JS plan (formkit.jsplan.template_plan)
 * @param {Object} [payload] {values, tables, grids, prev, period, today, confirm}
 * @param {{lang?: string}} [options]
 */
export function createForm(plan, payload = {}, options = {}) {
  return new Form(plan, payload, options);
}

export class Form {
  constructor(plan, payload = {}, { lang = 'zh' } = {}) {
    if (plan.formkit_plan !== 1) throw new FormkitError('plan', `unsupported plan version ${plan.formkit_plan}`);
    this.plan = plan;
    this.lang = lang;
    this.order = new Map(plan.order.map((slot, i) => [slot, i]));
    this.values = dict(); // slot → the value its dependants see (null when hidden)
    this.store = newStore(this.values);
    this.tables = dict(); // table → rows (column → value, and _key)
    this.rowStores = new WeakMap(); // row → its store
    this.confirmed = new Set(payload.confirm || []);
    /** Instrumentation: expression evaluations, slot evaluations, check evaluations. */
    this.stats = { evaluations: 0, slots: 0, checks: 0, lastEvaluated: [] };
    this.listeners = [];
    this.nextKey = 1;
    const grids = {};
    for (const [id, g] of Object.entries(plan.grids || {})) {
      grids[id] = { rows: g.rows.filter((r) => !g.totals.includes(r)) };
    }
    this.env = { values: this.values, tables: this.tables, grids, prev: payload.prev || {}, period: payload.period };
    if (payload.today !== undefined) this.env.today = payload.today;
    this.load(payload);
    this.buildChecks();
    for (const check of this.checks) this.runCheck(check, null);
  }

  // -- values ------------------------------------------------------------------------------

  load(payload) {
    for (const [slot, s] of Object.entries(this.plan.slots)) {
      if (s.kind === 'table') {
        this.tables[slot] = (own(payload.tables, slot) || []).map((raw) => this.newRow(slot, raw));
      } else {
        const cells = s.grid === undefined ? undefined : own(own(payload.grids, s.grid), s.row);
        this.take(slot, s, cells !== undefined ? own(cells, s.col) : own(payload.values, slot), this.store);
      }
    }
    const first = Object.keys(this.plan.slots).filter((slot) => !this.order.has(slot));
    for (const slot of [...first, ...this.plan.order]) this.computeSlot(slot);
  }

  /** A value from the payload: typed, a correction, or pre-filled; computed slots ignore it. */
  take(key, s, raw, store) {
    if (s.kind === 'value' && s.expr === undefined) {
      try {
        store.prefilled[key] = toValue(raw, s.t);
      } catch (err) {
        if (!(err instanceof FormkitError)) throw err;
        store.problems[key] = [s.t];
      }
    } else if (this.editable(s)) {
      this.accept(key, s, raw, store);
    }
  }

  /** Typed input; refused input is held as null with a `type` problem (never rounded). */
  accept(key, s, raw, store) {
    const parsed = parseInput(s, raw);
    delete store.problems[key];
    if (parsed.error !== undefined) store.problems[key] = [parsed.error, parsed.arg];
    if (s.kind === 'value' && parsed.error === undefined && parsed.value === null) delete store.inputs[key];
    else store.inputs[key] = parsed.error === undefined ? parsed.value : null;
    return parsed.error === undefined;
  }

  newRow(table, raw) {
    const row = dict();
    row._key = own(raw, '_key') ?? `new-${this.nextKey++}`;
    const store = newStore(row);
    this.rowStores.set(row, store);
    for (const [col, c] of Object.entries(this.slot(table).columns)) {
      this.take(col, c, own(raw, col), store);
      row[col] = c.expr === undefined ? this.source(col, c, null, store) : null; // computeRow: the rest
    }
    return row;
  }

  editable(s) {
    return s.kind === 'input' || (s.kind === 'value' && s.confirm === true);
  }

  /** Where a value comes from: typed (or corrected), else its expression, else pre-filled. */
  source(key, s, env, store) {
    if (s.kind === 'input' || key in store.inputs) return store.inputs[key] ?? null;
    if (s.expr === undefined) return store.prefilled[key] ?? null;
    this.stats.evaluations += 1;
    return evaluate(s.expr, env);
  }

  /** Bring one slot up to date: its visibility, then its value; a table: all its rows. */
  computeSlot(slot) {
    const s = this.slot(slot);
    this.stats.slots += 1;
    if (s.kind === 'table') {
      for (const row of this.tables[slot]) this.computeRow(slot, row);
    } else {
      this.computeInto(slot, s, s.params ? { ...this.env, params: s.params } : this.env, this.store);
    }
  }

  computeRow(table, row) {
    const t = this.slot(table);
    const env = withRow(this.env, table, row);
    for (const col of t.row_order) this.computeInto(col, t.columns[col], env, this.rowStores.get(row));
  }

  computeInto(key, s, env, store) {
    if (store.problems[key]?.[0] === 'eval') delete store.problems[key];
    try {
      store.shown[key] = s.visible === undefined || this.cond(s.visible, env, 'evaluations') === true;
      store.values[key] = store.shown[key] ? settle(this.source(key, s, env, store), s) : null;
    } catch (err) {
      if (!(err instanceof FormkitError)) throw err;
      store.values[key] = null;
      store.problems[key] = ['eval', err.message];
    }
  }

  /** Count and evaluate a condition or check. */
  cond(expr, env, counter) {
    this.stats[counter] += 1;
    return evaluate(expr, env);
  }

  /** Computed slots to bring up to date after `slot` changed, in plan order. */
  affected(slot) {
    const seen = new Set();
    const stack = [slot];
    while (stack.length > 0) {
      for (const d of own(this.plan.dependants, stack.pop()) || []) {
        if (!seen.has(d)) stack.push(seen.add(d) && d);
      }
    }
    return [...seen].sort((a, b) => this.order.get(a) - this.order.get(b));
  }

  /** After `slot` changed: recompute its transitive dependants only, then their checks. */
  propagate(slot, row) {
    const affected = this.affected(slot);
    for (const a of affected) this.computeSlot(a);
    const changed = [slot, ...affected];
    this.stats.lastEvaluated = changed;
    this.recheck(changed, row);
    for (const fn of this.listeners) fn({ changed });
    return changed;
  }

  // -- editing -----------------------------------------------------------------------------

  /**
   * Staff typed `raw` into a field or grid cell (null or '' clears it, and clears a correction).
   * @returns {{ok: boolean, changed: string[], message?: string}}
   */
  set(slot, raw) {
    const s = this.slot(slot);
    if (s.kind === 'table') throw new FormkitError('plan', `'${slot}' is a table: use setCell`);
    return this.edit(s, () => {
      const ok = this.accept(slot, s, raw, this.store);
      this.stats.slots += 1;
      this.computeInto(slot, s, s.params ? { ...this.env, params: s.params } : this.env, this.store);
      return [ok, this.store.problems[slot], this.propagate(slot, null)];
    });
  }

  /** Staff typed into one cell of a table row (`index` from 0). */
  setCell(table, index, col, raw) {
    const row = this.row(table, index);
    const c = own(this.slot(table).columns, col);
    if (c === undefined) throw new FormkitError('plan', `the table '${table}' has no column '${col}'`);
    return this.edit(c, () => {
      const store = this.rowStores.get(row);
      const ok = this.accept(col, c, raw, store);
      this.computeInto(col, c, withRow(this.env, table, row), store);
      this.computeRow(table, row);
      return [ok, store.problems[col], this.propagate(table, row)];
    });
  }

  edit(s, apply) {
    this.stats.lastEvaluated = [];
    if (!this.editable(s)) return { ok: false, changed: [], message: this.message('readonly') };
    const [ok, problem, changed] = apply();
    return ok ? { ok, changed } : { ok, changed, message: this.message(...problem) };
  }

  addRow(table, raw = {}) {
    if (!this.slot(table).add_rows) return { ok: false, changed: [], message: this.message('readonly') };
    const row = this.newRow(table, { ...raw, _key: undefined });
    this.tables[table].push(row);
    this.computeRow(table, row);
    return { ok: true, changed: this.propagate(table, null), index: this.tables[table].length - 1 };
  }

  removeRow(table, index) {
    if (!this.slot(table).remove_rows) return { ok: false, changed: [], message: this.message('readonly') };
    this.tables[table].splice(this.tables[table].indexOf(this.row(table, index)), 1);
    return { ok: true, changed: this.propagate(table, null) };
  }

  /** Feedback-confirm a pre-filled value as it is (`confirm: true` fields). */
  confirm(slot) {
    if (this.slot(slot).confirm !== true) return false;
    this.confirmed.add(slot);
    return true;
  }

  /** Call `fn({changed})` after every change; returns a function that unsubscribes. */
  onChange(fn) {
    this.listeners.push(fn);
    return () => { this.listeners = this.listeners.filter((f) => f !== fn); };
  }

  slot(slot) {
    const s = own(this.plan.slots, slot);
    if (s === undefined) throw new FormkitError('plan', `unknown field '${slot}'`);
    return s;
  }

  row(table, index) {
    const row = (own(this.tables, table) || [])[index];
    if (row === undefined) throw new FormkitError('plan', `the table '${table}' has no row ${index}`);
    return row;
  }

  // -- reading -----------------------------------------------------------------------------

  /** A value as JSON: a number as exact text at its field's places, a date as ISO text. */
  get(slot, index, col) {
    const s = this.slot(slot);
    if (index === undefined) return toPlain(this.values[slot], s.precision);
    return toPlain(this.row(slot, index)[col], own(s.columns, col)?.precision);
  }

  isVisible(slot, index, col) {
    const store = index === undefined ? this.store : this.rowStores.get(this.row(slot, index));
    return store.shown[index === undefined ? slot : col] !== false;
  }

  isRequired(slot, index, col) {
    const store = index === undefined ? this.store : this.rowStores.get(this.row(slot, index));
    return store.required[index === undefined ? slot : col] === true;
  }

  /** The values in the shape of SPEC §5 (`plain` writes one value; numbers as exact text). */
  toJSON(plain = toPlain) {
    const out = { values: {}, tables: {}, grids: {}, confirm: [...this.confirmed] };
    for (const [slot, s] of Object.entries(this.plan.slots)) {
      if (s.kind === 'table') {
        out.tables[slot] = this.tables[slot].map((row) => Object.fromEntries([['_key', row._key],
          ...Object.entries(s.columns).map(([col, c]) => [col, plain(row[col], c.precision)])]));
      } else if (s.grid !== undefined) {
        const child = (o, k) => own(o, k) ?? (o[k] = {});
        child(child(out.grids, s.grid), s.row)[s.col] = plain(this.values[slot], s.precision);
      } else {
        out.values[slot] = plain(this.values[slot], s.precision);
      }
    }
    return out;
  }

  /** JSON text of toJSON() with numbers as exact JSON number tokens (`120.50`, SPEC §5). */
  serialize() {
    const mark = (v, places) => (typeof v === 'bigint' ? new RawNumber(formatNumber(v, places)) : toPlain(v));
    return stringify(this.toJSON(mark));
  }

  // -- checks: type, required, min, max, pattern, choices; rules; formats ------------------

  buildChecks() {
    this.checks = [];
    this.bySlot = new Map(); // slot → the checks that read it
    const add = (check, deps) => {
      check.results = new Map(); // '' or a row → issues (or format hits)
      this.checks.push(check);
      for (const d of new Set(deps)) this.bySlot.set(d, [...(this.bySlot.get(d) || []), check]);
    };
    for (const [slot, s] of Object.entries(this.plan.slots)) {
      if (s.kind !== 'table') add({ kind: 'slot', slot }, [slot, ...(s.check_deps || [])]);
      else add({ kind: 'columns', table: slot }, [slot, ...Object.values(s.columns).flatMap((c) => c.check_deps ?? [])]);
    }
    for (const r of this.plan.rules || []) add({ kind: 'rule', table: r.table, spec: r }, r.deps || []);
    for (const f of this.plan.formats || []) add({ kind: 'format', table: f.table, spec: f }, f.deps || []);
  }

  /** Re-run the checks that read a changed slot; a table's, on `row` alone when only it changed. */
  recheck(changed, row) {
    const triggers = new Map(); // check → the changed slots it reads
    for (const slot of changed) {
      for (const check of this.bySlot.get(slot) || []) triggers.set(check, [...(triggers.get(check) || []), slot]);
    }
    for (const [check, by] of triggers) {
      const onlyRow = row !== null && by.length === 1 && by[0] === check.table;
      this.runCheck(check, onlyRow ? row : null);
    }
  }

  runCheck(check, oneRow) {
    if (check.kind === 'slot') {
      const s = this.plan.slots[check.slot];
      const env = s.params ? { ...this.env, params: s.params } : this.env;
      const where = s.grid === undefined
        ? { field: check.slot, row: null, col: null }
        : { field: s.grid, row: s.row, col: s.col };
      check.results.set('', this.validate(check.slot, s, env, this.store, where));
      return;
    }
    if (oneRow === null) check.results.clear();
    const rows = check.table === undefined ? [''] : oneRow !== null ? [oneRow] : this.tables[check.table];
    for (const row of rows) {
      check.results.set(row, this.checkRow(check, row === '' ? this.env : withRow(this.env, check.table, row), row));
    }
  }

  checkRow(check, env, row) {
    if (check.kind === 'columns') {
      const store = this.rowStores.get(row);
      return Object.entries(this.plan.slots[check.table].columns).flatMap(([col, c]) =>
        this.validate(col, c, env, store, { field: check.table, row: THIS_ROW, col }));
    }
    const { spec } = check;
    const fields = spec.fields || [];
    let result;
    try {
      result = this.cond(check.kind === 'rule' ? spec.check : spec.when, env, 'checks');
    } catch (err) {
      if (!(err instanceof FormkitError)) throw err;
      result = check.kind === 'rule' ? false : null; // a check that cannot be verified is violated
    }
    if (check.kind === 'format') {
      const hit = { style: spec.style ?? null, class: spec.class ?? null };
      return result === true ? fields.map((f) => ({ ...this.place(f, check.table), ...hit })) : [];
    }
    if (result !== false) return []; // a null check waits for its inputs (SPEC §3)
    const where = this.place(fields[0], check.table);
    return [{ ...where, rule: spec.id, severity: spec.severity || 'error', message: pickLabel(spec.message, this.lang),
      also: fields.slice(1) }];
  }

  /** Where a rule or format is shown: `field`, `table.column`, `grid.row.column`, or a bare
   * column of the rule's own table (the row, THIS_ROW, is numbered by collect()). */
  place(dotted, table) {
    const here = table === undefined ? null : THIS_ROW;
    if (dotted === undefined) return { field: table ?? null, row: here, col: null };
    const parts = dotted.split('.');
    const { slots } = this.plan;
    if (parts.length === 2 && own(slots, parts[0])?.kind === 'table') {
      return { field: parts[0], row: parts[0] === table ? here : null, col: parts[1] };
    }
    if (parts.length === 3 && own(this.plan.grids, parts[0]) !== undefined) {
      return { field: parts[0], row: parts[1], col: parts[2] };
    }
    if (table !== undefined && hasOwn(slots[table].columns, parts[0])) return { field: table, row: here, col: parts[0] };
    return { field: dotted, row: null, col: null };
  }

  /** The built-in checks of one value (SPEC §5 rule ids). */
  validate(key, s, env, store, where) {
    const issue = (rule, ...msg) => ({ ...where, rule, severity: 'error', message: this.message(...msg) });
    store.required[key] = false;
    if (store.problems[key] !== undefined) return [issue('type', ...store.problems[key])];
    if (store.shown[key] === false) return [];
    const cond = (expr) => {
      try {
        return expr === undefined ? null : this.cond(expr, env, 'checks');
      } catch (err) {
        if (!(err instanceof FormkitError)) throw err;
        return null;
      }
    };
    const v = store.values[key] ?? null;
    store.required[key] = cond(s.required) === true;
    if (v === null) return store.required[key] ? [issue('required', 'required')] : [];
    const out = [];
    for (const [bound, sign] of [['min', -1], ['max', 1]]) {
      const b = cond(s[bound]);
      const outside = b !== null && typeOf(b) === typeOf(v) && Math.sign(compare(v, b)) === sign;
      if (outside) out.push(issue(bound, bound, toPlain(b)));
    }
    if (s.pattern !== undefined && typeof v === 'string' && !fullMatch(s.pattern, v)) {
      out.push(issue('pattern', 'pattern'));
    }
    if (s.choices !== undefined && (Array.isArray(v) ? v : [v]).some((k) => !s.choices.includes(k))) {
      out.push(issue('choices', 'choices'));
    }
    return out;
  }

  message(key, arg) {
    if (key === 'eval') return String(arg);
    return pickLabel(own(MESSAGES, key) || MESSAGES.text, this.lang).replace('{0}', arg === undefined ? '' : String(arg));
  }

  /** Every problem found, as in SPEC §5: {field, row, col, rule, severity, message}. */
  issues() {
    return this.collect((check) => check.kind !== 'format');
  }

  /** The formats whose `when` holds: {field, row, col, style, class}. */
  formats() {
    return this.collect((check) => check.kind === 'format');
  }

  collect(which) {
    const out = [];
    for (const check of this.checks.filter(which)) {
      const index = check.table === undefined ? null : new Map(this.tables[check.table].map((r, i) => [r, i]));
      for (const [row, items] of check.results) {
        for (const it of items) out.push(it.row === THIS_ROW ? { ...it, row: index?.get(row) ?? null } : it);
      }
    }
    return out;
  }
}

/** A number to be written as a JSON number token with exactly these digits. */
class RawNumber {
  constructor(text) { this.text = text; }
}

/** JSON.stringify that writes RawNumber as a number token. */
function stringify(v) {
  if (v instanceof RawNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringify).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${stringify(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
