/**
 * formkit-compile.js — the expressions of formkit's JS plan (formkit/jsplan.py), compiled into
 * nested closures (SPEC §3 meaning).
 *
 * Each JSON expression tree is turned once into a tree of small JavaScript closures, kept per node
 * object in a WeakMap: a form recomputing on every keystroke then runs plain function calls
 * instead of dispatching on node kinds, looking up operators and converting literals each time.
 * No eval and no Function constructor (the pages run under `script-src 'self'`): the closures are
 * ordinary functions written here, only composed at run time.
 *
 * A compiled expression raises exactly what the tree walk would, and when it would: a malformed
 * node, a function it does not implement or an overflowing literal fails only if evaluation
 * reaches it.
 */
import { ARITH, FormkitError, SCALE, checked, floorCeil, roundTo } from './formkit-decimal.js';
import {
  LocalDate, ageAt, compare, hasOwn, idCardBirth, own, periodRange, toValue, valueKey,
} from './formkit-values.js';

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

/** @typedef {(env: Env) => unknown} Compiled */

const COMPILED = new WeakMap(); // expression node → its closure, for evaluate() (no scope)

/**
 * @typedef {Object} Scope what a form tells the compiler about its own environment
 * @property {WeakMap<Object, Compiled>} cache  node → closure, for this form
 * @property {(slot: string) => ({v: unknown}|undefined)} cell  the box holding a slot's current
 *   internal value, which is always what `env.values[slot]` holds in every env the form passes
 */

/**
 * The closure of one expression node, built on first use.
 * @param {Object} e an expression node (see jsplan.py)
 * @param {Scope|null} [scope] a form's slots: its names then read their boxes directly
 * @returns {Compiled}
 */
export function compileExpr(e, scope = null) {
  if (e === null || typeof e !== 'object') return fail('plan', `'${e}' is not an expression`);
  const cache = scope === null ? COMPILED : scope.cache;
  let fn = cache.get(e);
  if (fn === undefined) {
    const build = own(BUILD, e.k);
    fn = build === undefined ? fail('plan', `unknown node kind '${e.k}'`) : build(e, scope);
    cache.set(e, fn);
  }
  return fn;
}

/**
 * Evaluate one expression of the JS plan.
 * @param {Object} e an expression node (see jsplan.py) @param {Env} env
 * @returns {unknown} an internal value
 */
export function evaluate(e, env) {
  return compileExpr(e)(env);
}

/** A closure that raises when it is reached (never when it is compiled). */
function fail(code, message) {
  return () => {
    throw new FormkitError(code, message);
  };
}

/** `env` with `row` as the current row of `table`. */
export function withRow(env, table, row) {
  return { ...env, rows: { ...env.rows, [table]: row } };
}

// ---- names ---------------------------------------------------------------------------------

/** raw → the internal value of type t; values already internal (the form's own) pass quickly. */
const INTERNAL = new Set(['number', 'text', 'date', 'boolean']); // types converter() keeps as they are

function converter(t) {
  switch (t) {
    case 'number': return (raw) => (typeof raw === 'bigint' ? checked(raw) : toValue(raw, t));
    case 'date': return (raw) => (raw instanceof LocalDate ? raw : toValue(raw, t));
    case 'boolean': return (raw) => (raw === true || raw === false ? raw : toValue(raw, t));
    default: return (raw) => toValue(raw, t);
  }
}

/**
 * o[k] for an id known when compiling. Ids that Object.prototype does not have (nearly all) are
 * read directly; the others (`constructor`, `toString`, …) go through own() so that they never
 * find the prototype's members.
 */
function reader(k) {
  if (k in Object.prototype) return (o) => own(o, k);
  return (o) => (o === null || o === undefined ? undefined : o[k]);
}

/** The value of a resolved name in the environment (not yet converted to its type). */
function lookup(ref) {
  switch (ref.ref) {
    case 'field':
    case 'cell': {
      const read = reader(ref.slot);
      return (env) => read(env.values);
    }
    case 'rowcol': {
      const { table, col } = ref;
      return (env) => {
        const row = own(env.rows, table);
        if (row === undefined) throw new FormkitError('plan', `'${col}' is read outside a row of '${table}'`);
        return own(row, col);
      };
    }
    case 'param':
      return (env) => own(env.params, ref.name);
    case 'poolcol':
    case 'pooltable':
      return fail('pool', 'the data pool is read by the server, never in the browser');
    default:
      return fail('plan', `'${ref.ref}' is not a value`);
  }
}

