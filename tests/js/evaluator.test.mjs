// Unit tests of the browser evaluator (node --test tests/js/); run by tests/test_js_evaluator.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  compareText, createForm, evaluate, formatNumber, LocalDate, parseInput, periodRange, roundTo, toNumber,
} from '../../src/formkit/static/formkit-eval.js';

const num = (v) => ({ k: 'lit', t: 'number', v });
const ref = (slot) => ({ k: 'ref', ref: 'field', id: slot, slot, t: 'number' });
const bin = (op, a, b) => ({ k: 'bin', op, a, b });

test('decimals are exact BigInts scaled by 10^10', () => {
  assert.equal(formatNumber(evaluate(bin('+', num('0.1'), num('0.2')), {})), '0.3');
  assert.equal(formatNumber(evaluate(bin('*', bin('/', num('1'), num('3')), num('3')), {})), '0.9999999999');
  assert.equal(formatNumber(toNumber('123456789012345678') + toNumber('876543210987654321')), '999999999999999999');
  assert.equal(formatNumber(toNumber('-0.50')), '-0.5');
  assert.equal(formatNumber(toNumber('120.5'), 2), '120.50');
  assert.equal(formatNumber(roundTo(toNumber('-2.5'), 0)), '-3');
  assert.equal(formatNumber(roundTo(toNumber('0.4'), 0)), '0'); // never '-0'
  assert.equal(formatNumber(roundTo(toNumber('-0.4'), 0)), '0');
  assert.equal(formatNumber(toNumber(0.1)), '0.1'); // a JS number by its shortest text
  assert.throws(() => toNumber('1e3'), /not a number/);
  assert.throws(() => toNumber('0.00000000001'), /10 digits after the point/);
  assert.throws(() => evaluate(bin('*', num('1' + '0'.repeat(18)), num('1' + '0'.repeat(10))), {}), /28 digits/);
});

test('text is ordered by code point, not by UTF-16 unit', () => {
  const words = ['\u{20000}', '\uffff', '\uff21', 'a', 'B', 'x\u{20000}', 'x\uff21'];
  const sorted = [...words].sort(compareText);
  assert.deepEqual(sorted, ['B', 'a', 'x\uff21', 'x\u{20000}', '\uff21', '\uffff', '\u{20000}']);
  assert.notDeepEqual([...words].sort(), sorted); // the default sort compares UTF-16 units
  assert.equal(compareText('ab', 'abc'), -1);
  assert.equal(compareText('same', 'same'), 0);
});

test('calendar dates without time zones', () => {
  assert.equal(LocalDate.parse('2026-02-29'), null);
  assert.equal(LocalDate.parse('2024-02-29').toString(), '2024-02-29');
  for (let y = 1890; y <= 2110; y += 7) {
    for (const [m, d] of [[1, 1], [2, 28], [3, 1], [12, 31]]) {
      assert.equal(new LocalDate(y, m, d).n, Math.floor(Date.UTC(y, m - 1, d) / 86400000));
    }
  }
  const week = periodRange('2026W53');
  assert.equal(`${week.start}/${week.end}`, '2026-12-28/2027-01-03');
  assert.equal(`${periodRange('2027W01').start}`, '2027-01-04');
  assert.equal(`${periodRange('2024-02').end}`, '2024-02-29');
  assert.equal(`${periodRange('2026Q4').start}`, '2026-10-01');
  assert.equal(periodRange('once'), null);
});

test('typed input is refused, never rounded, beyond its places', () => {
  assert.deepEqual(parseInput({ t: 'number', type: 'decimal', precision: 1 }, '2.50'), { value: 25000000000n });
  assert.equal(parseInput({ t: 'number', type: 'decimal', precision: 1 }, '2.55').error, 'places');
  assert.equal(parseInput({ t: 'number', type: 'integer', precision: 0 }, '2.5').error, 'whole');
  assert.equal(parseInput({ t: 'number', type: 'integer', precision: 0 }, 'abc').error, 'number');
  assert.deepEqual(parseInput({ t: 'text', type: 'text' }, '   '), { value: null });
  assert.deepEqual(parseInput({ t: 'text', type: 'text' }, 'e\u0301'), { value: '\u00e9' });
  assert.deepEqual(parseInput({ t: 'text', type: 'id_card' }, '11010519491231002x'), { value: '11010519491231002X' });
  assert.equal(parseInput({ t: 'text', type: 'id_card' }, '110105194912310021').error, 'id_card');
  assert.equal(parseInput({ t: 'date', type: 'date' }, '2026-02-30').error, 'date');
  assert.equal(parseInput({ t: 'text', type: 'text' }, 'a\u0000b').error, 'control');
  assert.deepEqual(parseInput({ t: 'text', type: 'text' }, 'a\n\tb'), { value: 'a\n\tb' });
});

