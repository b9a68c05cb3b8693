// @vitest-environment jsdom
// Issue 11 items 2, 8 and 12: modules belong to one document, a run is a snapshot, Run says what is wrong.
import { describe, expect, it } from 'vitest';
import type { RunRequest, StartRun } from '../../src/index.ts';
import { createEditorStore, initEditorStore, selectUnsaved, type EditorDeps } from './createEditorStore.ts';
import { emptyText } from '../document/core.ts';
import { confirmReplace } from '../ui/files.ts';
import { modulesForRun } from '../modules/modulesForRun.ts';
import { newModuleSource } from '../modules/exampleModules.ts';

function editor(text = emptyText(), deps: EditorDeps = {}) {
  return initEditorStore(createEditorStore({ initialText: text, parseDelayMs: 0, ...deps }));
}

const MODEL = `plugboard:
  process:
    args:
      components:
      - type: my_math.Double
        args:
          name: double
      connectors: []
`;
const mod = (file: string, source = newModuleSource()) => ({ file, source });

function recordingRun() {
  const requests: RunRequest[] = [];
  const start: StartRun = (request) => {
    requests.push(request);
    return { done: new Promise(() => undefined), cancel: () => undefined };
  };
  return { start, requests };
}

describe('modules belong to one document', () => {
  it('New and Open replace the modules; the new document starts saved', () => {
    const s = editor(MODEL, { initialModules: [mod('my_math.ts')] });
    s.getState().newDocument();
    expect(s.getState().modules).toEqual([]);
    s.getState().loadDocument(MODEL, 'other.yaml', [mod('other.ts')]);
    expect(s.getState().modules.map((m) => m.file)).toEqual(['other.ts']);
    s.getState().loadDocument(MODEL, 'plain.yaml');
    expect(s.getState().modules).toEqual([]);
    expect(selectUnsaved(s.getState())).toBe(false);
  });

  it('asks before replacing unsaved text or modules, and only then', () => {
    const s = editor(MODEL);
    const asked: string[] = [];
    const ask = (answer: boolean) => (m: string) => (asked.push(m), answer);
    expect(confirmReplace(s, ask(false))).toBe(true);
    expect(asked).toEqual([]);
    s.getState().setModule('my_math.ts', newModuleSource());
    expect(confirmReplace(s, ask(false))).toBe(false);
    expect(asked[0]).toContain('unsaved changes');
    s.getState().markSaved();
    expect(confirmReplace(s, ask(false))).toBe(true);
    s.getState().setText(MODEL.replace('double', 'twice'), 'yaml');
    expect(confirmReplace(s, ask(true))).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('a restored autosave counts as unsaved work', () => {
    expect(selectUnsaved(editor(MODEL, { initialUnsaved: true }).getState())).toBe(true);
  });

  it('a run loads only the modules the model names, and the modules those import', () => {
    const shared = mod('shared.ts', 'export const k = 2;\n');
    const mathImporting = mod('my_math.ts', `import { k } from './shared';\n${newModuleSource()}`);
    const unrelated = mod('unrelated.ts', 'globalThis.leak = 1;\n');
    const s = editor(MODEL);
    expect(modulesForRun(s.getState().config!, [unrelated, mathImporting, shared]).map((m) => m.file)).toEqual(['my_math.ts', 'shared.ts']);
    const run = recordingRun();
    const t = editor(emptyText(), { startRun: run.start, initialModules: [unrelated] });
    t.getState().startRun();
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]!.modules).toEqual([]);
  });
});

describe('runs and edits: the running model is a snapshot', () => {
  it('edits, undo and New go on during a run; the run keeps the text and mode it started with', () => {
    const run = recordingRun();
    const s = editor(emptyText(), { startRun: run.start });
    s.getState().addComponent('hello_ray.Iterator');
    s.getState().setProcessMode('parallel');
    s.getState().startRun();
    expect(s.getState().run.phase).toBe('running');
    const sent = run.requests[0]!;
    s.getState().setProcessMode('local');
    s.getState().undo();
    expect(s.getState().run).toMatchObject({ phase: 'running', mode: 'parallel' });
    s.getState().newDocument();
    expect(s.getState().run.phase).toBe('running');
    expect(sent.mode).toBe('parallel');
    expect(sent.yaml).toContain('hello_ray.Iterator');
  });
});

describe('Run says what is wrong (issue 11 item 12)', () => {
  it('an invalid component name is named, with its place, not "does not parse"', () => {
    const run = recordingRun();
    const s = editor(MODEL.replace('type: my_math.Double', 'type: hello_ray.Iterator').replace('name: double', 'name: "9 lives"'), { startRun: run.start });
    s.getState().startRun();
    expect(run.requests).toEqual([]);
    const message = s.getState().notice?.message ?? '';
    expect(message).not.toContain('does not parse');
    expect(message).toContain("Component name '9 lives' is not valid");
    expect(message).toContain('model.yaml:7:');
  });

  it('a syntax error still says the YAML does not parse, with its place', () => {
    const s = editor('plugboard:\n  process: [1, 2\n', { startRun: recordingRun().start });
    s.getState().startRun();
    expect(s.getState().notice?.message).toMatch(/^The YAML does not parse: .*model\.yaml:3:1/);
  });
});
