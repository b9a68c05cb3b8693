/** zlib-format deflate (e.g. Node's `zlib.deflateSync`, or a browser `CompressionStream('deflate')` wrapper). */
export type Deflate = (data: Uint8Array) => Uint8Array;

/** Python `json.dumps` of a string (ensure_ascii): ASCII-only output. */
function pyJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c > 0x7e) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
  }
  return `${out}"`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** URL-safe base64 with padding (Python `base64.urlsafe_b64encode`). */
export function urlSafeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] ?? 0, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/**
 * Mermaid Live editor link for a diagram (spec §8): `https://mermaid.live/edit#pako:` + URL-safe
 * base64 of the zlib-deflated JSON `{"code": ..., "mermaid": {"theme": "default"}}`. The deflater is
 * injected because `src/` has no zlib of its own.
 * @example mermaidLiveUrl(toMermaid(process), (b) => zlib.deflateSync(b, { level: 9 }))
 */
export function mermaidLiveUrl(diagram: string, deflate: Deflate): string {
  const json = `{"code": ${pyJsonString(diagram)}, "mermaid": {"theme": "default"}}`;
  const bytes = Uint8Array.from(json, (ch) => ch.charCodeAt(0));
  return `https://mermaid.live/edit#pako:${urlSafeBase64(deflate(bytes))}`;
}