// a → b = a * 2 → c = b / 3 (2 places); d is shown while a > 0, required, 0 ≤ d ≤ c; e is alone.
const PLAN = {
  formkit_plan: 1,
  slots: {
    a: { kind: 'input', type: 'integer', t: 'number', precision: 0 },
    b: { kind: 'calc', type: 'integer', t: 'number', precision: 0, expr: bin('*', ref('a'), num('2')) },
    c: { kind: 'calc', type: 'decimal', t: 'number', precision: 2, expr: bin('/', ref('b'), num('3')) },
    d: {
      kind: 'input', type: 'decimal', t: 'number', precision: 1, visible: bin('>', ref('a'), num('0')),
      required: { k: 'lit', t: 'boolean', v: true }, min: num('0'), max: ref('c'), check_deps: ['c'],
    },
    e: { kind: 'input', type: 'text', t: 'text', pattern: '[A-Z]{2}\\d+' },
  },
  grids: {},
  order: ['b', 'c', 'd'],
  dependants: { a: ['b', 'd'], b: ['c'] },
  rules: [{
    id: 'b_small', check: bin('<=', ref('b'), num('10')), severity: 'warning', fields: ['b'],
    message: { zh: 'b 太大', en: 'b is large' }, deps: ['b'],
  }],
  formats: [{ when: bin('>', ref('c'), num('1')), fields: ['c'], style: 'warn', deps: ['c'] }],
};

const rules = (form) => form.issues().map((i) => `${i.field}:${i.rule}`).sort();

test('a change recomputes only its transitive dependants, in plan order', () => {
  const form = createForm(PLAN, {}, { lang: 'en' });
  assert.deepEqual(rules(form), []); // d is hidden while a is null: not required
  const before = form.stats.evaluations;
  assert.equal(form.set('a', '3').ok, true);
  assert.deepEqual(form.stats.lastEvaluated, ['a', 'b', 'c', 'd']);
  assert.equal(form.stats.evaluations - before, 3); // b, c, and d's visibility
  assert.equal(form.get('c'), '2.00');
  assert.deepEqual(rules(form), ['d:required']);
  assert.deepEqual(form.formats(), [{ field: 'c', row: null, col: null, style: 'warn', class: null }]);

  const mark = form.stats.evaluations;
  form.set('e', 'AB12');
  assert.deepEqual(form.stats.lastEvaluated, ['e']);
  assert.equal(form.stats.evaluations, mark);

  form.set('d', '2.5');
  assert.deepEqual(form.stats.lastEvaluated, ['d']);
  assert.deepEqual(rules(form), ['d:max']);
  assert.equal(form.set('d', '2.55').ok, false);
  assert.deepEqual(rules(form), ['d:type']);
  form.set('e', 'ab12');
  assert.deepEqual(rules(form), ['d:type', 'e:pattern']);
});

test('hidden values are null; rules wait for their inputs', () => {
  const form = createForm(PLAN, { values: { a: '6', d: '1' } });
  assert.deepEqual(rules(form), ['b:b_small']);
  assert.equal(form.issues()[0].severity, 'warning');
  form.set('a', '-1');
  assert.equal(form.isVisible('d'), false);
  assert.equal(form.get('d'), null);
  assert.deepEqual(rules(form), []);
  form.set('a', '');
  assert.equal(form.get('b'), null); // null propagates; the rule on b waits
  assert.deepEqual(rules(form), []);
  assert.equal(form.set('b', '1').ok, false); // a calc is read-only
  assert.match(form.serialize(), /"values":\{"a":null,"b":null,"c":null,"d":null,"e":null\}/);
});

