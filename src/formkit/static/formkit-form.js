/**
 * formkit-form.js — a form of the JS plan that recomputes as staff type (SPEC §3, §5, §6):
 * values in plan order, visibility, the built-in checks, rules and formats, the SPEC §5 payload.
 *
 * After an edit only the transitive dependants of the edited slot are looked at, in plan order,
 * and of those only the ones a changed slot feeds are recomputed: a slot whose value, visibility
 * and evaluation problem came out as before stops the recompute there (early cut-off). Checks
 * re-run when a slot they read changed. Expressions are compiled once (formkit-compile.js).
 */
import { FormkitError, formatNumber, roundTo } from './formkit-decimal.js';
import { RawNumber, own, sameValue, stringify, toPlain, toValue } from './formkit-values.js';
import { compileExpr, withRow } from './formkit-compile.js';
import { parseInput } from './formkit-input.js';
import { THIS_ROW, checkMethods } from './formkit-checks.js';

/** A value as its slot holds it: rounded half away from zero to its places (SPEC §3). */
function settle(v, s) {
  return typeof v === 'bigint' && s.precision !== undefined ? roundTo(v, s.precision) : v;
}

/** An object without a prototype: any id is safe as a key. */
const dict = () => Object.create(null);

/** Stands for "nothing typed" in a record's `input` (null is a typed blank). */
const NONE = Symbol('none');

/**
 * The state of one value (a scalar slot, or a column of one row): `v` its value, `shown`, whether
 * it is `required`, its `problem` ([message key, arg], or ['eval', message]), the typed `input`
 * (or NONE), what was typed when it was refused (`rejected`, or NONE) and the `prefilled` value.
 * Plain objects of one shape: the hot paths read fields instead of looking a key up in five
 * dictionaries.
 */
function newRecord() {
  return { v: null, shown: undefined, required: false, problem: undefined, input: NONE, rejected: NONE,
    prefilled: null, mask: null };
}

/**
 * A value store: `values` is what expressions read (the form's values, or the row itself),
 * `recs` the records by key. computeInto keeps `values[key]` equal to the record's `v`.
 */
function newStore(values, recs) {
  return { values, recs };
}

/** Two evaluation problems ([code, message] or undefined) say the same. */
function sameProblem(a, b) {
  return a === b || (a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1]);
}

/**
 * A slot or column of the plan with its expressions compiled: `key` (slot or column id), `s`
 * (the plan entry), and expr/visible/required/min/max as closures (undefined when absent).
 */
