/**
 * formkit.js — the DOM runtime of formkit's HTML forms (SPEC §4).
 *
 * Binds to every fragment rendered by formkit.render_html (`[data-fk-form]`): reads the compiled
 * plan and the form's state from their `<script type="application/json">` tags, runs them with
 * formkit-eval.js, and as staff type recomputes only the dependants of what changed (calcs,
 * visibility, required, checks, formats), showing each issue next to its field. It hands the
 * host the submission (SPEC §5 JSON) in a `formkit:submit` DOM event; the server validates it
 * again — this runtime never trusts its own result.
 *
 * No eval, no inline code, no HTML parsing of data (text is set with textContent): it runs
 * under `Content-Security-Policy: script-src 'self'`.
 *
 * Events, dispatched on the form's root and bubbling:
 *   formkit:ready   {view}                                    bound
 *   formkit:change  {changed, issues}                         after each edit
 *   formkit:submit  {payload, json, issues}                   submit pressed, no blocking error
 *   formkit:draft   {payload, json, issues}                   save draft pressed (never blocked)
 *   formkit:invalid {payload, json, issues}                   submit pressed with blocking errors
 * `payload` has numbers as exact decimal text; `json` is the same as JSON text with numbers as
 * exact JSON number tokens (`120.50`). The view is `root.formkit`; `bindAll()` binds new roots.
 *
 * The markup it binds to (formkit/render/templates):
 *   [data-fk-form][data-fk-mode]       the root; script[data-fk-plan], script[data-fk-state] inside
 *   [data-fk-field=SLOT]               a scalar field's box; [data-fk-cell=GRID.ROW.COL] a grid cell
 *   [data-fk-slot=SLOT]                the control of a field or grid cell (input, select,
 *                                      fieldset of input[data-fk-choice], or span in review/print)
 *   [data-fk-table=T] tbody[data-fk-rows] tr[data-fk-row][data-fk-key]  a roster and its rows;
 *     td[data-fk-col=C] [data-fk-column=C]                              a row's cell and control
 *   template[data-fk-row-template=T]   the blank row cloned by [data-fk-add-row=T];
 *                                      [data-fk-remove-row] in a row removes it
 *   [data-fk-issues] in a box          the place's issues; [data-fk-table-issues], [data-fk-summary]
 *   [data-fk-mark][data-fk-source]     where a value came from; [data-fk-confirm=SLOT] confirms it,
 *                                      [data-fk-original] holds the pre-filled value
 *   [data-fk-footer=ID], [data-fk-action=submit|draft], [data-fk-live] (announcements)
 * State it sets: `hidden` on boxes, `aria-invalid`, `aria-required`, the classes fk-has-error|
 * warning|info, fk-is-required, fk-is-hidden, fk-fmt-STYLE or a format's own class.
 */
import { createForm } from './formkit-eval.js';

import { halfWidth, normalizeInput, normalizeNumber } from './formkit-input.js';

export { halfWidth, normalizeInput, normalizeNumber }; // public here since before the split

import { fill, issueMethods, key } from './formkit-issues.js';
import { isBlank, trimBlank } from './formkit-values.js';

function readJSON(root, attr) {
  const el = root.querySelector(`script[${attr}]`);
  return el ? JSON.parse(el.textContent) : null;
}

// ---- the view --------------------------------------------------------------------------------

export class FormView {
  /** @param {HTMLElement} root a `[data-fk-form]` element @param {{lang?: string}} [options] */
  constructor(root, options = {}) {
    this.root = root;
    this.plan = readJSON(root, 'data-fk-plan');
    this.state = readJSON(root, 'data-fk-state');
    this.lang = options.lang || this.state.lang;
    this.mode = this.state.mode;
    this.ui = this.state.ui;
    this.labels = this.state.labels || {};
    this.form = createForm(this.plan, this.state.payload, { lang: this.lang });
    this.touched = new Set(); // places staff left or edited: their `required` issues show
    this.edited = new Set(); // places staff edited: the server's issues there are stale
    this.typing = null; // the place being typed into: its type issues wait for the change event
    this.attempted = this.mode === 'review'; // a submit was tried (review shows every issue)
    this.computedIssues = this.mode !== 'print'; // a printed form shows the server's issues only
    this.serverIssues = (this.state.issues || []).map((i) => ({ ...i, server: true }));
    this.shown = new Map(); // place key → the issues shown there (as a string, to compare)
    this.formatted = new Map(); // element → the format classes applied to it
    this.flags = new Map(); // element → 'visible|required' last applied
    this.nextRow = 0;
    this.boxes = new Map();
    for (const box of root.querySelectorAll('[data-fk-field]')) this.boxes.set(box.dataset.fkField, box);
    for (const box of root.querySelectorAll('[data-fk-cell]')) this.boxes.set(box.dataset.fkCell, box);
    for (const list of root.querySelectorAll('[data-fk-summary-list], [data-fk-table-issues]')) {
      list.replaceChildren(); // the server's loose issues: shown again below, by the runtime
    }
    this.listen();
    this.refresh(Object.keys(this.plan.slots), { all: true });
    root.formkit = this;
    this.emit('ready', { view: this });
  }

