// formkit web app: the page around a form. It posts what formkit's runtime hands it
// (formkit:submit / formkit:draft) to the app's JSON routes, places a returned form's notes
// beside their fields, cells and rows, and gives a reviewer a note box per place and the
// return / approve buttons. No inline script, no eval: it runs under the app's strict CSP.
const data = JSON.parse(document.getElementById('fkw-data').textContent);
const words = data.words;
const result = document.querySelector('[data-fkw-result]');
const root = document.querySelector('[data-fk-form]');

function show(state, text, issues) {
  result.hidden = false;
  result.dataset.fkwState = state;
  result.replaceChildren(document.createTextNode(text));
  if (issues && issues.length) {
    const list = document.createElement('ul');
    for (const i of issues) {
      const li = document.createElement('li');
      li.textContent = i.message;
      list.append(li);
    }
    result.append(list);
  }
}

async function send(method, path, body, key) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (key) headers['Idempotency-Key'] = key;
  const res = await fetch(data.form + path, { method, headers, body, credentials: 'same-origin' });
  let json = {};
  try { json = await res.json(); } catch (err) { json = { detail: String(err) }; }
  return { ok: res.ok, json };
}

function done(kind) {
  const url = new URL(window.location.href);
  url.searchParams.set('done', kind);
  url.searchParams.delete('mode');
  window.location.assign(url.toString());
}

async function write(kind, json) {
  const r = kind === 'draft' ? await send('PUT', '/draft', json, data.submission)
    : await send('POST', '/submit', json, data.submission);
  if (r.ok) done(kind);
  else show('refused', words.refused + (r.json.detail || ''), r.json.issues);
}

document.addEventListener('formkit:submit', (e) => { write('submit', e.detail.json); });
document.addEventListener('formkit:draft', (e) => { write('draft', e.detail.json); });

// -- notes beside their places --------------------------------------------------------------

function placeOf(n) {
  if (!root) return null;
  if (n.row === null || n.row === undefined) return root.querySelector(`[data-fk-field="${CSS.escape(n.field)}"]`);
  const cell = root.querySelector(`[data-fk-cell="${CSS.escape(`${n.field}.${n.row}.${n.col}`)}"]`);
  if (cell) return cell;
  const rows = root.querySelectorAll(`[data-fk-table="${CSS.escape(n.field)}"] tr[data-fk-row]`);
  const row = typeof n.row === 'number' ? rows[n.row]
    : [...rows].find((r) => r.dataset.fkKey === String(n.row));
  if (!row) return null;
  return (n.col && row.querySelector(`[data-fk-col="${CSS.escape(n.col)}"]`)) || row.cells[row.cells.length - 1];
}

for (const n of data.notes || []) {
  const place = placeOf(n);
  if (!place) continue;
  const p = document.createElement('p');
  p.className = 'fkw-note';
  p.dataset.fkwNote = '';
  p.setAttribute('role', 'note');
  p.textContent = `${words.notes}：${n.note}`;
  place.append(p);
  place.classList.add('fkw-has-note');
}

// -- the reviewer's note boxes and buttons --------------------------------------------------

function noteBox(place, key, label) {
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'fk-input fkw-note-input';
  input.dataset.fkwNoteFor = JSON.stringify(key);
  input.setAttribute('aria-label', `${words.note} ${label}`);
  input.placeholder = words.note;
  place.append(input);
}

if (data.review && root) {
  for (const el of root.querySelectorAll('[data-fk-field]')) {
    noteBox(el, { field: el.dataset.fkField, row: null, col: null }, el.dataset.fkField);
  }
  for (const el of root.querySelectorAll('[data-fk-cell]')) {
    const [field, row, col] = el.dataset.fkCell.split('.');
    noteBox(el, { field, row, col }, el.dataset.fkCell);
  }
  for (const section of root.querySelectorAll('[data-fk-table]')) {
    section.querySelectorAll('tbody tr[data-fk-row]').forEach((tr, index) => {
      const key = tr.dataset.fkKey || index;
      noteBox(tr.cells[tr.cells.length - 1], { field: section.dataset.fkTable, row: key, col: null },
        `${section.dataset.fkTable} ${index + 1}`);
    });
  }
  document.querySelector('[data-fkw-action=return]').addEventListener('click', async () => {
    const notes = [...document.querySelectorAll('[data-fkw-note-for]')].filter((i) => i.value.trim())
      .map((i) => ({ ...JSON.parse(i.dataset.fkwNoteFor), note: i.value.trim() }));
    if (!notes.length) { show('refused', words.no_note); return; }
    const r = await send('POST', '/return', JSON.stringify({ notes, revision: data.revision }));
    if (r.ok) done('return'); else show('refused', words.refused + (r.json.detail || ''), r.json.issues);
  });
  document.querySelector('[data-fkw-action=approve]').addEventListener('click', async () => {
    const r = await send('POST', '/approve', JSON.stringify({ revision: data.revision }));
    if (r.ok) done('approve'); else show('refused', words.refused + (r.json.detail || ''), r.json.issues);
  });
}

const kind = new URL(window.location.href).searchParams.get('done');
const ok = { submit: 'submitted_ok', draft: 'saved_ok', return: 'returned_ok', approve: 'approved_ok' }[kind];
if (ok) show('done', words[ok]);
