/**
 * Python-compatible text formatting, for files whose bytes should match what Plugboard writes.
 * JS numbers do not record int vs float, so whole numbers print as ints (`2`, not `2.0`) unless
 * the caller knows the value is a float (spec Q22).
 */

/**
 * Python `repr(float)`: shortest round-trip digits; exponent form when exp < -4 or >= 16, with a
 * signed, at-least-two-digit exponent (`1e-05`, `1e+16`); `inf`, `-inf`, `nan`.
 *
 * @example formatPythonFloat(2) // '2.0'; formatPythonFloat(0.00001) // '1e-05'
 */
export function formatPythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const s = String(x);
  if (s.includes('e')) {
    // JS uses exponent form for |x| < 1e-6; Python only below 1e-4 (handled above) — expand.
    return x.toFixed(Math.max(0, -exp + (mantissa.replace('-', '').replace('.', '').length - 1)));
  }
  return s.includes('.') ? s : `${s}.0`;
}

/**
 * Python `str(value)` for the plain values flowing between components: integers as ints, other
 * numbers as floats, `None`, `True`/`False`, lists and dicts in Python syntax.
 *
 * @example formatPython(null) // 'None'; formatPython(true) // 'True'; formatPython(0.5) // '0.5'
 */
export function formatPython(value: unknown, floats = false): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) && !floats ? String(value) : formatPythonFloat(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(reprPython).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${reprPython(k)}: ${reprPython(v)}`).join(', ')}}`;
  }
  return String(value);
}

function reprPython(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return formatPython(value);
}

/**
 * Python `datetime.now().isoformat()`: local time, no zone, microseconds unless zero.
 *
 * @example isoLocalTimestamp(Date.UTC(2024, 0, 1)) // '2024-01-01T00:00:00' in UTC
 */
export function isoLocalTimestamp(epochMs: number): string {
  const d = new Date(Math.floor(epochMs));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const micros = Math.floor(epochMs * 1000) % 1_000_000;
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return micros === 0 ? base : `${base}.${pad(micros, 6)}`;
}
