/**
 * formkit-input.js — what staff type, as the evaluator takes it (SPEC §3, §4): Chinese input
 * habits (full-width digits, 。 for the point, thousands separators) and the parsing of typed
 * text into a slot's value or the reason it is refused. Pure functions, no DOM.
 */
import { FRACTION_DIGITS, FormkitError, LIMIT, parseDecimal } from './formkit-decimal.js';
import {
  controlChar, idCardBirth, isBlank, own, toText, toValue, trimBlank,
} from './formkit-values.js';

// ---- Chinese input habits --------------------------------------------------------------------

/** Full-width ASCII (０-９, Ａ-Ｚ, ．，－ …) and the ideographic space as their ASCII forms. */
export function halfWidth(text) {
  return String(text)
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Number text as staff type it: full-width digits, 。 for the point, thousands separators,
 * spaces and the various minus signs are accepted. */
export function normalizeNumber(text) {
  return halfWidth(text)
    .replace(/[。]/g, '.')
    .replace(/[\u2212\u2013\u2014]/g, '-')
    .replace(/[\s,，、_']/g, '');
}

const NUMBER_TYPES = new Set(['integer', 'decimal']);

/** What a typed text means for a control of `type` (the evaluator parses it). */
export function normalizeInput(type, text) {
  if (NUMBER_TYPES.has(type)) return normalizeNumber(text);
  if (type === 'id_card') return halfWidth(text).replace(/\s/g, '').replace(/x$/, 'X');
  if (type === 'phone') return trimBlank(halfWidth(text));
  if (type === 'date') return normalizeDate(text);
  return text;
}

/** A date as staff type it — 2026/10/1, 2026.10.01, 2026年10月1日, full-width digits — written
 * YYYY-MM-DD; anything else is left as typed (and refused as a date by parseInput). */
function normalizeDate(text) {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(halfWidth(text));
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

// ---- parsing ---------------------------------------------------------------------------------

// Mainland mobile (optionally +86), landline with area code, local number, 400/800 numbers;
// spaces and '-' between digits are ignored (as functions.PHONE in Python).
const PHONE = /^(?:(?:\+?86)?1[3-9][0-9]{9}|0[0-9]{9,11}|[0-9]{7,8}|[48]00[0-9]{7})$/;

/** The refusals parseInput names for a language type (message keys of the form). */
const TYPE_ERRORS = new Set(['number', 'date', 'boolean', 'text']);

/**
 * Staff input for a slot or column: {value} or {error: message key, arg}. Never rounds.
 * @param {Object} s the slot or column entry of the plan @param {unknown} raw
 */
export function parseInput(s, raw) {
  if (raw === null || raw === undefined || (typeof raw === 'string' && isBlank(raw))) return { value: null };
  // NUL, a lone surrogate, a control: refused before anything reads the text (as Python's _coerce)
  if (typeof raw === 'string' && controlChar(raw) !== null) return { error: 'control' };
  if (s.t === 'number') {
    const p = parseDecimal(/** @type {any} */ (raw));
    const places = s.precision ?? FRACTION_DIGITS;
    if (p === null) return { error: 'number' };
    if (p.places > places) return places === 0 ? { error: 'whole' } : { error: 'places', arg: places };
    return p.value >= LIMIT || p.value <= -LIMIT ? { error: 'big' } : { value: p.value };
  }
  if (s.type === 'id_card' || s.type === 'phone') {
    let text = typeof raw === 'string' ? toText(trimBlank(raw)) : null;
    if (s.type === 'id_card' && text !== null && text.endsWith('x')) text = `${text.slice(0, -1)}X`;
    const valid = s.type === 'id_card' ? (t) => idCardBirth(t) !== null : (t) => PHONE.test(t.replace(/[\s-]/g, ''));
    const ok = text !== null && valid(text);
    return ok ? { value: text } : { error: s.type };
  }
  try {
    return { value: toValue(raw, s.t) };
  } catch (err) {
    if (!(err instanceof FormkitError)) throw err;
    return { error: TYPE_ERRORS.has(s.t) ? s.t : 'choices' };
  }
}

// ---- messages --------------------------------------------------------------------------------

/** What staff are told, by message key (parseInput's refusals and the built-in checks). */
export const MESSAGES = {
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
  control: { zh: '含有不能保存的控制字符', en: 'This holds a control character that cannot be stored' },
  readonly: { zh: '此项由系统计算或带出，不能修改', en: 'This value is computed or pre-filled' },
};

/** A label in `lang`, else zh, else the first one given (SPEC §2.2). */
export function pickLabel(label, lang) {
  if (typeof label === 'string') return label;
  return own(label, lang) ?? own(label, 'zh') ?? Object.values(label)[0] ?? '';
}