// ---- nodes ---------------------------------------------------------------------------------

const BUILD = {
  lit: (e) => {
    try {
      const v = toValue(e.v, e.t); // literals are immutable (numbers, text, dates, booleans)
      return () => v;
    } catch (err) {
      if (!(err instanceof FormkitError)) throw err;
      return () => { throw err; };
    }
  },
  ref: (e, scope) => {
    const cell = scope !== null && (e.ref === 'field' || e.ref === 'cell') ? scope.cell(e.slot) : undefined;
    // A form's own boxes hold internal values of the slot's type (parsed, checked, settled):
    // converting them again would give them back unchanged, so they are returned as they are.
    if (cell !== undefined && INTERNAL.has(e.t)) return () => cell.v;
    const read = lookup(e);
    const conv = converter(e.t);
    return (env) => conv(read(env));
  },
  un: (e, scope) => {
    const a = compileExpr(e.a, scope);
    if (e.op === 'not') return (env) => { const v = a(env); return v === null ? null : !v; };
    if (e.op === '-') return (env) => { const v = a(env); return v === null ? null : checked(-v); };
    return a;
  },
  bin: binary,
  isnull: (e, scope) => {
    const a = compileExpr(e.a, scope);
    const neg = e.neg;
    return (env) => (a(env) === null) !== neg;
  },
  in: (e, scope) => {
    const a = compileExpr(e.a, scope);
    const items = e.items.map((x) => compileExpr(x, scope));
    const neg = e.neg;
    return (env) => {
      const v = a(env);
      const vs = items.map((i) => i(env)); // every item is evaluated, as in Python
      if (v === null) return null;
      if (vs.some((i) => i !== null && compare(v, i) === 0)) return negate(true, neg);
      return negate(vs.includes(null) ? null : false, neg);
    };
  },
  between: (e, scope) => {
    const [a, lo, hi] = [e.a, e.lo, e.hi].map((x) => compileExpr(x, scope));
    const neg = e.neg;
    return (env) => {
      const v = a(env);
      const l = lo(env);
      const h = hi(env);
      const geLo = v === null || l === null ? null : compare(v, l) >= 0;
      const leHi = v === null || h === null ? null : compare(v, h) <= 0;
      return negate(and3(geLo, leHi), neg);
    };
  },
  call,
  agg: aggregate,
  prev: (e, scope) => {
    const read = reader(e.slot);
    const conv = converter(e.t);
    return (env) => conv(read(env.prev));
  },
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

const COMPARISONS = {
  '=': (c) => c === 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function binary(e, scope) {
  const { op } = e;
  const a = compileExpr(e.a, scope);
  const b = compileExpr(e.b, scope);
  // as in Python, a deciding left side of and/or skips the right one
  if (op === 'and') return (env) => { const x = a(env); return x === false ? false : and3(x, b(env)); };
  if (op === 'or') return (env) => { const x = a(env); return x === true ? true : or3(x, b(env)); };
  let f;
  if (hasOwn(ARITH, op)) f = ARITH[op];
  else if (op === '&') f = (x, y) => `${x}${y}`; // not re-normalised: NFC parts stay as they are (docs/semantics.md)
  else if (hasOwn(COMPARISONS, op)) {
    const test = COMPARISONS[op];
    f = (x, y) => test(compare(x, y));
  } else {
    f = () => { throw new FormkitError('plan', `unknown operator '${op}'`); };
  }
  return (env) => {
    const x = a(env);
    const y = b(env); // both sides run, so an overflow on the right is an error even after a null
    return x === null || y === null ? null : f(x, y);
  };
}

// ---- functions -----------------------------------------------------------------------------

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

const least = (args) => args.reduce((a, b) => (compare(b, a) < 0 ? b : a));
const greatest = (args) => args.reduce((a, b) => (compare(b, a) > 0 ? b : a));

/** Strict functions: they receive the argument values, never called when one is null. */
const STRICT = {
  round: ([x, n]) => roundTo(x, n === undefined ? 0 : Number(n / SCALE)),
  floor: ([x]) => floorCeil(x, false),
  ceil: ([x]) => floorCeil(x, true),
  abs: ([x]) => (x < 0n ? -x : x),
  min: least,
  max: greatest,
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

/** Functions that decide which arguments run (lazy: Python evaluates only the branch taken). */
const LAZY = {
  if: (args, scope) => {
    const [c, a, b] = [args[0], args[1], args[2]].map((x) => compileExpr(x, scope));
    return (env) => (c(env) === true ? a(env) : b(env));
  },
  coalesce: (args, scope) => {
    const parts = args.map((x) => compileExpr(x, scope));
    return (env) => {
      for (const p of parts) {
        const v = p(env);
        if (v !== null) return v;
      }
      return null;
    };
  },
};

/** A strict function as a builder of its call's closure: null in, null out. */
function strict(fn) {
  return (argNodes, scope) => {
    const args = argNodes.map((x) => compileExpr(x, scope));
    const n = args.length;
    return (env) => {
      const vs = new Array(n);
      let anyNull = false;
      for (let i = 0; i < n; i += 1) {
        vs[i] = args[i](env); // every argument runs (an overflow is an error even beside a null)
        if (vs[i] === null) anyNull = true;
      }
      return anyNull ? null : fn(vs, env);
    };
  };
}

/**
 * Every function the browser implements, by name: (argument nodes, scope) → the call's closure.
 * tests/test_function_table.py holds these names to the language's table (language/functions.py).
 */
export const FUNCTIONS = {
  ...Object.fromEntries(Object.entries(STRICT).map(([name, fn]) => [name, strict(fn)])),
  ...LAZY,
};
export const FUNCTION_NAMES = Object.freeze(Object.keys(FUNCTIONS));
export const LAZY_NAMES = Object.freeze(Object.keys(LAZY));

function call(e, scope) {
  const build = own(FUNCTIONS, e.fn);
  if (build === undefined) return fail('plan', `${e.fn}() is not supported by the browser`);
  return build(e.args, scope);
}

// ---- aggregates ----------------------------------------------------------------------------

/** The values an aggregate goes over (`true` per row for count(table)), of the rows `where` keeps. */
function aggregateItems(e, scope) {
  const { src } = e;
  const where = e.where === undefined ? null : compileExpr(e.where, scope);
  if (src.ref === 'table' || src.ref === 'tablecol') {
    const { table, col } = src;
    const conv = converter(src.t);
    const item = src.ref === 'table' ? () => true : (row) => conv(own(row, col));
    return (env) => {
      const out = [];
      const rows = own(env.tables, table) || [];
      if (where === null) {
        for (const row of rows) out.push(item(row));
        return out;
      }
      // One row environment, its current row swapped in per row: `where` runs synchronously and
      // keeps nothing of it (a nested aggregate copies what it needs), so no two objects per row.
      const rowEnv = withRow(env, table, null);
      for (const row of rows) {
        rowEnv.rows[table] = row;
        if (where(rowEnv) === true) out.push(item(row));
      }
      return out;
    };
  }
  if (src.ref === 'gridcol') {
    const cell = (r) => `${src.grid}.${r}.${src.col}`;
    const fixed = src.rows ? src.rows.map(cell) : null; // the plan's rows: slot names made once
    const named = new WeakMap(); // the env's row list → its slot names, made once per list
    const conv = converter('number');
    return (env) => {
      if (where !== null && where(env) !== true) return [];
      let slots = fixed;
      if (slots === null) {
        const rows = own(own(env.grids, src.grid), 'rows') || [];
        slots = named.get(rows);
        if (slots === undefined) named.set(rows, (slots = rows.map(cell)));
      }
      return slots.map((slot) => conv(own(env.values, slot)));
    };
  }
  return lookup(src); // pool sources: refused
}

const REDUCE = {
  count: (items) => BigInt(items.length) * SCALE,
  count_distinct: (items) => BigInt(new Set(items.map(valueKey)).size) * SCALE,
  sum: (items) => (items.length === 0 ? null : exactSum(items)),
  avg: (items) => (items.length === 0 ? null : ARITH['/'](exactSum(items), BigInt(items.length) * SCALE)),
  min: (items) => (items.length === 0 ? null : least(items)),
  max: (items) => (items.length === 0 ? null : greatest(items)),
};

/** The sum checked once, at the end (never a running total): order-independent, as SQL's SUM. */
function exactSum(items) {
  let total = 0n;
  for (const v of items) total += v;
  return checked(total);
}

function aggregate(e, scope) {
  const items = aggregateItems(e, scope);
  const reduce = own(REDUCE, e.fn);
  const fnName = e.fn;
  return (env) => {
    const present = items(env).filter((v) => v !== null);
    if (reduce === undefined) throw new FormkitError('plan', `unknown aggregate '${fnName}'`);
    return reduce(present);
  };
}
