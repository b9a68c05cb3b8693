import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseCondition, testCondition, type Condition } from './condition.ts';

function cond(text: string, variables: readonly string[] | null = ['value']): Condition {
  const r = parseCondition(text, variables);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.column}: ${r.error.message}`);
  return r.value;
}
const holds = (text: string, value: unknown, extra: Record<string, unknown> = {}) => {
  const r = testCondition(cond(text, null), { value, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const error = (text: string, variables: readonly string[] | null = ['value']) => {
  const r = parseCondition(text, variables);
  if (r.ok) throw new Error(`parsed: ${text}`);
  return r.error;
};

describe('breakpoint conditions', () => {
  it('ranges with && and ||', () => {
    expect(holds('value > 3 && value < 10', 5)).toBe(true);
    expect(holds('value > 3 && value < 10', 10)).toBe(false);
    expect(holds('value > 3 && value < 10', 2)).toBe(false);
    expect(holds('value < 0 || value >= 100', 100)).toBe(true);
    expect(holds('value < 0 || value >= 100', 50)).toBe(false);
  });

  it('functions and arithmetic with the usual precedence', () => {
    expect(holds('abs(value - 2) >= 0.5', 2.6)).toBe(true);
    expect(holds('abs(value - 2) >= 0.5', 1.7)).toBe(false);
    expect(evaluateCondition(cond('1 + 2 * 3 - 4 / 2 % 3'), { value: 0 })).toEqual({ ok: true, value: 5 });
    expect(evaluateCondition(cond('-(1 + 2) * 2'), { value: 0 })).toEqual({ ok: true, value: -6 });
    expect(evaluateCondition(cond('max(1, value, 3) + min(4, 5) + pow(2, 3) + sqrt(16) + floor(1.7) + round(.5) + 1e2'), { value: 7 })).toEqual({ ok: true, value: 125 });
    expect(holds('isnan(value)', NaN)).toBe(true);
  });

  it('string equality, escapes and comparison, with no type coercion', () => {
    expect(holds('value == "done"', 'done')).toBe(true);
    expect(holds("value == 'done'", 'do')).toBe(false);
    expect(holds('value != "done"', 'x')).toBe(true);
    expect(holds('value == "it\\"s"', 'it"s')).toBe(true);
    expect(holds('value == 1', '1')).toBe(false); // no coercion
    expect(holds('value < "b"', 'a')).toBe(true);
    expect(holds('value > 3', '10')).toBe(false); // string vs number: never ordered
    expect(holds('len(value) == 4', 'abcd')).toBe(true);
    expect(holds('value == true', true)).toBe(true);
    expect(holds('value == null', null)).toBe(true);
    expect(holds('!value', false)).toBe(true);
  });

  it('fields and indices of structured values (own data only)', () => {
    expect(holds('value.x > 1 && value["y"] == "a"', { x: 2, y: 'a' })).toBe(true);
    expect(holds('value[1] == 5 && len(value) == 2', [4, 5])).toBe(true);
    expect(error('value == [1]')).toMatchObject({ column: 10, message: "expected a value, found '['" }); // no list literals
  });

  it('cannot reach prototypes, constructors or globals', () => {
    expect(evaluateCondition(cond('value.constructor'), { value: {} })).toEqual({ ok: true, value: null });
    expect(evaluateCondition(cond('value.__proto__'), { value: {} })).toEqual({ ok: true, value: null });
    expect(evaluateCondition(cond('value["toString"]'), { value: {} })).toEqual({ ok: true, value: null });
    expect(error('globalThis.x')).toMatchObject({ message: "unknown name 'globalThis' (known: value)", column: 1 });
    expect(error('eval("1")').message).toContain("unknown function 'eval'");
  });

  it('more variables when the caller allows them', () => {
    const c = cond('value > limit && step >= 3', ['value', 'limit', 'step']);
    expect(testCondition(c, { value: 5, limit: 4, step: 3 })).toEqual({ ok: true, value: true });
    expect(testCondition(c, { value: 5, limit: 4 })).toMatchObject({ ok: false, error: { message: "'step' has no value here", column: 18 } });
  });

  it('syntax errors say where and what', () => {
    expect(error('value > ')).toMatchObject({ offset: 8, line: 1, column: 9, message: "expected an operand after '>'" });
    expect(error('value > 3 &&')).toMatchObject({ column: 13, message: "expected an operand after '&&'" });
    expect(error('value = 3')).toMatchObject({ column: 7, message: "unexpected character '=' (compare with '==')" });
    expect(error('value > 3 & value < 1')).toMatchObject({ column: 11, message: "unexpected character '&' (use '&&')" });
    expect(error('abs(value')).toMatchObject({ column: 10, message: "expected ')' to close the call of abs(), found the end" });
    expect(error('(value > 1')).toMatchObject({ message: "expected ')' to close the '(' at column 1, found the end" });
    expect(error('value > 3 4')).toMatchObject({ column: 11, message: "expected an operator or the end, found '4'" });
    expect(error('value == "abc')).toMatchObject({ column: 10, message: 'this string is not closed' });
    expect(error('abs(1, 2)')).toMatchObject({ column: 1, message: 'abs() takes 1 argument, not 2' });
    expect(error('value >\n  3x')).toMatchObject({ line: 2, column: 3, message: "'3x' is not a number" });
    expect(error('   ')).toMatchObject({ message: 'the condition is empty' });
    expect(error('value > 1 #')).toMatchObject({ column: 11, message: "unexpected character '#'" });
  });

  it('type errors at evaluation are located too', () => {
    const r = testCondition(cond('abs(value) > 1'), { value: 'x' });
    expect(r).toEqual({ ok: false, error: { message: 'abs() needs a number, got a string', offset: 4, line: 1, column: 5 } });
    expect(testCondition(cond('value - 1 > 0'), { value: null })).toMatchObject({ ok: false, error: { message: "'-' needs a number, got null" } });
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    expect(error('('.repeat(200) + 'value' + ')'.repeat(200)).message).toBe('the expression nests too deeply');
    expect(error('-'.repeat(200) + 'value').message).toBe('the expression nests too deeply');
  });
});