  // -- places --------------------------------------------------------------------------------

  /** The table section of a roster. */
  // Rosters can hold thousands of rows and formats/issues ask for them per hit: the sections
  // are looked up once, and each table's row list is kept until a row is added or removed.
  tableOf(table) {
    if (!this.tableCache) {
      this.tableCache = new Map([...this.root.querySelectorAll('[data-fk-table]')].map((el) => [el.dataset.fkTable, el]));
    }
    return this.tableCache.get(table) || null;
  }

  rowsOf(table) {
    if (!this.rowCache) this.rowCache = new Map();
    let rows = this.rowCache.get(table);
    if (!rows) {
      const section = this.tableOf(table);
      const body = section && section.querySelector('tbody[data-fk-rows]');
      rows = body ? [...body.children].filter((tr) => tr.hasAttribute('data-fk-row')) : [];
      this.rowCache.set(table, rows);
    }
    return rows;
  }

  /** A row's cell of a column; each row's cells are indexed once (formats and issues ask per hit). */
  cellOf(tr, col) {
    if (!this.cellCache) this.cellCache = new WeakMap(); // a removed row's entry goes with it
    let cells = this.cellCache.get(tr);
    if (!cells) {
      cells = new Map();
      for (const td of tr.children) if (td.dataset.fkCol !== undefined) cells.set(td.dataset.fkCol, td);
      this.cellCache.set(tr, cells);
    }
    return cells.get(col) || null;
  }

  /** The box (field, grid cell or roster cell) where a place's issues and formats show. */
  boxOf(field, row, col) {
    if (row === null || row === undefined) return this.boxes.get(field) || null;
    const grid = this.plan.grids && this.plan.grids[field];
    if (grid !== undefined) return this.boxes.get(`${field}.${row}.${col}`) || null;
    const tr = this.rowsOf(field)[row];
    return tr && col ? this.cellOf(tr, col) : null;
  }

  controlIn(box) {
    return box && box.querySelector('[data-fk-slot], [data-fk-column]');
  }

  /** The place a control edits: {slot} or {table, index, col}, with its plan entry. */
  placeOf(el) {
    const ctl = el.closest('[data-fk-slot], [data-fk-column]');
    if (!ctl || !this.root.contains(ctl)) return null;
    if (ctl.dataset.fkSlot !== undefined) {
      const slot = ctl.dataset.fkSlot;
      const s = this.plan.slots[slot];
      if (s === undefined) return null;
      const k = s.grid === undefined ? key(slot) : key(s.grid, s.row, s.col);
      return { ctl, slot, s, key: k };
    }
    const tr = ctl.closest('tr[data-fk-row]');
    const section = ctl.closest('[data-fk-table]');
    if (!tr || !section) return null;
    const table = section.dataset.fkTable;
    const index = this.rowsOf(table).indexOf(tr);
    const col = ctl.dataset.fkColumn;
    const s = this.plan.slots[table].columns[col];
    return { ctl, table, index, col, s, tr, key: key(table, index, col) };
  }

  // -- events --------------------------------------------------------------------------------

  listen() {
    const on = (type, fn) => this.root.addEventListener(type, fn);
    on('input', (e) => { if (!e.isComposing) this.onEdit(e.target, false); }); // not mid-IME (拼音)
    on('compositionend', (e) => this.onEdit(e.target, false));
    on('change', (e) => this.onEdit(e.target, true));
    on('focusout', (e) => this.onLeave(e.target));
    on('click', (e) => this.onClick(e));
    on('keydown', (e) => this.onKey(e));
  }

