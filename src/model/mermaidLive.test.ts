import { inflateSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mermaidLiveUrl, urlSafeBase64 } from './mermaidLive.ts';

describe('mermaidLiveUrl', () => {
  it('encodes the Python json.dumps payload, deflated, URL-safe base64', () => {
    const url = mermaidLiveUrl('flowchart LR\n  a --> b "é"', (b) => deflateSync(b, { level: 9 }));
    expect(url.startsWith('https://mermaid.live/edit#pako:')).toBe(true);
    const b64 = url.slice('https://mermaid.live/edit#pako:'.length).replace(/-/g, '+').replace(/_/g, '/');
    expect(inflateSync(Buffer.from(b64, 'base64')).toString('utf8')).toBe('{"code": "flowchart LR\\n  a --> b \\"\\u00e9\\"", "mermaid": {"theme": "default"}}');
  });

  it('pads like Python', () => {
    expect(urlSafeBase64(Uint8Array.from([0xfb, 0xff]))).toBe('-_8=');
    expect(urlSafeBase64(Uint8Array.from([1]))).toBe('AQ==');
  });
});
