import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { ComponentTypeInfo } from '../../src/index.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { PALETTE_MIME, placeNewComponent } from '../canvas/Canvas.tsx';
import { displayText } from '../store/names.ts';

const selCatalog = (s: EditorState) => s.catalog;

function groupByModule(types: readonly ComponentTypeInfo[], query: string): [string, ComponentTypeInfo[]][] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, ComponentTypeInfo[]>();
  for (const t of types) {
    if (q && !`${t.type} ${t.description}`.toLowerCase().includes(q)) continue;
    const list = groups.get(t.module) ?? [];
    list.push(t);
    groups.set(t.module, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Every registered component type, grouped by module; drag onto the canvas or double-click/Enter to add. */
export function Palette() {
  const store = useEditorStore();
  const catalog = useEditor(selCatalog);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupByModule(catalog.list(), query), [catalog, query]);

  // One tab stop for the whole list (the last item used); arrow keys, Home and End move inside it.
  const [current, setCurrent] = useState<string | null>(null);
  const flat = groups.flatMap(([, types]) => types.map((t) => t.type));
  const active = current !== null && flat.includes(current) ? current : (flat[0] ?? null);
  const list = useRef<HTMLDivElement>(null);
  const moveFocus = (e: KeyboardEvent, type: string) => {
    const i = flat.indexOf(type);
    const target = e.key === 'ArrowDown' ? flat[i + 1] : e.key === 'ArrowUp' ? flat[i - 1] : e.key === 'Home' ? flat[0] : e.key === 'End' ? flat[flat.length - 1] : undefined;
    if (target === undefined) return false;
    e.preventDefault();
    setCurrent(target);
    list.current?.querySelector<HTMLElement>(`[data-type="${CSS.escape(target)}"]`)?.focus();
    return true;
  };

  // Double-click / Enter: the canvas's placement rule (free space near the view centre).
  const add = (type: string) => store.getState().addComponent(type, placeNewComponent(store, type));
  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (e: KeyboardEvent, type: string) => {
    if (moveFocus(e, type)) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      add(type);
    }
  };

  return (
    <section className="palette" aria-label="Components">
      <h2 className="panel-title">Components</h2>
      <input
        className="palette__search"
        type="search"
        placeholder="Search components"
        aria-label="Search components"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="palette__list" ref={list}>
        {groups.map(([module, types]) => (
          <div key={module} className="palette__group" role="group" aria-label={module}>
            <h3 className="palette__module" title={module}>
              {module}
            </h3>
            <ul role="list">
              {types.map((t) => (
                <li
                  key={t.type}
                  role="listitem"
                  className="palette__item"
                  aria-label={t.className}
                  title={`${t.type}\nDrag onto the canvas, or double-click / Enter to add`}
                  tabIndex={t.type === active ? 0 : -1}
                  onFocus={() => setCurrent(t.type)}
                  draggable
                  onDragStart={(e) => onDragStart(e, t.type)}
                  onDoubleClick={() => add(t.type)}
                  onKeyDown={(e) => onKeyDown(e, t.type)}
                  data-type={t.type}
                >
                  <div className="palette__name">
                    {displayText(t.className)}
                    {!t.runnable && <span className="palette__tag">Python only</span>}
                  </div>
                  <div className="palette__desc">{displayText(t.description)}</div>
                  <div className="palette__ports">
                    {t.inputs.length > 0 && <span>in: {t.inputs.join(', ')}</span>}
                    {t.outputs.length > 0 && <span>out: {t.outputs.join(', ')}</span>}
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {groups.length === 0 && <p className="muted">No component matches “{query}”.</p>}
      </div>
    </section>
  );
}
