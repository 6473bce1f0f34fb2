/**
 * formkit-pattern.js — a field's `pattern` (SPEC §2.2) compiled to a program and matched over
 * the whole text in one pass, every live thread at once: time linear in the text whatever the
 * pattern, and no `RegExp` (a backtracking engine) ever sees author text.
 *
 * The same parser and the same program as formkit/pattern (Python); the server checked the
 * pattern, so this reads only the subset it accepts (docs/templates.md, "Patterns"), and
 * throws on anything else. Program: ['c', [lo, hi, …]] reads one character of the ranges,
 * ['s', x, y] goes on at x and at y, ['j', x] at x, ['m'] the text may end here.
 */
import { FormkitError } from './formkit-decimal.js';

const MAX_CODE = 0x10ffff;
const MAX_INSTRUCTIONS = 20000; // far above what a checked pattern compiles to
const DIGIT = [[0x30, 0x39]];
const WORD = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE = [[0x09, 0x0d], [0x20, 0x20]];
const DOT = [[0, 0x09], [0x0b, MAX_CODE]];
const CONTROL = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };
const HEX_DIGITS = { x: 2, u: 4, U: 8 };
const HEX = '0123456789abcdefABCDEF';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function normalize(ranges) {
  const out = [];
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges) {
  const out = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE) out.push([next, MAX_CODE]);
  return out;
}

const CLASS_ESCAPES = {
  d: DIGIT, D: complement(DIGIT), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE),
};

const refuse = (what) => {
  throw new FormkitError('pattern', `pattern outside formkit's subset: ${what}`);
};

/** The tree of a pattern, as formkit/pattern/syntax.py reads it. */
class Parser {
  constructor(text) {
    this.t = Array.from(text); // code points, as Python indexes them
    this.i = 0;
  }

  peek(ahead = 0) {
    return this.t[this.i + ahead] ?? '';
  }

  parse() {
    const node = this.alternation(true);
    if (this.i < this.t.length) refuse('unbalanced )');
    return node;
  }

  alternation(top) {
    const branches = [this.sequence(top)];
    while (this.peek() === '|') {
      this.i += 1;
      branches.push(this.sequence(top));
    }
    return branches.length === 1 ? branches[0] : { k: 'alt', branches };
  }

  sequence(top) {
    if (top && this.peek() === '^') this.i += 1;
    const items = [];
    for (let ch = this.peek(); ch !== '' && ch !== '|' && ch !== ')'; ch = this.peek()) {
      if (top && ch === '$' && (this.peek(1) === '' || this.peek(1) === '|')) {
        this.i += 1;
        break;
      }
      items.push(this.quantified());
    }
    return items.length === 1 ? items[0] : { k: 'seq', items };
  }

  quantified() {
    const atom = this.atom();
    const count = this.quantifier();
    if (count === null) return atom;
    const after = this.peek();
    if (after === '?' || after === '+' || after === '*' || this.quantifierAt(this.i) !== null) refuse('repeat');
    return { k: 'rep', item: atom, lo: count[0], hi: count[1] };
  }

  atom() {
    const ch = this.peek();
    if (ch === '(') return this.group();
    if (ch === '[') return this.charClass();
    if (ch === '.') {
      this.i += 1;
      return { k: 'c', ranges: DOT };
    }
    if (ch === '\\') return { k: 'c', ranges: this.escape()[0] };
    if ('*+?{}]^$'.includes(ch)) refuse(ch);
    this.i += 1;
    const code = ch.codePointAt(0);
    return { k: 'c', ranges: [[code, code]] };
  }

  group() {
    this.i += 1;
    if (this.peek() === '?') {
      if (this.peek(1) !== ':') refuse('(?');
      this.i += 2;
    }
    const inner = this.alternation(false);
    if (this.peek() !== ')') refuse('unclosed (');
    this.i += 1;
    return inner;
  }

