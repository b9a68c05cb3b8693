import { useEffect, useState } from 'react';
import type { EditorStore } from '../store/createEditorStore.ts';
import { openFile, saveDocument } from './files.ts';

function isTextTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.closest) return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

/** Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl+Y outside text fields (the YAML editor binds the same keys to the same store history). */
export function useGlobalShortcuts(store: EditorStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextTarget(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) store.getState().undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') store.getState().redo();
      else if (k === 's') {
        e.preventDefault();
        saveDocument(store);
        return;
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

/** Dropping a .yaml (or project .json) anywhere on the window opens it. */
export function useWindowFileDrop(store: EditorStore): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const file = [...(e.dataTransfer?.files ?? [])].find((f) => /\.(ya?ml|json)$/i.test(f.name));
      if (file) void openFile(store, file);
      else store.getState().notify('error', 'Drop a .yaml file to open it.');
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
  return over;
}