test('ids that are Object.prototype members are plain ids', () => {
  const plan = {
    formkit_plan: 1,
    slots: {
      constructor: { kind: 'input', type: 'integer', t: 'number', precision: 0 },
      toString: { kind: 'value', type: 'integer', t: 'number', precision: 0, confirm: true, prefilled: true },
      valueOf: { kind: 'calc', type: 'integer', t: 'number', precision: 0,
        expr: bin('+', ref('constructor'), { k: 'call', fn: 'coalesce', args: [ref('toString'), num('0')] }) },
    },
    order: ['valueOf'],
    dependants: { constructor: ['valueOf'], toString: ['valueOf'] },
  };
  const form = createForm(plan, { values: { toString: '2' } });
  assert.equal(form.get('valueOf'), null);
  form.set('constructor', '5');
  assert.equal(form.get('valueOf'), '7');
  form.set('toString', '10'); // a correction of a confirmable pre-filled value
  assert.equal(form.get('valueOf'), '15');
  form.set('toString', null); // cleared: the pre-filled value stands again
  assert.equal(form.get('valueOf'), '7');
  assert.throws(() => form.set('hasOwnProperty', '1'), /unknown field/);
  assert.equal(evaluate(ref('constructor'), { values: {} }), null);
});

test('compiled expressions fail only where evaluation reaches', () => {
  const call = (fn, ...args) => ({ k: 'call', fn, args });
  const yes = { k: 'lit', t: 'boolean', v: true };
  const huge = num(`1${'0'.repeat(40)}`); // an overflowing literal
  assert.equal(formatNumber(evaluate(call('if', yes, num('1'), call('nosuch')), {})), '1');
  assert.equal(formatNumber(evaluate(call('if', yes, num('2'), huge), {})), '2');
  assert.equal(formatNumber(evaluate(call('coalesce', num('3'), { k: 'what' }), {})), '3');
  assert.throws(() => evaluate(call('nosuch'), {}), /nosuch\(\) is not supported by the browser/);
  assert.throws(() => evaluate(huge, {}), /28 digits/);
  assert.throws(() => evaluate(huge, {}), /28 digits/); // again: the same error each time
  assert.throws(() => evaluate({ k: 'what' }, {}), /unknown node kind/);
  // strict operands: an overflow beside a null is still an error
  assert.throws(() => evaluate(bin('+', { k: 'lit', t: 'null', v: null }, bin('*', huge, num('1'))), {}), /28 digits/);
  // the same tree evaluated in two environments
  const e = bin('+', ref('x'), num('1'));
  assert.equal(formatNumber(evaluate(e, { values: { x: '1' } })), '2');
  assert.equal(formatNumber(evaluate(e, { values: { x: '5' } })), '6');
});

// a → flag = a > 5 → big (calc) and note (shown while flag); m is checked against flag's big.
const CUT = {
  formkit_plan: 1,
  slots: {
    a: { kind: 'input', type: 'integer', t: 'number', precision: 0 },
    flag: { kind: 'calc', type: 'boolean', t: 'boolean', expr: bin('>', ref('a'), num('5')) },
    big: { kind: 'calc', type: 'integer', t: 'number', precision: 0,
      expr: { k: 'call', fn: 'if', args: [{ ...ref('flag'), t: 'boolean' }, num('100'), num('1')] } },
    note: { kind: 'input', type: 'text', t: 'text', visible: { ...ref('flag'), t: 'boolean' } },
    m: { kind: 'input', type: 'integer', t: 'number', precision: 0, max: ref('big'), check_deps: ['big'] },
  },
  grids: {},
  order: ['flag', 'big', 'note'],
  dependants: { a: ['flag'], flag: ['big', 'note'] },
};

