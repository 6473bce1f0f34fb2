/**
 * formkit-eval.js — the browser evaluator of formkit's JS plan (SPEC §3; the plan format:
 * formkit/jsplan.py): the one module pages, hosts and tests import. It gathers the parts, each a
 * module named after its job:
 *   formkit-decimal.js  exact decimals on BigInt (value × 10^10) and FormkitError
 *   formkit-values.js   dates, text by code point, ID numbers, JSON ↔ internal values
 *   formkit-compile.js  expressions compiled once into closures; evaluate(node, env)
 *   formkit-input.js    what staff type: Chinese input habits, parsing into a slot's value
 *   formkit-form.js     createForm(plan, payload): recompute, checks, the SPEC §5 payload
 * Static ES modules without dependencies outside this folder: no eval, no Function constructor,
 * no dynamic import, so they run under `Content-Security-Policy: script-src 'self'` and in node.
 */
export {
  FRACTION_DIGITS, FormkitError, formatNumber, roundTo, toNumber,
} from './formkit-decimal.js';
export {
  LocalDate, compareText, own, periodRange, sameValue, toPlain, toValue, typeOf,
} from './formkit-values.js';
export { compileExpr, evaluate, withRow } from './formkit-compile.js';
export { halfWidth, normalizeInput, normalizeNumber, parseInput } from './formkit-input.js';
export { Form, createForm } from './formkit-form.js';
