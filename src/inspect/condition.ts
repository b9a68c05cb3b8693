/**
 * Breakpoint conditions: a tiny, safe expression language, parsed and evaluated here (no `eval`, no
 * `Function`), so a condition typed on the page can run inside a worker against each probed value.
 *
 *   value > 3 && value < 10        abs(value - 2) >= 0.5        value == "done"
 *   !(value.ok) || value[0] % 2 == 1        min(value, step) != 0
 *
 * Literals: numbers, 'strings' / "strings", true, false, null. Variables: the names the caller
 * passes (`value` by default). Operators, loosest first: `||`, `&&`, `== !=` (strict: no type
 * coercion), `< <= > >=` (numbers with numbers, strings with strings; otherwise false), `+ -`,
 * `* / %`, unary `! -`, member `a.b` / `a[i]` (own data only). Functions: abs, min, max, sqrt,
 * floor, ceil, round, exp, log, pow, len, isnan. Errors carry the offset, line and column.
 */

export type Expr =
  | { readonly kind: 'literal'; readonly value: unknown; readonly at: number }
  | { readonly kind: 'variable'; readonly name: string; readonly at: number }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr; readonly at: number }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly at: number }
  | { readonly kind: 'member'; readonly object: Expr; readonly key: Expr; readonly at: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly at: number };

