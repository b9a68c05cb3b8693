import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { Toolbar } from './Toolbar.tsx';
import { Palette } from '../palette/Palette.tsx';
import { Canvas } from '../canvas/Canvas.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { YamlPanel } from '../yaml-editor/YamlPanel.tsx';
import { OutputPanel } from '../runner/OutputPanel.tsx';
import { Timeline } from '../runner/Timeline.tsx';
import { ModulesPanel } from '../modules/ModulesPanel.tsx';
import { Notice } from './Notice.tsx';
import { CANVAS_LIMIT, ModelSummary } from './ModelSummary.tsx';
import { onLayoutFallback } from '../layout/layeredLayout.ts';
import { TunePanel } from '../tune/TunePanel.tsx';
import { onOpenTuneView } from '../tune/openTuneView.ts';
import { useGlobalShortcuts, useWindowFileDrop } from './globalHandlers.ts';

const selTheme = (s: EditorState) => s.theme;
const selHasModules = (s: EditorState) => s.modules.length > 0;
const selBigModel = (s: EditorState) => (s.config && s.config.process.components.length > CANVAS_LIMIT ? s.config : null);

export function App() {
  const theme = useEditor(selTheme);
  const store = useEditorStore();
  const [tab, setTab] = useState<'yaml' | 'modules' | 'tune'>('yaml');
  // The Modules view also keeps module types in the catalog: mount it once it is needed, then keep it.
  const hasModules = useEditor(selHasModules);
  const bigModel = useEditor(selBigModel);
  const [modulesMounted, setModulesMounted] = useState(false);
  useEffect(() => {
    if (tab === 'modules' || hasModules) setModulesMounted(true);
  }, [tab, hasModules]);
  const dropping = useWindowFileDrop(store);
  useGlobalShortcuts(store);
  useEffect(
    () =>
      onLayoutFallback((reason) =>
        store.getState().notify('info', `Auto layout with elkjs failed (${reason}); used a simpler layered layout instead.`),
      ),
    [store],
  );
  useEffect(() => onOpenTuneView(() => setTab('tune')), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <ReactFlowProvider>
      <div className={`app theme-${theme}`} data-theme={theme}>
        <Toolbar />
        <Notice />
        <main className="workspace">
          <Palette />
          <section className="canvas-area" aria-label="Canvas">
            {bigModel ? <ModelSummary config={bigModel} /> : <Canvas />}
          </section>
          <aside className="side">
            <Inspector />
            <div className="side__tabs" role="tablist" aria-label="Document views">
              <button type="button" role="tab" aria-selected={tab === 'yaml'} onClick={() => setTab('yaml')}>
                YAML
              </button>
              <button type="button" role="tab" aria-selected={tab === 'modules'} onClick={() => setTab('modules')}>
                Modules
              </button>
              <button type="button" role="tab" aria-selected={tab === 'tune'} onClick={() => setTab('tune')}>
                Tune
              </button>
            </div>
            <div className="side__body">
              <YamlPanel hidden={tab !== 'yaml'} />
              <TunePanel hidden={tab !== 'tune'} />
              {modulesMounted && (
                <div className="modules-host" hidden={tab !== 'modules'}>
                  <ModulesPanel />
                </div>
              )}
            </div>
          </aside>
        </main>
        <section className="bottom" aria-label="Run results">
          <OutputPanel />
          <Timeline />
        </section>
        {dropping && <div className="drop-overlay">Drop a .yaml file to open it</div>}
      </div>
    </ReactFlowProvider>
  );
}
