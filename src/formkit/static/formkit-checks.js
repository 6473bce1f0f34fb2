/**
 * formkit-checks.js — the checks of a form (SPEC §5): the built-in ones of each value (type,
 * required, min, max, pattern, choices), the template's rules and its conditional formats,
 * re-run when a slot they read changed. Methods of Form (formkit-form.js), which mixes them in.
 */
import { FormkitError } from './formkit-decimal.js';
import { compare, hasOwn, own, toPlain, typeOf } from './formkit-values.js';
import { compileExpr, withRow } from './formkit-compile.js';
import { MESSAGES, pickLabel } from './formkit-input.js';
import { fullMatch } from './formkit-pattern.js'; // a template `pattern` must match the whole text

/**
 * Whether an expression aggregates over `table` (count(t), sum(t.x) …): a per-row check that
 * does reads every row, so an edit of one row re-runs it on all of them.
 */
function aggregatesOver(node, table) {
  if (table === undefined || node === null || typeof node !== 'object') return false;
  if (node.k === 'agg' && node.src && node.src.table === table) return true;
  return Object.values(node).some((x) => aggregatesOver(x, table));
}

/** Stands for "this row's index" in an issue until issues() numbers the rows. */
export const THIS_ROW = Symbol('row');

const BOUNDS = [['min', -1], ['max', 1]];
const NO_ISSUES = Object.freeze([]); // shared by every value without issues (never added to)

