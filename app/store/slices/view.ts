/** The view slice: selection, theme, notices and the clipboard (not part of the document, never undone). */
import type { EditorDeps, SliceGet, SliceSet, ViewSlice } from '../storeTypes.ts';

export function viewSlice(set: SliceSet, get: SliceGet, deps: EditorDeps): ViewSlice {
  return {
    selection: [],
    theme: deps.theme ?? 'light',
    notice: null,
    clipboard: null,

    select(names) {
      const cur = get().selection;
      if (cur.length === names.length && cur.every((n, i) => n === names[i])) return;
      set({ selection: names });
    },

    setTheme(theme) {
      set({ theme });
    },

    notify(kind, message, options = {}) {
      set({ notice: { kind, message, at: Date.now(), ...options } });
    },

    clearNotice() {
      set({ notice: null });
    },
  };
}
