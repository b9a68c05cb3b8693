import { useEffect } from 'react';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';

const selNotice = (s: EditorState) => s.notice;

/** A short-lived message: refused connections, blocked edits, run preconditions. */
export function Notice() {
  const store = useEditorStore();
  const notice = useEditor(selNotice);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => store.getState().clearNotice(), 6000);
    return () => clearTimeout(id);
  }, [notice, store]);
  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.message}</span>
      <button type="button" aria-label="Dismiss" onClick={() => store.getState().clearNotice()}>
        ×
      </button>
    </div>
  );
}
