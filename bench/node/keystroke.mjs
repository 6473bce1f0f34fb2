// Benchmark 2 — per keystroke, under node: formkit's browser evaluator vs SurveyJS (survey-core).
//
// usage: node --expose-gc keystroke.mjs INPUT.json   (written by bench/keystroke.py)
// INPUT:   {n, plan, payload, surveyjs, data, changes: [{slot, value, hub}], construct, budget_ms, sides}
// stdout: one JSON object {formkit: SIDE, surveyjs: SIDE}
//   SIDE = {construct_ms: [...], set_ms: [...], hub_ms: [...], heap_mb, recomputed}
//
// Both sides get the same form (bench/gen.py), the same starting values and the same edits.
// formkit: createForm(plan, payload), then form.set(slot, value) — recomputes the transitive
// dependants of the slot and re-runs the checks that read them. SurveyJS: new Model(json), data
// set, then survey.setValue(name, value) (SurveyJS's default settings: its validators run on
// "next page"/complete, so the peer is timed without checks that formkit does run on every change);
// SurveyJS re-runs every condition and expression on a change. Construction is timed twice for
// SurveyJS: the model alone (new Model), and the model with the starting values (as formkit's is).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createForm } from '../../src/formkit/static/formkit-eval.js';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const gc = globalThis.gc ?? (() => {});
const heapMb = () => Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;

const WARMUP = 10; // edits applied untimed first (a hub edit among them): the JIT warms up on both sides

function timeEdits(apply, changes, budgetMs) {
  for (const c of changes.slice(0, WARMUP)) apply(c);
  const setMs = [];
  const hubMs = [];
  const start = performance.now();
  for (const c of changes.slice(WARMUP)) {
    const t = performance.now();
    apply(c);
    const dt = performance.now() - t;
    (c.hub ? hubMs : setMs).push(dt);
    if (performance.now() - start > budgetMs && setMs.length >= 3 && hubMs.length >= 3) break;
  }
  return { set_ms: setMs, hub_ms: hubMs };
}

function timeConstruct(make, times, budgetMs) {
  const out = [];
  const start = performance.now();
  let last = null;
  for (let i = 0; i < times; i += 1) {
    last = null;
    gc();
    const t = performance.now();
    last = make();
    out.push(performance.now() - t);
    if (performance.now() - start > budgetMs && out.length >= 2) break;
  }
  return { times: out, last };
}

function runFormkit() {
  const { times, last: form } = timeConstruct(() => createForm(input.plan, input.payload), input.construct,
    input.budget_ms);
  gc();
  const heap = heapMb();
  const probe = input.probe;
  const before = form.get(probe);
  const edits = timeEdits((c) => form.set(c.slot, String(c.value)), input.changes, input.budget_ms);
  const recomputed = form.get(probe) !== before;
  return { construct_ms: times, ...edits, heap_mb: heap, recomputed, evaluations: form.stats.evaluations };
}

async function runSurveyJS() {
  const { Model } = await import('survey-core');
  const bare = timeConstruct(() => new Model(input.surveyjs), input.construct, input.budget_ms);
  const make = () => {
    const survey = new Model(input.surveyjs);
    survey.data = input.data;
    return survey;
  };
  const { times, last: survey } = timeConstruct(make, input.construct, input.budget_ms);
  gc();
  const heap = heapMb();
  const probe = input.probe;
  const before = survey.getValue(probe);
  const edits = timeEdits((c) => survey.setValue(c.slot, c.value), input.changes, input.budget_ms);
  const recomputed = survey.getValue(probe) !== before;
  return { construct_ms: times, bare_ms: bare.times, ...edits, heap_mb: heap, recomputed };
}

const out = {};
if (input.sides.includes('formkit')) out.formkit = runFormkit();
if (input.sides.includes('surveyjs')) out.surveyjs = await runSurveyJS();
process.stdout.write(JSON.stringify(out));
