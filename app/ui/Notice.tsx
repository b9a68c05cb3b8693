import { useEffect } from 'react';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { displayText } from '../store/names.ts';

const selNotice = (s: EditorState) => s.notice;

/** A message: refused connections, blocked edits, run preconditions; sticky ones (lost work) carry actions. */
export function Notice() {
  const store = useEditorStore();
  const notice = useEditor(selNotice);
  useEffect(() => {
    if (!notice || notice.sticky) return;
    const id = setTimeout(() => store.getState().clearNotice(), 6000);
    return () => clearTimeout(id);
  }, [notice, store]);
  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{displayText(notice.message)}</span>
      {notice.actions?.map((a) => (
        <button
          key={a.label}
          type="button"
          className="notice__action"
          onClick={() => {
            store.getState().clearNotice();
            a.run();
          }}
        >
          {a.label}
        </button>
      ))}
      <button type="button" aria-label="Dismiss" onClick={() => store.getState().clearNotice()}>
        ×
      </button>
    </div>
  );
}
