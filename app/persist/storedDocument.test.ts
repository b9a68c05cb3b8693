import { describe, expect, it } from 'vitest';
import { recoverDocument } from './storedDocument.ts';

describe('stored document is checked field by field (issue 11 item 5)', () => {
  it('keeps a valid document as it is', () => {
    const doc = { text: 'a: 1\n', fileName: 'm.yaml', modules: [{ file: 'x.ts', source: 's' }], theme: 'dark', unsaved: true, stamp: 't:1', savedAt: 5 };
    expect(recoverDocument(doc)).toEqual({ doc, rejected: null, problems: [] });
  });

  it('recovers what is valid from the corrupt autosaves that blanked the page, and returns the rest', () => {
    const r = recoverDocument({
      text: 'plugboard: {}\n',
      fileName: { evil: true },
      modules: [null, { file: 'ok.ts', source: 'export {}' }, { file: 'bad.ts', source: 42 }],
      theme: 'neon',
    });
    expect(r.doc).toMatchObject({ text: 'plugboard: {}\n', fileName: 'model.yaml', modules: [{ file: 'ok.ts', source: 'export {}' }], theme: 'light' });
    expect(JSON.parse(r.rejected!)).toEqual({ fileName: { evil: true }, modules: [null, { file: 'bad.ts', source: 42 }], theme: 'neon' });
    expect(r.problems.join('\n')).toMatch(/modules\[0\]/);
    expect(r.problems.join('\n')).toMatch(/modules\[2\]/);
  });

  it('an older record without the new fields loads with defaults, and no text means no document but a download', () => {
    expect(recoverDocument({ text: 'x', theme: 'dark' })).toMatchObject({ doc: { text: 'x', theme: 'dark', modules: [], unsaved: true }, rejected: null });
    const none = recoverDocument({ text: 7, modules: [{ file: 'keep.ts', source: 'mine' }] });
    expect(none.doc).toBeNull();
    expect(none.rejected).toContain('keep.ts');
    expect(recoverDocument('garbage').doc).toBeNull();
  });
});
