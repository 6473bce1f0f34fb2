/**
 * formkit-values.js — the evaluator's values other than numbers (SPEC §3): calendar dates,
 * text ordered by code point, resident ID numbers, and the conversions between JSON and the
 * internal values:
 *   number      → BigInt holding the value × 10^10 (formkit-decimal.js)
 *   text        → string (NFC, never blank: blank text is null)
 *   date        → LocalDate (a calendar date, no time zone)
 *   boolean     → true / false
 *   multichoice → array of choice keys
 *   null        → null
 */
import {
  FormkitError, formatNumber, isBlank, toNumber, trimBlank,
} from './formkit-decimal.js';

export { isBlank, trimBlank }; // one definition, in formkit-decimal.js (it parses numbers with it)

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
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text)); // as Python: nothing around it
    return m ? LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }

  toString() {
    const p = (v, w) => String(v).padStart(w, '0');
    return `${p(this.y, 4)}-${p(this.m, 2)}-${p(this.d, 2)}`;
  }
}

/**
 * A period string (2026W45, 2026-10, 2026Q3, 2026, once) as {start, end}; null for once (and
 * no period). A period that names no real one (2026-13, 2026W54, 2025W53, 9999W52, which
 * ends in year 10000) is refused as Python's core.periods refuses it, never read as today.
 */
export function periodRange(text) {
  if (text === 'once' || text === '') return null;
  const range = parsePeriod(String(text));
  if (range === null) throw new FormkitError('period', `'${text}' is not a period (2026-10, 2026Q4, 2026W45, 2026)`);
  return range;
}

function parsePeriod(text) {
  let m;
  if ((m = /^(\d{4})W(\d{2})$/.exec(text))) {
    const jan4 = dayNumber(Number(m[1]), 1, 4); // week 1 holds 4 January; 1970-01-01 was a Thursday
    const monday = jan4 - ((((jan4 + 3) % 7) + 7) % 7) + (Number(m[2]) - 1) * 7;
    const ok = Number(m[2]) >= 1 && fromDayNumber(monday + 3).y === Number(m[1]); // W53 only in long years
    const [start, end] = [fromDayNumber(monday), fromDayNumber(monday + 6)];
    return ok && start.y >= 1 && end.y <= 9999 ? { start, end } : null;
  }
  let first = 1;
  let count = 12;
  if ((m = /^(\d{4})-(\d{2})$/.exec(text))) [first, count] = [Number(m[2]), 1];
  else if ((m = /^(\d{4})Q([1-4])$/.exec(text))) [first, count] = [3 * Number(m[2]) - 2, 3];
  else if (!(m = /^(\d{4})$/.exec(text))) return null;
  const y = Number(m[1]);
  const last = first + count - 1;
  const start = LocalDate.of(y, first, 1);
  const end = first >= 1 && last <= 12 ? LocalDate.of(y, last, monthDays(y, last)) : null;
  return start === null || end === null ? null : { start, end };
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
export function ageAt(birth, at) {
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

// What text may not hold, as control_char in formkit/core/text.py: C0 controls but tab,
// newline and carriage return, DEL, C1 controls, and lone surrogates (PostgreSQL cannot store
// NUL, SQLite's LENGTH stops at it, no SQL driver sends a lone surrogate)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character text may not hold, as 'U+0000', or null. @param {string} s */
export function controlChar(s) {
  const m = CONTROL.exec(s);
  return m === null ? null : `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** NFC text; blank text is null; a control character is refused. @param {unknown} x */
export function toText(x) {
  const raw = String(x);
  const bad = controlChar(raw);
  if (bad !== null) throw new FormkitError('type', `the text holds the control character ${bad}, which cannot be stored`);
  const s = raw.normalize('NFC');
  return isBlank(s) ? null : s;
}

// ---- resident ID numbers (GB 11643) ----------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The birth date of a valid 18-character ID number, else null. @param {string} s */
export function idCardBirth(s) {
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
export function hasOwn(o, k) {
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
      return typeof raw === 'string' && isBlank(raw) ? null : toNumber(/** @type {any} */ (raw));
    case 'text':
      return toText(raw);
    case 'date': {
      if (raw instanceof LocalDate) return raw;
      const d = typeof raw === 'string' && isBlank(raw) ? null : LocalDate.parse(String(raw));
      if (d === null && !isBlank(String(raw))) throw new FormkitError('type', `'${raw}' is not a date`);
      return d;
    }
    case 'boolean':
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw new FormkitError('type', `'${raw}' is not true or false`);
    case 'multichoice':
    {
      if (!Array.isArray(raw)) throw new FormkitError('type', 'a multichoice value is a list of keys');
      // as Python's _to_multi: a blank key is refused; each key once, in the order given
      const keys = raw.map(toText);
      if (keys.includes(null)) throw new FormkitError('type', 'a multichoice key is blank');
      const once = [...new Set(keys)];
      return once.length === 0 ? null : once;
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
export function compare(a, b) {
  if (typeof a === 'string') return compareText(a, /** @type {string} */ (b));
  if (a instanceof LocalDate) return a.n - b.n;
  if (a === b) return 0;
  return a < b ? -1 : 1; // bigint; booleans: false < true
}

/** A key under which equal values coincide (count_distinct). */
export function valueKey(v) {
  return `${typeOf(v)}:${toPlain(v)}`;
}

/**
 * Whether two internal values are the same value: a recomputed slot that did not change stops
 * the recompute there (dates and multichoice lists are new objects on each evaluation).
 */
export function sameValue(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof LocalDate) return b instanceof LocalDate && a.n === b.n;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

/** A number to be written as a JSON number token with exactly these digits. */
export class RawNumber {
  constructor(text) { this.text = text; }
}

/** JSON.stringify that writes RawNumber as a number token. */
export function stringify(v) {
  if (v instanceof RawNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringify).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${stringify(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