type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface ConditionError {
  readonly message: string;
  /** 0-based offset into the text, and 1-based line/column. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export type ConditionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ConditionError };

export interface Condition {
  readonly text: string;
  readonly expr: Expr;
}

export const MAX_CONDITION_LENGTH = 2000;
const MAX_DEPTH = 64;

const FUNCTIONS: Readonly<Record<string, { arity: [number, number]; fn: (...args: number[]) => number }>> = {
  abs: { arity: [1, 1], fn: Math.abs },
  min: { arity: [1, 16], fn: Math.min },
  max: { arity: [1, 16], fn: Math.max },
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  round: { arity: [1, 1], fn: Math.round },
  exp: { arity: [1, 1], fn: Math.exp },
  log: { arity: [1, 1], fn: Math.log },
  pow: { arity: [2, 2], fn: Math.pow },
};

function locate(text: string, offset: number, message: string): ConditionError {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { message, offset, line, column };
}

class Fail extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

type Token =
  | { kind: 'num'; value: number; at: number; end: number }
  | { kind: 'str'; value: string; at: number; end: number }
  | { kind: 'name'; value: string; at: number; end: number }
  | { kind: 'op'; value: string; at: number; end: number }
  | { kind: 'end'; at: number; end: number };

const OPS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', '.', ','];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i))!;
      i += m[0].length;
      if (/[A-Za-z_]/.test(text[i] ?? '')) throw new Fail(start, `'${text.slice(start, i + 1)}' is not a number`);
      out.push({ kind: 'num', value: Number(m[0]), at: start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Fail(start, 'this string is not closed');
        const d = text[i]!;
        if (d === c) break;
        if (d === '\\') {
          const e = text[i + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };
          if (e === undefined || !(e in map)) throw new Fail(i, `unknown escape '\\${e ?? ''}' (use \\n, \\t, \\\\, \\' or \\")`);
          s += map[e];
          i += 2;
          continue;
        }
        s += d;
        i++;
      }
      i++;
      out.push({ kind: 'str', value: s, at: start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      i += m[0].length;
      out.push({ kind: 'name', value: m[0], at: start, end: i });
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) {
      const hint = c === '=' ? " (compare with '==')" : c === '&' || c === '|' ? ` (use '${c}${c}')` : '';
      throw new Fail(i, `unexpected character '${c}'${hint}`);
    }
    i += op.length;
    out.push({ kind: 'op', value: op, at: start, end: i });
  }
  out.push({ kind: 'end', at: text.length, end: text.length });
  return out;
}

const BINARY: readonly (readonly BinaryOp[])[] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

function describe(t: Token): string {
  return t.kind === 'end' ? 'the end' : t.kind === 'str' ? 'a string' : `'${t.value}'`;
}

/** Recursive descent, one function per precedence level. */
function parseTokens(tokens: Token[], variables: readonly string[] | null): Expr {
  let p = 0;
  let depth = 0;
  const peek = () => tokens[p]!;
  const isOp = (v: string) => peek().kind === 'op' && (peek() as { value: string }).value === v;
  const expect = (v: string, what: string) => {
    if (!isOp(v)) throw new Fail(peek().at, `expected '${v}' ${what}, found ${describe(peek())}`);
    p++;
  };

  const level = (n: number): Expr => {
    if (n === BINARY.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const t = peek();
      const op = t.kind === 'op' ? BINARY[n]!.find((o) => o === t.value) : undefined;
      if (!op) return left;
      p++;
      if (peek().kind === 'end') throw new Fail(peek().at, `expected an operand after '${op}'`);
      const right = level(n + 1);
      left = { kind: 'binary', op, left, right, at: t.at };
    }
  };

  const unary = (): Expr => {
    const t = peek();
    if (t.kind === 'op' && (t.value === '!' || t.value === '-')) {
      p++;
      if (++depth > MAX_DEPTH) throw new Fail(t.at, 'the expression nests too deeply');
      const operand = unary();
      depth--;
      return { kind: 'unary', op: t.value, operand, at: t.at };
    }
    return postfix(primary());
  };

  const postfix = (e: Expr): Expr => {
    for (;;) {
      const t = peek();
      if (isOp('.')) {
        p++;
        const name = peek();
        if (name.kind !== 'name') throw new Fail(name.at, `expected a field name after '.', found ${describe(name)}`);
        p++;
        e = { kind: 'member', object: e, key: { kind: 'literal', value: name.value, at: name.at }, at: t.at };
      } else if (isOp('[')) {
        p++;
        const key = inner();
        expect(']', `to close the '[' at column ${t.at + 1}`);
        e = { kind: 'member', object: e, key, at: t.at };
      } else return e;
    }
  };

  const inner = (): Expr => {
    if (++depth > MAX_DEPTH) throw new Fail(peek().at, 'the expression nests too deeply');
    const e = level(0);
    depth--;
    return e;
  };

  const primary = (): Expr => {
    const t = peek();
    switch (t.kind) {
      case 'num':
      case 'str':
        p++;
        return { kind: 'literal', value: t.value, at: t.at };
      case 'name': {
        p++;
        if (t.value === 'true' || t.value === 'false') return { kind: 'literal', value: t.value === 'true', at: t.at };
        if (t.value === 'null') return { kind: 'literal', value: null, at: t.at };
        if (isOp('(')) {
          p++;
          const isLen = t.value === 'len' || t.value === 'isnan';
          const f = FUNCTIONS[t.value];
          if (!f && !isLen) throw new Fail(t.at, `unknown function '${t.value}' (known: ${[...Object.keys(FUNCTIONS), 'len', 'isnan'].join(', ')})`);
          const args: Expr[] = [];
          if (!isOp(')')) {
            args.push(inner());
            while (isOp(',')) {
              p++;
              args.push(inner());
            }
          }
          expect(')', `to close the call of ${t.value}()`);
          const [lo, hi] = f ? f.arity : [1, 1];
          if (args.length < lo || args.length > hi) throw new Fail(t.at, `${t.value}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, not ${args.length}`);
          return { kind: 'call', name: t.value, args, at: t.at };
        }
        if (variables && !variables.includes(t.value)) throw new Fail(t.at, `unknown name '${t.value}' (known: ${variables.join(', ')})`);
        return { kind: 'variable', name: t.value, at: t.at };
      }
      case 'op':
        if (t.value === '(') {
          p++;
          const e = inner();
          expect(')', `to close the '(' at column ${t.at + 1}`);
          return e;
        }
        throw new Fail(t.at, `expected a value, found ${describe(t)}`);
      case 'end':
        throw new Fail(t.at, 'expected a value, found the end');
    }
  };

  const e = inner();
  if (peek().kind !== 'end') throw new Fail(peek().at, `expected an operator or the end, found ${describe(peek())}`);
  return e;
}

/**
 * Parses a condition. `variables` lists the names it may use (default `['value']`; null allows any).
 * @example
 * const c = parseCondition('abs(value - 2) >= 0.5');
 * if (c.ok) testCondition(c.value, { value: 3 }); // { ok: true, value: true }
 */
export function parseCondition(text: string, variables: readonly string[] | null = ['value']): ConditionResult<Condition> {
  if (text.length > MAX_CONDITION_LENGTH) return { ok: false, error: locate(text, MAX_CONDITION_LENGTH, `a condition is at most ${MAX_CONDITION_LENGTH} characters`) };
  try {
    const tokens = tokenize(text);
    if (tokens.length === 1) return { ok: false, error: locate(text, 0, 'the condition is empty') };
    return { ok: true, value: { text, expr: parseTokens(tokens, variables) } };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, error: locate(text, err.at, err.message) };
    throw err;
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function num(v: unknown, at: number, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Fail(at, `${what} needs a number, got ${typeName(v)}`);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b) ? false : a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  return false;
}

function evaluate(e: Expr, vars: Readonly<Record<string, unknown>>): unknown {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'variable':
      if (!Object.prototype.hasOwnProperty.call(vars, e.name)) throw new Fail(e.at, `'${e.name}' has no value here`);
      return vars[e.name];
    case 'unary': {
      const v = evaluate(e.operand, vars);
      return e.op === '!' ? !v : -num(v, e.at, "'-'");
    }
    case 'binary': {
      if (e.op === '&&') return evaluate(e.left, vars) ? evaluate(e.right, vars) : false;
      if (e.op === '||') {
        const l = evaluate(e.left, vars);
        return l ? l : evaluate(e.right, vars);
      }
      const l = evaluate(e.left, vars);
      const r = evaluate(e.right, vars);
      switch (e.op) {
        case '==':
          return equal(l, r);
        case '!=':
          return !equal(l, r);
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const comparable = (typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string');
          if (!comparable) return false;
          const a = l as number | string;
          const b = r as number | string;
          return e.op === '<' ? a < b : e.op === '<=' ? a <= b : e.op === '>' ? a > b : a >= b;
        }
        case '+':
          if (typeof l === 'string' && typeof r === 'string') return l + r;
          return num(l, e.at, "'+'") + num(r, e.at, "'+'");
        case '-':
          return num(l, e.at, "'-'") - num(r, e.at, "'-'");
        case '*':
          return num(l, e.at, "'*'") * num(r, e.at, "'*'");
        case '/':
          return num(l, e.at, "'/'") / num(r, e.at, "'/'");
        case '%':
          return num(l, e.at, "'%'") % num(r, e.at, "'%'");
      }
      break;
    }
    case 'member': {
      const o = evaluate(e.object, vars);
      const k = evaluate(e.key, vars);
      if (typeof k !== 'string' && typeof k !== 'number') throw new Fail(e.key.at, `a field name or index must be a string or number, got ${typeName(k)}`);
      const key = String(k);
      if (o === null || typeof o !== 'object' || FORBIDDEN_KEYS.has(key) || !Object.prototype.hasOwnProperty.call(o, key)) return null;
      return (o as Record<string, unknown>)[key];
    }
    case 'call': {
      const args = e.args.map((a) => evaluate(a, vars));
      if (e.name === 'len') {
        const v = args[0];
        if (typeof v === 'string' || Array.isArray(v)) return v.length;
        throw new Fail(e.at, `len() needs a string or a list, got ${typeName(v)}`);
      }
      if (e.name === 'isnan') return typeof args[0] === 'number' && Number.isNaN(args[0]);
      return FUNCTIONS[e.name]!.fn(...args.map((a, i) => num(a, e.args[i]!.at, `${e.name}()`)));
    }
  }
  const unknown: never = e;
  throw new Error(`unknown expression ${JSON.stringify(unknown)}`);
}

/**
 * The condition's value for these variables, or a located error (wrong types, missing variable).
 * @example evaluateCondition(c, { value: 4 }) // { ok: true, value: true }
 */
export function evaluateCondition(condition: Condition, vars: Readonly<Record<string, unknown>>): ConditionResult<unknown> {
  try {
    return { ok: true, value: evaluate(condition.expr, vars) };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, error: locate(condition.text, err.at, err.message) };
    throw err;
  }
}

/**
 * Whether the condition holds (its value is truthy): what a breakpoint asks for each probed value.
 * @example testCondition(c, { value: 4 }) // { ok: true, value: true }
 */
export function testCondition(condition: Condition, vars: Readonly<Record<string, unknown>>): ConditionResult<boolean> {
  const r = evaluateCondition(condition, vars);
  return r.ok ? { ok: true, value: !!r.value } : r;
}