function entryOf(key, s, scope) {
  const fn = (e) => (e === undefined ? undefined : compileExpr(e, scope));
  return {
    key, s, expr: fn(s.expr), visible: fn(s.visible), required: fn(s.required), min: fn(s.min), max: fn(s.max),
    // Filled in by the Form; every field is here from the start so that all entries share one
    // object shape, and the loops over hundreds of them stay monomorphic.
    cell: undefined, env: undefined, where: undefined, columns: undefined, rowOrder: undefined,
    dependants: [], affected: null, checks: [], mark: 0,
  };
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
    this.epoch = 0; // one per propagation and per recheck: marks entries and checks reached
    this.version = 0; // changes whenever a check runs or rows move (issues() and formats() cache)
    this.collectedCache = new Map();
    this.values = dict(); // slot → the value its dependants see (null when hidden)
    this.tables = dict(); // table → rows (column → value, and _key)
    this.rowStores = new WeakMap(); // row → its store
    this.confirmed = new Set(payload.confirm || []);
    /** Instrumentation: expression evaluations, slot evaluations, check evaluations. */
    this.stats = { evaluations: 0, slots: 0, checks: 0, lastEvaluated: [] };
    this.listeners = [];
    this.nextKey = 1;
    this.touched = new Map(); // table → the rows whose values or checks were redone (true: all)
    const grids = {};
    for (const [id, g] of Object.entries(plan.grids || {})) {
      grids[id] = { rows: g.rows.filter((r) => !g.totals.includes(r)) };
    }
    this.env = { values: this.values, tables: this.tables, grids, prev: payload.prev || {}, period: payload.period };
    if (payload.today !== undefined) this.env.today = payload.today;
    // Each scalar slot has a record whose `v` compiled names read directly (a dictionary of
    // thousands of slots costs a hash lookup per read); computeInto keeps `values` equal to it.
    const cells = new Map();
    for (const [slot, s] of Object.entries(plan.slots)) {
      if (s.kind === 'table') continue;
      cells.set(slot, newRecord());
      this.values[slot] = null;
    }
    this.store = newStore(this.values, cells);
    const scope = { cache: new WeakMap(), cell: (slot) => cells.get(slot) };
    this.scope = scope;
    this.entries = new Map(); // slot → entryOf(); a table's has `columns` (Map) and `rowOrder`
    for (const [slot, s] of Object.entries(plan.slots)) {
      const e = entryOf(slot, s, scope);
      e.cell = cells.get(slot); // the slot's record (its `v` is what compiled names read)
      e.env = s.params ? { ...this.env, params: s.params } : this.env; // a grid row's parameters
      if (s.kind === 'table') {
        e.columns = new Map(Object.entries(s.columns).map(([col, c]) => [col, entryOf(col, c, scope)]));
        for (const c of e.columns.values()) c.where = { field: slot, row: THIS_ROW, col: c.key };
        e.rowOrder = s.row_order.map((col) => e.columns.get(col));
      }
      this.entries.set(slot, e);
    }
    // The plan's graph as direct references between entries, once: a keystroke then follows
    // pointers and compares marks, with no string lookups and no own-property tests.
    for (const [slot, e] of this.entries) {
      e.dependants = (own(plan.dependants, slot) || []).map((d) => this.entry(d));
      // e.affected: its transitive dependants in plan order, made on first use; e.checks: the
      // checks that read it (buildChecks); e.mark: the last propagation that reached it
    }
    this.load(payload);
    this.buildChecks();
    for (const check of this.checks) this.runCheck(check, null);
    this.touched.clear();
  }

  // -- values ------------------------------------------------------------------------------

  load(payload) {
    for (const [slot, e] of this.entries) {
      const { s } = e;
      if (s.kind === 'table') {
        this.tables[slot] = (own(payload.tables, slot) || []).map((raw) => this.newRow(e, raw));
      } else {
        const cells = s.grid === undefined ? undefined : own(own(payload.grids, s.grid), s.row);
        this.take(e, cells !== undefined ? own(cells, s.col) : own(payload.values, slot), e.cell);
      }
    }
    const first = [...this.entries.keys()].filter((slot) => !this.order.has(slot));
    for (const slot of [...first, ...this.plan.order]) this.computeSlot(slot);
  }

  /**
   * A value from the payload: typed, a correction, or pre-filled; computed slots ignore it.
   * `stored`: the server's (not a row staff add now): a masked ID or phone number in it is kept
   * as the mask the server showed (`mask`), which stands for the stored number and is taken as
   * it is — the same text typed anew is no number, and refused, here as on the server.
   */
  take(c, raw, rec, stored = true) {
    const { s } = c;
    if (stored && (s.type === 'id_card' || s.type === 'phone') && typeof raw === 'string' && raw.includes('*')) {
      rec.mask = raw;
    }
    if (s.kind === 'value' && s.expr === undefined) {
      try {
        rec.prefilled = toValue(raw, s.t);
      } catch (err) {
        if (!(err instanceof FormkitError)) throw err;
        rec.problem = [s.t];
      }
    } else if (this.editable(s)) {
      this.accept(s, raw, rec);
    }
  }

  /**
   * Typed input; refused input is held as null with a `type` problem (never rounded), and what
   * was typed is kept in `rejected`: the payload carries it (toJSON), so that the server refuses
   * it again instead of storing the null over a good value (formkit.runtime.form, SPEC §5).
   */
  accept(s, raw, rec) {
    const parsed = rec.mask !== null && raw === rec.mask ? { value: raw } : parseInput(s, raw);
    rec.problem = parsed.error === undefined ? undefined : [parsed.error, parsed.arg];
    rec.rejected = parsed.error === undefined ? NONE : raw;
    if (s.kind === 'value' && parsed.error === undefined && parsed.value === null) rec.input = NONE;
    else rec.input = parsed.error === undefined ? parsed.value : null;
    return parsed.error === undefined;
  }

  newRow(te, raw) {
    const row = dict();
    row._key = own(raw, '_key') ?? `new-${this.nextKey++}`;
    const store = newStore(row, new Map());
    this.rowStores.set(row, store);
    for (const c of te.columns.values()) {
      const rec = newRecord();
      store.recs.set(c.key, rec);
      this.take(c, own(raw, c.key), rec, own(raw, '_key') !== undefined);
      rec.v = c.expr === undefined ? this.source(c, null, rec) : null; // computeRow: the rest
      row[c.key] = rec.v;
    }
    return row;
  }

  editable(s) {
    return s.kind === 'input' || (s.kind === 'value' && s.confirm === true);
  }

  /** Where a value comes from: typed (or corrected), else its expression, else pre-filled. */
  source(c, env, rec) {
    if (c.s.kind === 'input' || rec.input !== NONE) return rec.input === NONE ? null : rec.input;
    if (c.expr === undefined) return rec.prefilled ?? null;
    this.stats.evaluations += 1;
    return c.expr(env);
  }

  /** Bring one slot up to date (a table: all its rows); whether anything it shows changed. */
  computeSlot(slot) {
    return this.computeEntry(this.entry(slot));
  }

  computeEntry(e) {
    const slot = e.key;
    this.stats.slots += 1;
    if (e.s.kind !== 'table') return this.computeInto(e, e.env, this.store);
    for (const row of this.tables[slot]) this.computeRow(e, row);
    this.touched.set(slot, true);
    return true; // rows are not compared: a recomputed table counts as changed
  }

  computeRow(te, row) {
    const env = withRow(this.env, te.key, row);
    const store = this.rowStores.get(row);
    for (const c of te.rowOrder) this.computeInto(c, env, store);
  }

  /** Visibility, then value; true when the value, visibility or evaluation problem changed. */
  computeInto(c, env, store) {
    const rec = store === this.store ? c.cell : store.recs.get(c.key);
    const { v: value, shown, problem } = rec;
    if (problem !== undefined && problem[0] === 'eval') rec.problem = undefined;
    try {
      rec.shown = c.visible === undefined || this.cond(c.visible, env, 'evaluations') === true;
      rec.v = rec.shown ? settle(this.source(c, env, rec), c.s) : null;
    } catch (err) {
      if (!(err instanceof FormkitError)) throw err;
      rec.v = null;
      rec.problem = ['eval', err.message];
    }
    if (rec.v !== value) store.values[c.key] = rec.v;
    return !sameValue(value, rec.v) || shown !== rec.shown || !sameProblem(problem, rec.problem);
  }

  /** Count and evaluate a compiled condition or check. */
  cond(fn, env, counter) {
    this.stats[counter] += 1;
    return fn(env);
  }

  /** Computed slots that may need bringing up to date after `slot` changed, in plan order. */
  affected(slot) {
    return this.affectedEntries(this.entry(slot)).map((e) => e.key);
  }

  affectedEntries(root) {
    if (root.affected === null) {
      const seen = new Set();
      const stack = [root];
      while (stack.length > 0) {
        for (const d of stack.pop().dependants) {
          if (!seen.has(d)) stack.push(seen.add(d) && d);
        }
      }
      root.affected = [...seen].sort((a, b) => this.order.get(a.key) - this.order.get(b.key));
    }
    return root.affected;
  }

  /**
   * After `slot` changed: recompute, in plan order, the dependants that a changed slot feeds
   * (a slot that comes out as before changes nothing downstream), then the checks that read a
   * changed slot. Returns the changed slots, `slot` first.
   */
  propagate(slot, row) {
    const root = this.entry(slot);
    const changed = [root];
    const evaluated = [slot];
    const epoch = ++this.epoch;
    for (const d of root.dependants) d.mark = epoch; // marked: a slot it reads has changed
    for (const a of root.dependants.length === 0 ? [] : this.affectedEntries(root)) {
      if (a.mark !== epoch) continue;
      evaluated.push(a.key);
      if (!this.computeEntry(a)) continue;
      changed.push(a);
      for (const d of a.dependants) d.mark = epoch;
    }
    this.stats.lastEvaluated = evaluated;
    this.recheck(changed, row);
    const keys = changed.map((e) => e.key);
    for (const fn of this.listeners) fn({ changed: keys });
    return keys;
  }

  // -- editing -----------------------------------------------------------------------------

  /**
   * Staff typed `raw` into a field or grid cell (null or '' clears it, and clears a correction).
   * @returns {{ok: boolean, changed: string[], rows: Object, message?: string}} `rows`: per table
   *   whose rows were redone, their indices, or true for all of them
   */
  set(slot, raw) {
    const e = this.entry(slot);
    const { s } = e;
    if (s.kind === 'table') throw new FormkitError('plan', `'${slot}' is a table: use setCell`);
    return this.edit(s, () => {
      const ok = this.accept(s, raw, e.cell);
      this.stats.slots += 1;
      this.computeInto(e, e.env, this.store);
      return [ok, e.cell.problem, this.propagate(slot, null)];
    });
  }

  /** Staff typed into one cell of a table row (`index` from 0). */
  setCell(table, index, col, raw) {
    const row = this.row(table, index);
    const te = this.entry(table);
    const c = te.columns === undefined ? undefined : te.columns.get(col);
    if (c === undefined) throw new FormkitError('plan', `the table '${table}' has no column '${col}'`);
    return this.edit(c.s, () => {
      const store = this.rowStores.get(row);
      const rec = store.recs.get(col);
      const ok = this.accept(c.s, raw, rec);
      this.computeInto(c, withRow(this.env, table, row), store);
      this.computeRow(te, row);
      this.touchRow(table, row);
      return [ok, rec.problem, this.propagate(table, row)];
    });
  }

  edit(s, apply) {
    this.stats.lastEvaluated = [];
    this.touched.clear();
    if (!this.editable(s)) return { ok: false, changed: [], rows: {}, message: this.message('readonly') };
    const [ok, problem, changed] = apply();
    const rows = this.touchedRows();
    return ok ? { ok, changed, rows } : { ok, changed, rows, message: this.message(...problem) };
  }

  /** Remember that one row of a table was redone (the DOM updates only those). */
  touchRow(table, row) {
    const had = this.touched.get(table);
    if (had === true) return;
    if (had === undefined) this.touched.set(table, new Set([row]));
    else had.add(row);
  }

  /** The rows redone since the edit began: table → indices, or true for every row. */
  touchedRows() {
    const out = {};
    for (const [table, rows] of this.touched) {
      out[table] = rows === true ? true : [...rows].map((r) => this.tables[table].indexOf(r)).filter((i) => i >= 0);
    }
    this.touched.clear();
    return out;
  }

  addRow(table, raw = {}) {
    const te = this.entry(table);
    this.touched.clear();
    if (!te.s.add_rows) return { ok: false, changed: [], rows: {}, message: this.message('readonly') };
    const row = this.newRow(te, { ...raw, _key: undefined });
    this.tables[table].push(row);
    this.version += 1;
    this.computeRow(te, row);
    this.touchRow(table, row);
    const changed = this.propagate(table, row); // the other rows are as they were: their checks too
    return { ok: true, changed, rows: this.touchedRows(), index: this.tables[table].length - 1 };
  }

  removeRow(table, index) {
    this.touched.clear();
    if (!this.slot(table).remove_rows) return { ok: false, changed: [], rows: {}, message: this.message('readonly') };
    this.tables[table].splice(this.tables[table].indexOf(this.row(table, index)), 1);
    this.version += 1;
    this.touched.set(table, true); // the rows after it moved up
    const changed = this.propagate(table, null);
    return { ok: true, changed, rows: this.touchedRows() };
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

  /** The compiled entry of a slot. */
  entry(slot) {
    const e = this.entries.get(slot);
    if (e === undefined) throw new FormkitError('plan', `unknown field '${slot}'`);
    return e;
  }

  /** The plan entry of a slot. */
  slot(slot) {
    return this.entry(slot).s;
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
    const rec = this.record(slot, index, col);
    return rec === undefined || rec.shown !== false;
  }

  isRequired(slot, index, col) {
    const rec = this.record(slot, index, col);
    return rec !== undefined && rec.required === true;
  }

  record(slot, index, col) {
    if (index === undefined) return this.store.recs.get(slot);
    return this.rowStores.get(this.row(slot, index)).recs.get(col);
  }

  /**
   * Each refused value as it was typed, at its place, as Form.to_json's `rejected` (SPEC §5):
   * [{field, row, col, value}], in the order of Python's issues — fields, then grid cells, then
   * roster cells row by row (formeval._input_slots); a grid cell is {field: grid, row, col}.
   */
  rejected() {
    const out = [];
    const entry = (field, row, col, rec) => {
      const v = rec.rejected;
      if (v !== NONE) out.push({ field, row, col, value: typeof v === 'bigint' ? v.toString() : v });
    };
    const slots = Object.entries(this.plan.slots);
    for (const [slot, s] of slots) {
      if (s.kind !== 'table' && s.grid === undefined) entry(slot, null, null, this.store.recs.get(slot));
    }
    for (const [slot, s] of slots) {
      if (s.grid !== undefined) entry(s.grid, s.row, s.col, this.store.recs.get(slot));
    }
    for (const [slot, s] of slots) {
      if (s.kind !== 'table') continue;
      this.tables[slot].forEach((row, index) => {
        const recs = this.rowStores.get(row).recs;
        for (const col of Object.keys(s.columns)) entry(slot, index, col, recs.get(col));
      });
    }
    return out;
  }

  /** The values in the shape of SPEC §5 (`plain` writes one value; numbers as exact text), and
   * `rejected` when a typed value was refused (the values show null there). */
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
    const rejected = this.rejected();
    if (rejected.length > 0) out.rejected = rejected;
    return out;
  }

  /** JSON text of toJSON() with numbers as exact JSON number tokens (`120.50`, SPEC §5). */
  serialize() {
    const mark = (v, places) => (typeof v === 'bigint' ? new RawNumber(formatNumber(v, places)) : toPlain(v));
    return stringify(this.toJSON(mark));
  }
}

// The checks' methods live in formkit-checks.js (one module per job, each under ~600 lines).
Object.assign(Form.prototype, checkMethods);
