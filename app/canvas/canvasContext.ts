// React access to the canvas controller for nodes and handles (kept apart from Canvas.tsx so
// ComponentNode does not import the component that renders it).
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CanvasController, CanvasSnapshot } from './canvasController.ts';

export const CanvasControllerContext = createContext<CanvasController | null>(null);

/** The canvas controller of the enclosing canvas. */
export function useCanvasController(): CanvasController {
  const c = useContext(CanvasControllerContext);
  if (!c) throw new Error('useCanvasController outside Canvas');
  return c;
}

/** One slice of the controller's snapshot (pass a stable selector returning a primitive or a kept object). */
export function useCanvas<T>(selector: (s: CanvasSnapshot) => T): T {
  const c = useCanvasController();
  return useSyncExternalStore(c.subscribe, () => selector(c.getSnapshot()));
}