/** Form's check methods (`this` is the form). */
export const checkMethods = {
  // -- checks: type, required, min, max, pattern, choices; rules; formats ------------------

  buildChecks() {
    this.checks = [];
    const add = (props, deps) => {
      // one shape for every kind (monomorphic loops); results: '' or a row → issues (or format
      // hits); a slot's are its `items`
      const check = {
        kind: undefined, slot: undefined, table: undefined, entry: undefined, where: undefined, spec: undefined,
        test: undefined, whole: false, results: new Map(), items: NO_ISSUES, mark: 0, by: null, ...props,
      };
      this.checks.push(check);
      for (const d of new Set(deps)) this.entries.get(d)?.checks.push(check); // a slot only changes if it is one
    };
    for (const [slot, e] of this.entries) {
      const { s } = e;
      if (s.kind !== 'table') {
        const where = s.grid === undefined ? { field: slot, row: null, col: null } : { field: s.grid, row: s.row, col: s.col };
        add({ kind: 'slot', slot, entry: e, where }, [slot, ...(s.check_deps || [])]);
      } else {
        const whole = Object.values(s.columns).some((c) => [c.required, c.min, c.max].some((x) => aggregatesOver(x, slot)));
        add({ kind: 'columns', table: slot, entry: e, whole },
          [slot, ...Object.values(s.columns).flatMap((c) => c.check_deps ?? [])]);
      }
    }
    for (const r of this.plan.rules || []) {
      add({ kind: 'rule', table: r.table, spec: r, test: compileExpr(r.check, this.scope),
        whole: aggregatesOver(r.check, r.table) }, r.deps || []);
    }
    for (const f of this.plan.formats || []) {
      add({ kind: 'format', table: f.table, spec: f, test: compileExpr(f.when, this.scope),
        whole: aggregatesOver(f.when, f.table) }, f.deps || []);
    }
  },

  /** Re-run the checks that read a changed slot; a table's, on `row` alone when only it changed. */
  recheck(changed, row) {
    const epoch = ++this.epoch;
    const run = []; // in the order they are first reached; `by`: the changed slot, or null for several
    for (const e of changed) {
      for (const check of e.checks) {
        if (check.mark === epoch) {
          check.by = null;
        } else {
          check.mark = epoch;
          check.by = e.key;
          run.push(check);
        }
      }
    }
    for (const check of run) {
      const onlyRow = row !== null && !check.whole && check.by !== null && check.by === check.table;
      this.runCheck(check, onlyRow ? row : null);
    }
  },

  runCheck(check, oneRow) {
    this.version += 1;
    if (check.kind === 'slot') {
      const e = check.entry;
      check.items = this.validate(e, e.env, e.cell, check.where); // one place: no results map
      return;
    }
    if (oneRow === null) check.results.clear();
    if (check.kind === 'columns') {
      if (oneRow === null) this.touched.set(check.table, true); // required marks may move on any row
      else this.touchRow(check.table, oneRow);
    }
    const rows = check.table === undefined ? [''] : oneRow !== null ? [oneRow] : this.tables[check.table];
    for (const row of rows) {
      check.results.set(row, this.checkRow(check, row === '' ? this.env : withRow(this.env, check.table, row), row));
    }
  },

  checkRow(check, env, row) {
    if (check.kind === 'columns') {
      const store = this.rowStores.get(row);
      const out = [];
      for (const c of check.entry.columns.values()) out.push(...this.validate(c, env, store.recs.get(c.key), c.where));
      return out;
    }
    const { spec } = check;
    const fields = spec.fields || [];
    let result;
    try {
      result = this.cond(check.test, env, 'checks');
    } catch (err) {
      if (!(err instanceof FormkitError)) throw err;
      result = check.kind === 'rule' ? false : null; // a check that cannot be verified is violated
    }
    if (check.kind === 'format') {
      if (result !== true) return [];
      const hit = { style: spec.style ?? null, class: spec.class ?? null };
      return fields.map((f) => ({ ...this.place(f, check.table), ...hit }));
    }
    if (result !== false) return []; // a null check waits for its inputs (SPEC §3)
    const where = this.place(fields[0], check.table);
    return [{ ...where, rule: spec.id, severity: spec.severity || 'error', message: pickLabel(spec.message, this.lang),
      also: fields.slice(1) }];
  },

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
  },

  /** A check's condition: null when absent or when it cannot be evaluated. */
  tryCond(fn, env) {
    if (fn === undefined) return null;
    try {
      return this.cond(fn, env, 'checks');
    } catch (err) {
      if (!(err instanceof FormkitError)) throw err;
      return null;
    }
  },

  issue(where, rule, key, arg) {
    return { ...where, rule, severity: 'error', message: this.message(key, arg) };
  },

  /** The built-in checks of one value (SPEC §5 rule ids). */
  validate(c, env, rec, where) {
    const { s } = c;
    rec.required = false;
    const { problem } = rec;
    if (problem !== undefined) return [this.issue(where, 'type', problem[0], problem[1])];
    if (rec.shown === false) return NO_ISSUES;
    const v = rec.v ?? null;
    rec.required = this.tryCond(c.required, env) === true;
    if (v === null) return rec.required ? [this.issue(where, 'required', 'required')] : NO_ISSUES;
    let out = NO_ISSUES; // an array is made only for a value with issues
    for (const [bound, sign] of BOUNDS) {
      const b = this.tryCond(c[bound], env);
      const outside = b !== null && typeOf(b) === typeOf(v) && Math.sign(compare(v, b)) === sign;
      if (outside) out = [...out, this.issue(where, bound, bound, toPlain(b))];
    }
    if (s.pattern !== undefined && typeof v === 'string' && !fullMatch(s.pattern, v)) {
      out = [...out, this.issue(where, 'pattern', 'pattern')];
    }
    if (s.choices !== undefined && (Array.isArray(v) ? v : [v]).some((k) => !s.choices.includes(k))) {
      out = [...out, this.issue(where, 'choices', 'choices')];
    }
    return out;
  },

  message(key, arg) {
    if (key === 'eval') return String(arg);
    return pickLabel(own(MESSAGES, key) || MESSAGES.text, this.lang).replace('{0}', arg === undefined ? '' : String(arg));
  },

  /** Every problem found, as in SPEC §5: {field, row, col, rule, severity, message}. */
  issues() {
    return this.collected('issues', (check) => check.kind !== 'format');
  },

  /** The formats whose `when` holds: {field, row, col, style, class}. */
  formats() {
    return this.collected('formats', (check) => check.kind === 'format');
  },

  /** collect(), kept until a check runs or rows move: the page asks several times per edit, and
   * a roster of thousands of rows has thousands of items. Each caller gets its own array. */
  collected(name, which) {
    const hit = this.collectedCache.get(name);
    if (hit !== undefined && hit.version === this.version) return hit.items.slice();
    const items = this.collect(which);
    this.collectedCache.set(name, { version: this.version, items });
    return items.slice();
  },

  collect(which) {
    const out = [];
    for (const check of this.checks) {
      if (!which(check)) continue;
      if (check.kind === 'slot') {
        out.push(...check.items);
        continue;
      }
      let index = null; // row → its position, made only when an item of this check needs it
      for (const [row, items] of check.results) {
        for (const it of items) {
          if (it.row !== THIS_ROW) {
            out.push(it);
            continue;
          }
          if (index === null) index = new Map((this.tables[check.table] || []).map((r, i) => [r, i]));
          out.push({ ...it, row: index.get(row) ?? null });
        }
      }
    }
    return out;
  },
};
