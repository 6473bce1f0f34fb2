// Evaluate a batch of conformance cases with the browser evaluator, under node.
//
// stdin:  a JSON list of {id, expr_json, values, types, period, prev, today}
//         (values as exact JSON: numbers as decimal strings, dates as ISO text; a table as a
//         list of row objects, its type as {column: type})
// stdout: a JSON list, one per case: {id, ok: true, type, value} or {id, ok: false, error, message}
import { evaluate, FormkitError, toPlain, typeOf } from '../../src/formkit/static/formkit-eval.js';

const read = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

function runCase(c) {
  const values = {};
  const tables = {};
  for (const [name, raw] of Object.entries(c.values || {})) {
    const t = (c.types || {})[name];
    if (t !== null && typeof t === 'object') tables[name] = raw || [];
    else values[name] = raw;
  }
  const env = { values, tables, prev: c.prev || {}, period: c.period ?? undefined };
  if (c.today !== undefined && c.today !== null) env.today = c.today;
  try {
    const v = evaluate(c.expr_json, env);
    return { id: c.id, ok: true, type: typeOf(v), value: toPlain(v) };
  } catch (err) {
    if (!(err instanceof FormkitError)) throw err;
    return { id: c.id, ok: false, error: err.code, message: err.message };
  }
}

const cases = await read();
process.stdout.write(JSON.stringify(cases.map(runCase)));