  editable(el) {
    return this.mode === 'fill' && !el.readOnly && !el.disabled;
  }

  /** The raw value of a control, as the evaluator takes it. */
  rawOf(ctl, type) {
    if (ctl.tagName === 'FIELDSET') {
      return [...ctl.querySelectorAll('input[data-fk-choice]')].filter((c) => c.checked).map((c) => c.value);
    }
    return normalizeInput(type, ctl.value);
  }

  onEdit(target, committed) {
    if (target.matches('[data-fk-footer]')) return;
    if (target.matches('[data-fk-filter]')) {
      this.filterRows(target);
      return;
    }
    const place = this.placeOf(target);
    if (!place || !this.editable(target)) return;
    const { ctl, s } = place;
    const type = ctl.dataset.fkType || s.type;
    const textual = ctl.tagName === 'INPUT' && ctl.type !== 'date';
    if (!committed && !textual) return; // selects, checkboxes, dates: their change event follows
    if (committed && textual) {
      const normal = this.rawOf(ctl, type);
      if (normal !== ctl.value) ctl.value = normal;
    }
    this.typing = committed ? null : place.key;
    this.edited.add(place.key);
    const raw = this.rawOf(ctl, type);
    const result = place.table === undefined
      ? this.form.set(place.slot, raw)
      : this.form.setCell(place.table, place.index, place.col, raw);
    if (committed) {
      this.touched.add(place.key);
      if (s.confirm && place.table === undefined) this.updateConfirm(place.slot, ctl);
    }
    this.refresh(result.changed, { rows: result.rows });
    if (committed) this.announcePlace(place.key);
    this.emit('change', { changed: result.changed, issues: this.form.issues() });
  }

  onLeave(target) {
    const place = this.placeOf(target);
    if (!place || this.mode !== 'fill') return;
    this.touched.add(place.key);
    if (this.typing === place.key) this.typing = null;
    this.refreshIssues();
  }

  onClick(e) {
    const btn = e.target.closest('button');
    if (!btn || !this.root.contains(btn)) return;
    if (btn.dataset.fkConfirm !== undefined) this.toggleConfirm(btn);
    else if (btn.dataset.fkAddRow !== undefined) this.addRow(btn.dataset.fkAddRow);
    else if (btn.hasAttribute('data-fk-remove-row')) this.removeRow(btn);
    else if (btn.dataset.fkAction === 'submit' || btn.dataset.fkAction === 'draft') this.submit(btn.dataset.fkAction);
    else return;
    e.preventDefault();
  }

  /** Enter moves to the next field (Shift+Enter back); ↑/↓ move within a roster or grid column. */
  onKey(e) {
    const el = e.target;
    if (el.tagName !== 'INPUT' || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    if (e.key === 'Enter' && el.type !== 'checkbox') {
      const all = this.focusables();
      const next = all[all.indexOf(el) + (e.shiftKey ? -1 : 1)];
      if (next) {
        e.preventDefault();
        next.focus();
        if (next.select && next.tagName === 'INPUT' && next.type === 'text') next.select();
      }
      return;
    }
    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && (el.type === 'text' || el.type === 'tel')) {
      const td = el.closest('td');
      const tr = td && td.parentElement;
      if (!tr || !tr.parentElement) return;
      const rows = [...tr.parentElement.children];
      const target = rows[rows.indexOf(tr) + (e.key === 'ArrowDown' ? 1 : -1)];
      const cell = target && target.children[[...tr.children].indexOf(td)];
      const ctl = cell && cell.querySelector('input:not([type=checkbox]), select');
      if (ctl) {
        e.preventDefault();
        ctl.focus();
      }
    }
  }

  focusables() {
    const sel = 'input:not([type=hidden]):not([readonly]):not([disabled]), select:not([disabled]), textarea';
    return [...this.root.querySelectorAll(sel)].filter((el) => !el.closest('[hidden]') && !el.closest('template'));
  }

  // -- confirm and correct -------------------------------------------------------------------

  toggleConfirm(btn) {
    const slot = btn.dataset.fkConfirm;
    const on = btn.getAttribute('aria-pressed') !== 'true';
    if (on) this.form.confirm(slot);
    else this.form.confirmed.delete(slot);
    this.setConfirmed(slot, on);
    this.emit('change', { changed: [], issues: this.form.issues() });
  }

