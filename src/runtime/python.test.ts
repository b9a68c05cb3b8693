import { describe, expect, it } from 'vitest';
import { formatPython, formatPythonFloat, isoLocalTimestamp } from './python.ts';
import { PythonRandom } from './pythonRandom.ts';

describe('PythonRandom matches CPython random.Random(seed).random()', () => {
  it.each([
    [42, [0.6394267984578837, 0.025010755222666936, 0.27502931836911926]],
    [2 ** 40 + 5, [0.5043802970418443]], // two-word init_by_array key
    [-7, [0.32383276483316237]], // |seed|
    [0, [0.8444218515250481]],
  ])('seed %s', (seed, expected) => {
    const rng = new PythonRandom(seed);
    expect(expected.map(() => rng.random())).toEqual(expected);
  });
});

describe('Python formatting', () => {
  it.each([
    [2, '2.0'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [123456789012345680, '1.2345678901234568e+17'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [-0, '-0.0'],
    [0.0001, '0.0001'],
    [1 / 3, '0.3333333333333333'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [Infinity, 'inf'],
  ])('repr(%s) = %s', (x, text) => {
    expect(formatPythonFloat(x)).toBe(text);
  });

  it('str() of plain values', () => {
    expect([formatPython(null), formatPython(true), formatPython(3), formatPython(0.5), formatPython('a'), formatPython([1, 'b', null]), formatPython({ k: false })]).toEqual([
      'None',
      'True',
      '3',
      '0.5',
      'a',
      "[1, 'b', None]",
      "{'k': False}",
    ]);
  });

  it('isoLocalTimestamp: local time without zone, microseconds unless zero', () => {
    const d = new Date(2024, 0, 2, 3, 4, 5);
    expect(isoLocalTimestamp(d.getTime())).toBe('2024-01-02T03:04:05');
    expect(isoLocalTimestamp(d.getTime() + 12.345)).toBe('2024-01-02T03:04:05.012345');
  });
});
