import { useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { Diagnostic } from '../../src/index.ts';
import { createStubModules } from '../../src/modules/createStubModules.ts';
import { inferUnresolvedTypes } from '../../src/modules/inferTypes.ts';
import { freeModuleFile, moduleFileProblem, moduleStem } from '../../src/modules/moduleFile.ts';
import { projectFileName, serializeProject } from '../../src/modules/project.ts';
import { downloadText } from '../runner/downloads.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { EXAMPLE_FILES, loadExampleModule, newModuleSource } from './exampleModules.ts';
import { newPythonModuleSource } from '../../src/python/newPythonModuleSource.ts';
import { ModuleEditor } from './ModuleEditor.tsx';
import { startModuleAnalysis } from './modulesController.ts';
import { modulesForRun } from './modulesForRun.ts';
import { displayText } from '../store/names.ts';
import './modules.css';

const selModules = (s: EditorState) => s.modules;
const selModuleTypes = (s: EditorState) => s.moduleTypes;
const selTheme = (s: EditorState) => s.theme;
const selConfig = (s: EditorState) => s.config;
const selCatalog = (s: EditorState) => s.catalog;
const selFileName = (s: EditorState) => s.fileName;

/** The Modules view: the model's TypeScript modules, edited with type checking against the runtime API. */
export function ModulesPanel() {
  const store = useEditorStore();
  const controller = useMemo(() => startModuleAnalysis(store), [store]);
  const modules = useEditor(selModules);
  const moduleTypes = useEditor(selModuleTypes);
  const theme = useEditor(selTheme);
  const config = useEditor(selConfig);
  const catalog = useEditor(selCatalog);
  const fileName = useEditor(selFileName);
  const view = useStore(controller.view);
  const [naming, setNaming] = useState<string | null>(null);
  const [reveal, setReveal] = useState<{ line: number; column: number; at: number } | null>(null);

  const selected = view.selected && modules.some((m) => m.file === view.selected) ? view.selected : (modules[0]?.file ?? null);
  const unresolved = useMemo(() => (config ? inferUnresolvedTypes(config, catalog) : []), [config, catalog]);
  const selectedTypes = moduleTypes.filter((t) => selected && t.module === moduleStem(selected));
  const problems = view.diagnostics;
  const nameProblem = naming === null ? undefined : (moduleFileProblem(naming) ?? (modules.some((m) => m.file === naming) ? `${naming} already exists.` : undefined));

  const createModule = (e: FormEvent) => {
    e.preventDefault();
    if (naming === null || nameProblem) return;
    controller.saveModule(naming, naming.endsWith('.py') ? newPythonModuleSource() : newModuleSource(), { select: true });
    setNaming(null);
  };
  const openExample = async (file: string) => {
    if (!file) return;
    if (modules.some((m) => m.file === file)) return controller.select(file);
    const example = await loadExampleModule(file);
    controller.saveModule(example.file, example.source, { select: true });
  };
  const createStubs = () => {
    const plan = createStubModules(unresolved, modules);
    // Generated code is code like any other: it waits for the user's approval (Load types or Run).
    for (const m of plan.modules) controller.addModule(m.file, m.source);
    if (plan.modules[0]) controller.select(plan.modules[0].file);
    const located = (type: string) => {
      const d = store.getState().diagnostics.find((x) => x.code === 'invalid-port-name' && config?.process.components.some((c) => c.name === x.component && c.type === type));
      return d?.range ? ` at ${store.getState().fileName}:${d.range.start.line}:${d.range.start.column}` : '';
    };
    const skipped = plan.skipped.map((s) => `${s.type} (${s.reason}${located(s.type)})`).join('; ');
    const created = plan.modules.map((m) => m.file).join(', ');
    store.getState().notify(skipped ? 'error' : 'info', `${created ? `Created stubs in ${created}: review them, then Load types.` : 'Created no stubs.'}${skipped ? ` Skipped: ${skipped}.` : ''}`);
  };
  const saveProject = () => {
    const { text } = store.getState();
    downloadText(projectFileName(fileName), serializeProject({ modelFile: fileName, yaml: text, modules }));
    store.getState().markSaved();
  };
  const remove = (file: string) => {
    if (window.confirm(`Remove ${file} from this model? Its components become unresolved.`)) controller.removeModule(file);
  };
  const pick = (d: Diagnostic) => {
    if (d.file) controller.select(d.file);
    if (d.range) setReveal({ line: d.range.start.line, column: d.range.start.column, at: Date.now() });
  };

  return (
    <section className="modules-panel" aria-label="Modules">
      <div className="modules-panel__toolbar">
        <button type="button" onClick={() => setNaming(suggestFileName(modules.map((m) => m.file)))}>
          New module
        </button>
        <select aria-label="Open example module" value="" onChange={(e) => void openExample(e.target.value)}>
          <option value="">Example modules…</option>
          {EXAMPLE_FILES.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        {modules.length > 0 && (
          <button type="button" onClick={saveProject} title="One file with the YAML and its modules; Open reads it back">
            Save project
          </button>
        )}
        {selected && (
          <button type="button" onClick={() => downloadText(selected, modules.find((m) => m.file === selected)?.source ?? '')} title="For the CLI: put it next to the YAML, or pass --modules DIR">
            Download {selected}
          </button>
        )}
        {unresolved.length > 0 && (
          <button type="button" onClick={createStubs} title={unresolved.map((t) => t.type).join('\n')}>
            Create stubs for {unresolved.length} unresolved type{unresolved.length === 1 ? '' : 's'}
          </button>
        )}
      </div>

      {naming !== null && (
        <form className="modules-panel__new" onSubmit={createModule}>
          <label>
            Module file name
            <input autoFocus value={naming} onChange={(e) => setNaming(e.target.value)} aria-invalid={!!nameProblem} />
          </label>
          <button type="submit" disabled={!!nameProblem}>
            Create
          </button>
          <button type="button" onClick={() => setNaming(null)}>
            Cancel
          </button>
          {nameProblem && <p className="modules-panel__hint is-error">{nameProblem}</p>}
        </form>
      )}

      {view.pending.length > 0 && (
        <div className="modules-panel__pending" role="status">
          Not loaded yet: {view.pending.join(', ')}. This code runs only in a worker, when you press Run.{' '}
          <button type="button" onClick={() => controller.approveAll()}>
            Load types now
          </button>
        </div>
      )}

      {modules.length === 0 ? (
        <p className="muted pad">
          No modules. Write components in TypeScript or Python with <b>New module</b> (<code>my_module.ts</code> or{' '}
          <code>my_module.py</code>), or open an example module to read and change it. A type <code>my_module.MyClass</code> in the
          YAML comes from <code>my_module.ts</code> or <code>my_module.py</code>.
        </p>
      ) : (
        <>
          <ul className="modules-panel__files" aria-label="Module files">
            {modules.map((m) => {
              const errors = problems.filter((d) => d.file === m.file && d.severity === 'error').length;
              return (
                <li key={m.file} className={m.file === selected ? 'is-selected' : ''} aria-label={m.file}>
                  <button type="button" aria-pressed={m.file === selected} onClick={() => controller.select(m.file)}>
                    {m.file}
                    {errors > 0 && <span className="badge badge--error">{errors}</span>}
                  </button>
                  <button type="button" className="modules-panel__remove" aria-label="Remove module" title={`Remove ${m.file}`} onClick={() => remove(m.file)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="modules-panel__runs" data-testid="modules-run-list">
            Run uses: {(config ? modulesForRun(config, modules) : []).map((m) => m.file).join(', ') || 'none (no component type names a module)'}
            {view.analyzing ? ' · checking…' : ''}
            {selected && !view.analyzing && (
              <span className="muted">
                {' '}
                · {selected} defines {selectedTypes.length ? selectedTypes.map((t) => t.className).join(', ') : 'no components yet'}
              </span>
            )}
          </p>
          {view.runError && (
            <p className="modules-panel__run-error" role="alert">
              Last run failed in {view.runError.file}:{view.runError.line}:{view.runError.column}
              {view.runError.component ? ` (${view.runError.component})` : ''}: {view.runError.message}
            </p>
          )}
          {selected && (
            <ModuleEditor
              modules={modules}
              file={selected}
              diagnostics={problems}
              runError={view.runError}
              theme={theme}
              reveal={reveal}
              onChange={(file, source) => controller.saveModule(file, source)}
            />
          )}
          <ModuleProblems diagnostics={problems} onPick={pick} />
        </>
      )}
    </section>
  );
}

function suggestFileName(taken: readonly string[]): string {
  return taken.includes('my_components.ts') ? freeModuleFile(taken, 'my_components') : 'my_components.ts';
}

function ModuleProblems({ diagnostics, onPick }: { diagnostics: readonly Diagnostic[]; onPick: (d: Diagnostic) => void }) {
  if (diagnostics.length === 0) return null;
  return (
    <div className="problems" role="region" aria-label="Module problems">
      <ul className="problems__list">
        {diagnostics.map((d, i) => (
          <li key={i} className={`problem problem--${d.severity}`}>
            <button type="button" onClick={() => onPick(d)}>
              <span className="problem__where">
                {d.file ?? ''}
                {d.range ? `:${d.range.start.line}:${d.range.start.column}` : ''}
              </span>
              <span className="problem__msg">{displayText(d.message)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