  setConfirmed(slot, on) {
    const box = this.boxes.get(slot);
    const btn = box && box.querySelector('[data-fk-confirm]');
    if (!btn) return;
    btn.setAttribute('aria-pressed', on ? 'true' : 'false');
    btn.textContent = on ? this.ui.confirmed : this.ui.confirm;
    const mark = box.querySelector('[data-fk-mark]');
    this.setMark(box, on ? 'confirmed' : (mark && mark.dataset.fkBase) || 'pool');
  }

  /** After a confirmable value was edited: corrected (original shown) or back to the original. */
  updateConfirm(slot, ctl) {
    const box = this.boxes.get(slot);
    const original = box && box.querySelector('[data-fk-original]');
    if (!original) return;
    const was = original.dataset.fkOriginal;
    if (ctl.value === '' && was !== '') {
      ctl.value = was; // a blank correction: the pre-filled value stands again
      this.form.set(slot, null);
    }
    const corrected = ctl.value !== was && normalizeNumber(ctl.value) !== normalizeNumber(was);
    original.hidden = !corrected;
    const text = original.querySelector('[data-fk-original-text]');
    if (text) text.textContent = was;
    if (corrected) {
      this.form.confirmed.delete(slot);
      this.setConfirmed(slot, false);
      this.setMark(box, 'corrected');
    } else {
      this.setConfirmed(slot, this.form.confirmed.has(slot));
    }
  }

  setMark(box, source) {
    const mark = box.querySelector('[data-fk-mark]');
    if (!mark) return;
    mark.dataset.fkSource = source;
    mark.className = `fk-mark fk-mark--${source}`;
    mark.textContent = this.ui[`source_${source}`] || source;
  }

  // -- rows ----------------------------------------------------------------------------------

  addRow(table) {
    const result = this.form.addRow(table);
    if (!result.ok) return this.announce(result.message);
    const section = this.tableOf(table);
    const tpl = [...section.querySelectorAll('template[data-fk-row-template]')]
      .find((t) => t.dataset.fkRowTemplate === table);
    const tr = tpl.content.firstElementChild.cloneNode(true);
    const rid = `n${this.nextRow++}`;
    for (const el of [tr, ...tr.querySelectorAll('*')]) {
      for (const attr of ['id', 'for', 'aria-describedby', 'aria-labelledby', 'data-fk-rid']) {
        const v = el.getAttribute(attr);
        if (v !== null && v.includes('__ROW__')) el.setAttribute(attr, v.split('__ROW__').join(rid));
      }
    }
    tr.dataset.fkKey = this.form.tables[table][result.index]._key;
    section.querySelector('tbody[data-fk-rows]').appendChild(tr);
    if (this.rowCache) this.rowCache.delete(table);
    this.renumber(table);
    this.refresh(result.changed, { rows: result.rows });
    const first = tr.querySelector('input:not([readonly]), select');
    if (first) first.focus();
    this.announce(fill(this.ui.row_added, { n: result.index + 1 }));
    this.emit('change', { changed: result.changed, issues: this.form.issues() });
    return result;
  }

  removeRow(btn) {
    const tr = btn.closest('tr[data-fk-row]');
    const table = btn.closest('[data-fk-table]').dataset.fkTable;
    const rows = this.rowsOf(table);
    const index = rows.indexOf(tr);
    const result = this.form.removeRow(table, index);
    if (!result.ok) return this.announce(result.message);
    const next = rows[index + 1] || rows[index - 1];
    tr.remove();
    if (this.rowCache) this.rowCache.delete(table);
    this.forgetRows(table);
    this.renumber(table);
    this.refresh(result.changed, { rows: { [table]: true } });
    const focus = next ? next.querySelector('[data-fk-remove-row]') : this.tableOf(table).querySelector('[data-fk-add-row]');
    if (focus) focus.focus();
    this.announce(this.ui.row_removed);
    this.emit('change', { changed: result.changed, issues: this.form.issues() });
    return result;
  }

  /** Row indices moved: the per-place memories of that table start again, and the server's
   * issues on its rows (indexed as they were) are dropped. */
  forgetRows(table) {
    this.serverIssues = this.serverIssues.filter((i) => i.field !== table || i.row === null);
    for (const set of [this.touched, this.edited]) {
      for (const k of [...set]) if (k.startsWith(`${table}|`) && !k.startsWith(`${table}||`)) set.delete(k);
    }
  }