test('a dependant that comes out unchanged stops the recompute there', () => {
  const form = createForm(CUT, { values: { a: '1', m: '50', note: 'x' } }, { lang: 'en' });
  assert.deepEqual(rules(form), ['m:max']);
  assert.equal(form.isVisible('note'), false);
  let r = form.set('a', '2'); // flag stays false: big and note are not looked at
  assert.deepEqual(form.stats.lastEvaluated, ['a', 'flag']);
  assert.deepEqual(r.changed, ['a']);
  r = form.set('a', '7'); // flag turns true: big and note follow, and m's check re-runs
  assert.deepEqual(form.stats.lastEvaluated, ['a', 'flag', 'big', 'note']);
  assert.deepEqual(r.changed, ['a', 'flag', 'big', 'note']);
  assert.equal(form.isVisible('note'), true);
  assert.equal(form.get('big'), '100');
  assert.deepEqual(rules(form), []);
  form.set('a', '9');
  assert.deepEqual(form.stats.lastEvaluated, ['a', 'flag']);
  form.set('a', '3');
  assert.deepEqual(rules(form), ['m:max']);
  assert.equal(form.get('note'), null); // hidden again: null
});

// t: rows of (a typed, b = a + k); k is a form field the rows read; n counts rows where b > 10.
const rowcol = (col) => ({ k: 'ref', ref: 'rowcol', table: 't', col, t: 'number' });
const ROSTER = {
  formkit_plan: 1,
  slots: {
    k: { kind: 'input', type: 'integer', t: 'number', precision: 0 },
    lim: { kind: 'input', type: 'integer', t: 'number', precision: 0 },
    t: {
      kind: 'table', add_rows: true, remove_rows: true, row_order: ['b'], deps: ['k'],
      columns: {
        a: { kind: 'input', type: 'integer', t: 'number', precision: 0, max: ref('lim'), check_deps: ['lim'] },
        b: { kind: 'calc', type: 'integer', t: 'number', precision: 0, expr: bin('+', rowcol('a'), ref('k')) },
      },
    },
    n: { kind: 'calc', type: 'integer', t: 'number', precision: 0,
      expr: { k: 'agg', fn: 'count', src: { k: 'ref', ref: 'table', table: 't' }, where: bin('>', rowcol('b'), num('10')) } },
  },
  grids: {},
  order: ['t', 'n'],
  dependants: { k: ['t'], t: ['n'] },
};

test('an edit says which roster rows it redid', () => {
  const rows = [{ a: '1' }, { a: '2' }, { a: '3' }];
  const form = createForm(ROSTER, { values: { k: '0' }, tables: { t: rows } });
  let r = form.setCell('t', 1, 'a', '20');
  assert.deepEqual(r.rows, { t: [1] }); // only the typed row
  assert.equal(form.get('n'), '1');
  r = form.set('k', '9'); // every row reads k
  assert.deepEqual(r.rows, { t: true });
  assert.equal(form.get('n'), '2'); // b: 10, 29, 12
  assert.equal(form.get('t', 2, 'b'), '12');
  r = form.set('lim', '5'); // a check every row reads: required marks and issues may move anywhere
  assert.deepEqual(r.rows, { t: true });
  assert.deepEqual(rules(form), ['t:max']);
  r = form.addRow('t', { a: '4' });
  assert.deepEqual(r.rows, { t: [3] });
  assert.equal(form.get('n'), '3');
  r = form.removeRow('t', 0);
  assert.deepEqual(r.rows, { t: true });
  assert.deepEqual(form.set('lim', '5').rows, { t: true });
  assert.equal(form.issues().find((i) => i.rule === 'max').row, 0); // row 1 moved up
});

test('a row rule that aggregates over its own table re-runs on every row', () => {
  const sumA = { k: 'agg', fn: 'sum', src: { k: 'ref', ref: 'tablecol', table: 't', col: 'a', t: 'number' } };
  const plan = {
    ...ROSTER,
    rules: [{ id: 'share', table: 't', check: bin('<=', bin('*', rowcol('a'), num('2')), sumA), fields: ['a'],
      message: { en: 'more than half' }, deps: ['t'] }],
  };
  const form = createForm(plan, { values: { k: '0' }, tables: { t: [{ a: '1' }, { a: '1' }] } });
  assert.deepEqual(rules(form), []);
  form.setCell('t', 1, 'a', '5'); // row 1 is now more than half; row 0 still fine
  assert.deepEqual(form.issues().filter((i) => i.rule === 'share').map((i) => i.row), [1]);
  form.addRow('t', { a: '10' }); // row 2 is more than half, and row 1 no longer is
  assert.deepEqual(form.issues().filter((i) => i.rule === 'share').map((i) => i.row), [2]);
});
