/**
 * The inspector's breakpoint toggle (issue 10): pause the run when this component is about to step.
 * A run in progress follows the change at once; otherwise it applies from the next run.
 */
import { useSyncExternalStore } from 'react';
import { useEditorStore } from '../store/EditorStoreContext.tsx';
import { breakpointStore } from '../runner/breakpointStore.ts';

export function BreakpointToggle({ name }: { name: string }) {
  const store = useEditorStore();
  const { components } = useSyncExternalStore(breakpointStore.subscribe, breakpointStore.snapshot);
  const on = components.includes(name);
  const toggle = () => {
    breakpointStore.toggle(name);
    const s = store.getState();
    if (s.run.phase === 'running') void s.runHandle?.control?.setBreakpoints(breakpointStore.snapshot().components);
  };
  return (
    <button type="button" className={`breakpoint-toggle${on ? ' is-on' : ''}`} aria-pressed={on} aria-label={`Breakpoint on ${name}`} title="Pause the run whenever this component is about to step" onClick={toggle}>
      {on ? '●' : '○'} Breakpoint
    </button>
  );
}
