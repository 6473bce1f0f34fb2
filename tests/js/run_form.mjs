// Drive a form of the browser runtime under node, for tests/test_js_evaluator.py.
//
// stdin:  {plan, payload, lang, steps: [{op: 'set'|'setCell'|'addRow'|'removeRow'|'confirm', ...}]}
// stdout: {initial: STATE, steps: [{result, recomputed, evaluations, checks, state: STATE}]}
//         STATE = {values: form.toJSON(), issues, formats, visible, serialized}
import { createForm } from '../../src/formkit/static/formkit-eval.js';

const read = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

const input = await read();
const form = createForm(input.plan, input.payload || {}, { lang: input.lang || 'en' });

function state() {
  const visible = {};
  for (const slot of Object.keys(input.plan.slots)) visible[slot] = form.isVisible(slot);
  return {
    values: form.toJSON(), issues: form.issues(), formats: form.formats(), visible,
    serialized: form.serialize(),
  };
}

const STEPS = {
  set: (s) => form.set(s.slot, s.value),
  setCell: (s) => form.setCell(s.table, s.index, s.col, s.value),
  addRow: (s) => form.addRow(s.table, s.values || {}),
  removeRow: (s) => form.removeRow(s.table, s.index),
  confirm: (s) => form.confirm(s.slot),
};

const initial = state();
const steps = [];
for (const step of input.steps || []) {
  const before = { ...form.stats };
  const result = STEPS[step.op](step);
  steps.push({
    result,
    evaluated: form.stats.lastEvaluated,
    slots: form.stats.slots - before.slots,
    evaluations: form.stats.evaluations - before.evaluations,
    checks: form.stats.checks - before.checks,
    state: state(),
  });
}
process.stdout.write(JSON.stringify({ initial, steps }));