  quantifier() {
    const ch = this.peek();
    const simple = { '*': [0, null], '+': [1, null], '?': [0, 1] }[ch];
    if (simple !== undefined) {
      this.i += 1;
      return simple;
    }
    const found = this.quantifierAt(this.i);
    if (found === null) return null;
    const [lo, hi, end] = found;
    if (hi !== null && lo > hi) refuse('count');
    this.i = end;
    return [lo, hi];
  }

  /** {m}, {m,}, {m,n} or {,n} at `at`: [m, n, end], or null. */
  quantifierAt(at) {
    const t = this.t;
    if (t[at] !== '{') return null;
    const close = t.indexOf('}', at);
    if (close < 0) return null;
    const inside = t.slice(at + 1, close).join('');
    const comma = inside.indexOf(',');
    const loText = comma < 0 ? inside : inside.slice(0, comma);
    const hiText = comma < 0 ? '' : inside.slice(comma + 1);
    const numbers = [loText, hiText].filter((s) => s !== '');
    const isCount = (s) => s.length <= 6 && Array.from(s).every((d) => d >= '0' && d <= '9');
    if (numbers.length === 0 || !numbers.every(isCount)) return null;
    if (comma < 0) return [Number(loText), Number(loText), close + 1];
    return [Number(loText || 0), hiText ? Number(hiText) : null, close + 1];
  }

  /** [ranges, whether it is one character] of a backslash escape. */
  escape() {
    const ch = this.peek(1);
    this.i += 2;
    if (ch === '') refuse('\\');
    if (Object.hasOwn(CLASS_ESCAPES, ch)) return [CLASS_ESCAPES[ch], false];
    if (Object.hasOwn(CONTROL, ch)) return [[[CONTROL[ch], CONTROL[ch]]], true];
    if (Object.hasOwn(HEX_DIGITS, ch)) {
      const digits = this.t.slice(this.i, this.i + HEX_DIGITS[ch]);
      if (digits.length !== HEX_DIGITS[ch] || !digits.every((d) => HEX.includes(d))) refuse('\\x');
      const code = parseInt(digits.join(''), 16);
      if (code > MAX_CODE || (code >= 0xd800 && code <= 0xdfff)) refuse('\\x');
      this.i += HEX_DIGITS[ch];
      return [[[code, code]], true];
    }
    if (ALNUM.includes(ch)) refuse(`\\${ch}`);
    const code = ch.codePointAt(0);
    return [[[code, code]], true];
  }

  charClass() {
    this.i += 1;
    const negate = this.peek() === '^';
    if (negate) this.i += 1;
    const first = this.i;
    if (this.peek() === ']') refuse('[]');
    let members = [];
    while (this.peek() !== ']') {
      if (this.peek() === '') refuse('unclosed [');
      members = members.concat(this.classMember(first));
    }
    this.i += 1;
    let ranges = normalize(members);
    if (negate) ranges = complement(ranges);
    if (ranges.length === 0) refuse('empty class');
    return { k: 'c', ranges };
  }

  classMember(first) {
    const [lo, single] = this.classItem(first);
    if (this.peek() !== '-' || this.peek(1) === ']' || this.peek(1) === '') return lo;
    this.i += 1;
    const [hi, hiSingle] = this.classItem(first);
    if (!(single && hiSingle) || lo[0][0] > hi[0][0]) refuse('range');
    return [[lo[0][0], hi[0][0]]];
  }

  classItem(first) {
    const ch = this.peek();
    if (ch === '\\') return this.escape();
    if (ch === '[' || (ch === '-' && this.i !== first && this.peek(1) !== ']')) refuse(ch);
    this.i += 1;
    const code = ch.codePointAt(0);
    return [[[code, code]], true];
  }
}

/** The program of a tree, as formkit/pattern/program.py compiles it. */
class Compiler {
  constructor() {
    this.prog = [];
  }

  add(ins) {
    if (this.prog.length >= MAX_INSTRUCTIONS) refuse('too large');
    this.prog.push(ins);
    return this.prog.length - 1;
  }