  renumber(table) {
    const rows = this.rowsOf(table);
    rows.forEach((tr, i) => {
      const row = fill(this.ui.row_n, { n: i + 1 });
      const num = tr.querySelector('[data-fk-rownum]');
      if (num) num.textContent = String(i + 1);
      for (const ctl of tr.querySelectorAll('[data-fk-column]')) {
        ctl.setAttribute('aria-label', fill(this.ui.cell_label, { label: ctl.dataset.fkLabel || '', row }));
      }
      const rm = tr.querySelector('[data-fk-remove-row]');
      if (rm) rm.setAttribute('aria-label', fill(this.ui.remove_row_n, { n: i + 1 }));
    });
    const section = this.tableOf(table);
    const empty = section.querySelector('[data-fk-empty]');
    if (empty) empty.hidden = rows.length > 0;
    const count = section.querySelector('[data-fk-count]');
    if (count) count.textContent = fill(this.ui.rows_count, { n: rows.length });
  }

  // -- showing the form ----------------------------------------------------------------------

  /**
   * Bring the DOM up to date after `changed` slots changed. `rows`: per table, the indices of the
   * rows the form redid, or true for all (the form's result says which): a keystroke in a roster
   * of thousands of rows touches that row's cells, not every cell of the table.
   */
  refresh(changed, { all = false, rows = {} } = {}) {
    for (const slot of changed) {
      const s = this.plan.slots[slot];
      if (s !== undefined && s.kind !== 'table') this.showSlot(slot, s, all);
    }
    for (const [table, t] of Object.entries(this.plan.slots)) {
      if (t.kind !== 'table') continue;
      const which = all ? true : rows[table];
      if (which !== undefined) this.showRows(table, t, all, which);
    }
    for (const [slot, s] of Object.entries(this.plan.slots)) {
      if (s.kind !== 'table') this.setFlags(this.boxes.get(slot), this.form.isVisible(slot), this.form.isRequired(slot));
    }
    this.refreshIssues();
    this.refreshFormats();
  }

  showSlot(slot, s, all) {
    const ctl = this.controlIn(this.boxes.get(slot));
    if (!ctl) return;
    const computed = s.kind === 'calc' || (s.kind === 'value' && s.expr !== undefined && !s.confirm);
    if (computed || (all && this.mode !== 'fill')) this.showValue(ctl, s, this.form.get(slot), this.labels[slot]);
  }

  /** Show the values and flags of a table's rows: `which` indices, or true for every row. */
  showRows(table, t, all, which = true) {
    const trs = this.rowsOf(table);
    const columns = Object.entries(t.columns);
    for (const i of which === true ? trs.keys() : which) {
      const tr = trs[i];
      if (!tr) continue;
      for (const [col, c] of columns) {
        const td = this.cellOf(tr, col);
        if (!td) continue;
        const ctl = this.controlIn(td);
        const computed = c.kind === 'calc' || (c.kind === 'value' && c.expr !== undefined);
        if (ctl && (computed || (all && this.mode !== 'fill'))) {
          this.showValue(ctl, c, this.form.get(table, i, col), this.labels[`${table}.${col}`]);
        }
        this.setFlags(td, this.form.isVisible(table, i, col), this.form.isRequired(table, i, col));
      }
    }
  }

  /** Show a computed value (never over what staff are typing). */
  showValue(ctl, s, v, labels) {
    let text = '';
    if (v !== null && v !== undefined) {
      if (s.t === 'boolean') text = v ? this.ui.yes : this.ui.no;
      else if (Array.isArray(v)) text = v.map((k) => (labels && labels[k]) || k).join(this.ui.sep);
      else text = (labels && labels[v]) || String(v);
    }
    if (ctl.tagName === 'INPUT') {
      if (ctl.value !== text && document.activeElement !== ctl) ctl.value = text;
    } else if (ctl.tagName === 'SPAN' && ctl.textContent !== text) {
      ctl.textContent = text;
      ctl.classList.toggle('fk-value--blank', text === '');
    }
  }

