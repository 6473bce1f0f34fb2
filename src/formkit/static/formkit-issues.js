/**
 * formkit-issues.js — how a bound form shows what is wrong (SPEC §4): each issue next to its
 * place (and the rule's other fields), loose ones under their roster or in the summary, the
 * conditional formats as classes, the submit summary with links, and the live announcements.
 * Methods of FormView (formkit.js), which mixes them in. Text is set with textContent only.
 */

const CLASS_NAME = /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/;

/** The key of a place: field, row, column. */
export const key = (field, row, col) => `${field}|${row ?? ''}|${col ?? ''}`;

/** A UI text with its {name} holes filled. */
export const fill = (text, values) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

/** FormView's methods for issues and formats (`this` is the view). */
export const issueMethods = {
  /** Where an issue shows: its own place, and the rule's other `fields` (its `also`). */
  placesOf(issue) {
    const out = [key(issue.field, issue.row, issue.col)];
    for (const dotted of issue.also || []) {
      const parts = dotted.split('.');
      if (parts.length === 3) out.push(key(parts[0], parts[1], parts[2]));
      else if (parts.length === 2 && parts[0] === issue.field) out.push(key(parts[0], issue.row, parts[1]));
      else if (parts.length === 2) out.push(key(parts[0], null, parts[1]));
      else out.push(key(parts[0]));
    }
    return out;
  },

  /** The issues to show now, by place: required ones once a place was left or a submit was
   * tried, type ones once typing is committed, the server's until their place is edited. */
  visibleIssues() {
    const byPlace = new Map();
    const add = (k, issue) => {
      const list = byPlace.get(k) || [];
      if (!list.some((i) => i.rule === issue.rule && i.message === issue.message)) list.push(issue);
      byPlace.set(k, list);
    };
    const live = new Set(); // place|rule of each issue the page finds itself: the server's copy is not shown
    for (const issue of this.computedIssues ? this.form.issues() : []) {
      const own = key(issue.field, issue.row, issue.col);
      if (issue.rule === 'required' && !this.attempted && !this.touched.has(own)) continue;
      if (issue.rule === 'type' && this.typing === own) continue;
      live.add(`${own}|${issue.rule}`);
      for (const k of this.placesOf(issue)) add(k, issue);
    }
    for (const issue of this.serverIssues) {
      const k = key(issue.field, issue.row, issue.col);
      if (this.edited.has(k) || live.has(`${k}|${issue.rule}`)) continue;
      // A fresh form is not covered in red: the server's `required` waits, as the page's does,
      // for the place to be left or a submit to be tried.
      if (issue.rule === 'required' && !this.attempted && !this.touched.has(k)) continue;
      add(k, issue);
    }
    return byPlace;
  },

  refreshIssues() {
    const byPlace = this.visibleIssues();
    const seen = new Set();
    for (const [k, list] of byPlace) {
      seen.add(k);
      this.showIssues(k, list);
    }
    for (const k of [...this.shown.keys()]) if (!seen.has(k)) this.showIssues(k, []);
    const summary = this.root.querySelector('[data-fk-summary]');
    const list = summary && summary.querySelector('[data-fk-summary-list]');
    if (list) {
      list.hidden = false;
      summary.hidden = list.children.length === 0;
    }
  },

  showIssues(k, list) {
    const text = JSON.stringify(list.map((i) => [i.severity, i.message]));
    if ((this.shown.get(k) || '[]') === text) return;
    if (list.length) this.shown.set(k, text);
    else this.shown.delete(k);
    const [field, row, col] = k.split('|');
    const inTable = this.plan.slots[field]?.kind === 'table';
    const box = this.boxOf(field, row === '' ? null : inTable ? Number(row) : row, col || null);
    const target = box ? box.querySelector('[data-fk-issues]') : this.looseTarget(field);
    if (!target) return;
    if (!box) {
      for (const li of target.querySelectorAll(`li[data-fk-place="${CSS.escape(k)}"]`)) li.remove();
    } else {
      target.replaceChildren();
    }
    for (const issue of list) {
      const li = document.createElement('li');
      li.className = `fk-issue fk-issue--${issue.severity}`;
      li.dataset.fkRule = issue.rule;
      if (!box) li.dataset.fkPlace = k;
      const kind = document.createElement('span');
      kind.className = 'fk-issue-kind';
      kind.textContent = this.ui[issue.severity] || issue.severity;
      const prefix = !box && row !== '' && inTable ? `${fill(this.ui.row_n, { n: Number(row) + 1 })}${this.ui.colon}` : '';
      li.append(kind, prefix + issue.message);
      target.append(li);
    }
    target.hidden = target.children.length === 0;
    if (box) {
      const worst = ['error', 'warning', 'info'].find((sev) => list.some((i) => i.severity === sev));
      for (const sev of ['error', 'warning', 'info']) box.classList.toggle(`fk-has-${sev}`, sev === worst);
      const ctl = this.controlIn(box);
      if (ctl) {
        if (worst === 'error') ctl.setAttribute('aria-invalid', 'true');
        else ctl.removeAttribute('aria-invalid');
      }
    }
  },

  /** Issues of a whole row, or of nowhere in particular: under the roster, or in the summary. */
  looseTarget(field) {
    const section = this.tableOf(field);
    return (section && section.querySelector('[data-fk-table-issues]'))
      || this.root.querySelector('[data-fk-summary-list]');
  },

  refreshFormats() {
    const want = new Map();
    for (const hit of this.form.formats()) {
      const cls = hit.style ? `fk-fmt-${hit.style}` : hit.class;
      if (!cls || !CLASS_NAME.test(cls)) continue;
      const boxes = hit.row === null && this.plan.slots[hit.field]?.kind === 'table'
        ? this.rowsOf(hit.field).map((tr) => this.cellOf(tr, hit.col))
        : [this.boxOf(hit.field, hit.row, hit.col)];
      for (const box of boxes) if (box) want.set(box, new Set([...(want.get(box) || []), cls]));
    }
    for (const [box, had] of this.formatted) {
      const now = want.get(box) || new Set();
      for (const cls of had) if (!now.has(cls)) box.classList.remove(cls);
    }
    for (const [box, now] of want) for (const cls of now) box.classList.add(cls);
    this.formatted = want;
  },

  // -- speaking ------------------------------------------------------------------------------

  announce(text) {
    const live = this.root.querySelector('[data-fk-live]');
    if (!live || !text) return;
    live.textContent = '';
    window.setTimeout(() => { live.textContent = text; }, 30);
  },

  announcePlace(k) {
    const shown = this.shown.get(k);
    if (shown) this.announce(JSON.parse(shown).map(([, m]) => m).join('; '));
  },

  showSummary(blocking) {
    const box = this.root.querySelector('[data-fk-summary]');
    const list = box && box.querySelector('[data-fk-summary-list]');
    if (!list) return;
    for (const li of [...list.children]) if (!li.dataset.fkPlace) li.remove();
    for (const issue of this.inFormOrder(blocking)) {
      const li = document.createElement('li');
      li.className = `fk-issue fk-issue--${issue.severity}`;
      const target = this.controlIn(this.boxOf(issue.field, issue.row, issue.col));
      const text = `${this.labelOf(issue)}${this.ui.colon}${issue.message}`;
      if (target && target.id) {
        const a = document.createElement('a');
        a.href = `#${target.id}`;
        a.textContent = text;
        a.addEventListener('click', (e) => { e.preventDefault(); target.focus(); });
        li.append(a);
      } else {
        li.textContent = text;
      }
      list.append(li);
    }
    box.hidden = list.children.length === 0;
    if (blocking.length) {
      box.focus();
      this.announce(fill(this.ui.issues_count, { n: blocking.length }));
    }
  },

  /** Issues in the order their places stand on the page (the checks find them in another
   * order); an issue with no place of its own after those of its roster, loose ones last. */
  inFormOrder(issues) {
    const placed = issues.map((issue, i) => ({
      issue, i, el: this.boxOf(issue.field, issue.row, issue.col) || this.tableOf(issue.field) || null,
    }));
    placed.sort((a, b) => {
      if (a.el && b.el && a.el !== b.el) {
        if (a.el.contains(b.el)) return 1; // a roster's own issue after its cells'
        if (b.el.contains(a.el)) return -1;
        return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      }
      if (!a.el !== !b.el) return a.el ? -1 : 1;
      return a.i - b.i;
    });
    return placed.map((p) => p.issue);
  },

  labelOf(issue) {
    const box = this.boxOf(issue.field, issue.row, issue.col);
    const ctl = this.controlIn(box);
    if (ctl && ctl.getAttribute('aria-label')) return ctl.getAttribute('aria-label');
    const label = box && box.querySelector('.fk-label');
    return label ? label.textContent.replace(/\*$/, '') : issue.field;
  },
};