  emit(node) {
    if (node.k === 'c') this.add(['c', node.ranges.flat()]);
    else if (node.k === 'seq') for (const item of node.items) this.emit(item);
    else if (node.k === 'alt') this.alt(node);
    else this.repeat(node);
  }

  alt(node) {
    const jumps = [];
    for (const branch of node.branches.slice(0, -1)) {
      const split = this.add(['s', this.prog.length + 1, 0]);
      this.emit(branch);
      jumps.push(this.add(['j', 0]));
      this.prog[split][2] = this.prog.length;
    }
    this.emit(node.branches[node.branches.length - 1]);
    for (const j of jumps) this.prog[j][1] = this.prog.length;
  }

  repeat(node) {
    const { lo, hi } = node;
    if (hi === null) {
      for (let n = 0; n < lo - 1; n += 1) this.emit(node.item);
      this.loop(node, lo > 0);
      return;
    }
    for (let n = 0; n < lo; n += 1) this.emit(node.item);
    const splits = []; // the optional copies nest: (x(x(x)?)?)?
    for (let n = 0; n < hi - lo; n += 1) {
      splits.push(this.add(['s', this.prog.length + 1, 0]));
      this.emit(node.item);
    }
    for (const s of splits) this.prog[s][2] = this.prog.length;
  }

  loop(node, atLeastOnce) {
    const top = this.prog.length;
    if (atLeastOnce) {
      this.emit(node.item);
      this.add(['s', top, this.prog.length + 1]);
      return;
    }
    const split = this.add(['s', top + 1, 0]);
    this.emit(node.item);
    this.add(['j', top]);
    this.prog[split][2] = this.prog.length;
  }
}

/** The program of a (checked) pattern, in formkit/pattern's JSON form. */
export function compilePattern(text) {
  const c = new Compiler();
  c.emit(new Parser(text).parse());
  c.add(['m']);
  return c.prog;
}

/** The character tests (and the end) reachable from `pc` without reading, in order. */
function closure(prog, pc) {
  const out = [];
  const seen = new Set();
  const stack = [pc];
  while (stack.length > 0) {
    const at = stack.pop();
    if (seen.has(at)) continue;
    seen.add(at);
    const ins = prog[at];
    if (ins[0] === 's') stack.push(ins[2], ins[1]);
    else if (ins[0] === 'j') stack.push(ins[1]);
    else out.push(at);
  }
  return out;
}

function reads(ranges, code) {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) { // binary search over the [lo, hi] pairs
    const mid = (lo + hi) >> 1;
    if (code < ranges[2 * mid]) hi = mid - 1;
    else if (code > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** A pattern ready to match: its program and the closures met so far. */
export class Matcher {
  constructor(prog) {
    this.prog = prog;
    this.end = prog.length - 1;
    this.closures = new Map();
  }

  closure(pc) {
    let got = this.closures.get(pc);
    if (got === undefined) {
      got = closure(this.prog, pc);
      this.closures.set(pc, got);
    }
    return got;
  }

  /** Whether the whole of `text` matches: one pass, all live threads at once. */
  fullMatch(text) {
    let states = this.closure(0);
    for (const ch of text) {
      const code = ch.codePointAt(0);
      const next = new Set();
      for (const pc of states) {
        if (pc !== this.end && reads(this.prog[pc][1], code)) for (const t of this.closure(pc + 1)) next.add(t);
      }
      if (next.size === 0) return false;
      states = next;
    }
    for (const pc of states) if (pc === this.end) return true;
    return false;
  }
}

const MATCHERS = new Map();

/** Whether `text` matches the whole of `pattern` (compiled once per pattern). */
export function fullMatch(pattern, text) {
  let m = MATCHERS.get(pattern);
  if (m === undefined) {
    m = new Matcher(compilePattern(pattern));
    MATCHERS.set(pattern, m);
  }
  return m.fullMatch(text);
}