  setFlags(box, visible, required) {
    if (!box) return;
    const flags = `${visible}|${required}`;
    if (this.flags.get(box) === flags) return;
    this.flags.set(box, flags);
    const ctl = this.controlIn(box);
    if (box.tagName === 'TD') {
      box.classList.toggle('fk-is-hidden', !visible);
      if (ctl) {
        if ('disabled' in ctl) ctl.disabled = !visible && this.mode === 'fill';
        ctl.hidden = !visible;
      }
    } else {
      box.hidden = !visible;
    }
    box.classList.toggle('fk-is-required', required);
    if (ctl && ctl.tagName !== 'SPAN') {  // a value shown as text is no control (ARIA)
      if (required) ctl.setAttribute('aria-required', 'true');
      else ctl.removeAttribute('aria-required');
    }
  }

  // -- submitting ----------------------------------------------------------------------------

  footer() {
    const out = {};
    for (const el of this.root.querySelectorAll('[data-fk-footer]')) {
      const typed = 'value' in el && el.tagName !== 'SPAN' ? el.value : el.textContent;
      const v = el.dataset.fkDate !== undefined ? normalizeInput('date', typed) : typed; // 2026/10/1 → 2026-10-01
      out[el.dataset.fkFooter] = isBlank(v) ? null : trimBlank(v); // blank as everywhere (formkit-decimal.js)
    }
    return out;
  }

  head() {
    const { header = {} } = this.state;
    const out = { template: this.state.template, version: this.state.version };
    for (const k of ['org', 'period', 'revision', 'submission']) if (header[k] !== undefined) out[k] = header[k];
    out.footer = this.footer();
    return out;
  }

  /** The submission in the SPEC §5 shape, numbers as exact decimal text. */
  payload() {
    return { ...this.head(), ...this.form.toJSON() };
  }

  /** The submission as JSON text, numbers as exact JSON number tokens. */
  json() {
    const head = JSON.stringify(this.head());
    return `${head.slice(0, -1)},${this.form.serialize().slice(1)}`;
  }

  /** Show only the roster rows holding the filter's text (what they show or hold, full-width
   * and case folded); the view only: every row stays in the form and in the payload. */
  filterRows(input) {
    const section = this.tableOf(input.dataset.fkFilter);
    if (!section) return;
    const fold = (t) => halfWidth(String(t)).toLowerCase();
    const q = fold(input.value.trim());
    let shown = 0;
    for (const tr of section.querySelectorAll('tbody[data-fk-rows] > tr[data-fk-row]')) {
      const held = [...tr.querySelectorAll('input, select')].map((c) => (
        c.tagName === 'SELECT' ? c.selectedOptions[0]?.textContent ?? '' : c.value));
      const match = !q || fold(`${tr.textContent} ${held.join(' ')}`).includes(q);
      tr.hidden = !match;
      if (match) shown += 1;
    }
    const none = section.querySelector('[data-fk-filter-none]');
    if (none) none.hidden = shown > 0;
  }

  /** Hand the host the submission (`action`: submit or draft); false when errors block it. */
  submit(action = 'submit') {
    for (const input of this.root.querySelectorAll('[data-fk-filter]')) { // every row in view again
      if (input.value) {
        input.value = '';
        this.filterRows(input);
      }
    }
    const issues = this.form.issues();
    const detail = { payload: this.payload(), json: this.json(), issues };
    if (action === 'draft') return this.emit('draft', detail) || true;
    this.attempted = true;
    this.refreshIssues();
    const blocking = issues.filter((i) => i.severity === 'error');
    this.showSummary(blocking);
    if (blocking.length) {
      this.emit('invalid', detail);
      return false;
    }
    this.emit('submit', detail);
    return true;
  }

  emit(name, detail) {
    this.root.dispatchEvent(new CustomEvent(`formkit:${name}`, { bubbles: true, composed: true, detail }));
  }
}

// Showing issues, formats and the summary, and speaking: formkit-issues.js (one module per job).
Object.assign(FormView.prototype, issueMethods);

/** Bind every formkit form under `scope` not bound yet; returns the views. */
export function bindAll(scope = document) {
  const views = [];
  for (const root of scope.querySelectorAll('[data-fk-form]')) {
    if (!root.formkit) views.push(new FormView(root));
  }
  return views;
}

/** Bind one form root (hosts that insert a fragment later call this, or bindAll). */
export function bind(root, options) {
  return root.formkit || new FormView(root, options);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => bindAll());
  else bindAll();
}
