import { selectUnsaved, type EditorStore } from '../store/createEditorStore.ts';
import { downloadText } from '../runner/downloads.ts';
import { isProjectText, parseProject, projectFileName, serializeProject } from '../../src/modules/project.ts';

/**
 * Saves the model. Plain models download as YAML (Plugboard's own format); a model with user modules
 * downloads as a project file holding the YAML and its modules, so nothing is lost on Open.
 * Components placed only by auto-layout get their positions written first.
 */
export function saveDocument(store: EditorStore): void {
  const s = store.getState();
  if (Object.keys(s.autoPositions).length > 0 && s.isTextValid) s.setAutoPositions({ ...s.autoPositions, ...s.layout }, true);
  const { fileName, text, modules } = store.getState();
  if (modules.length === 0) downloadText(fileName, text);
  else downloadText(projectFileName(fileName), serializeProject({ modelFile: fileName, yaml: text, modules }));
  store.getState().markSaved();
}

/**
 * Asks before New, Open, an example or a dropped file replaces unsaved work (text or modules).
 * @example if (confirmReplace(store)) store.getState().newDocument();
 */
export function confirmReplace(store: EditorStore, ask: (message: string) => boolean = (m) => window.confirm(m)): boolean {
  const s = store.getState();
  if (!selectUnsaved(s)) return true;
  const modules = s.modules.length > 0 ? ` and its ${s.modules.length} module${s.modules.length === 1 ? '' : 's'}` : '';
  return ask(`${s.fileName}${modules} has unsaved changes. Replace it anyway? (Cancel, then Save, keeps them.)`);
}

/** Opens a .yaml file, or a project file (`*.plugboard.json`) holding the YAML and its modules. */
export async function openFile(store: EditorStore, file: File): Promise<void> {
  const text = await file.text();
  if (!confirmReplace(store)) return;
  if (isProjectText(text) || file.name.endsWith('.json')) {
    const result = parseProject(text);
    if (!result.ok) {
      store.getState().notify('error', `${file.name}: ${result.diagnostics[0]?.message ?? 'not a Plugboard Studio project file.'}`);
      return;
    }
    store.getState().loadDocument(result.project.yaml, result.project.modelFile, result.project.modules);
    const warning = result.diagnostics[0];
    if (warning) store.getState().notify('info', `${file.name}: ${warning.message}`);
    return;
  }
  store.getState().loadDocument(text, file.name);
}
