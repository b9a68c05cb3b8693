/** "Export for Plugboard": a zip (fflate) with the YAML, Python modules for user components and a README. */
import { exportForPlugboard, zipExport } from '../../src/export/index.ts';
import { useEditorStore } from '../store/EditorStoreContext.tsx';

function downloadBytes(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportButton() {
  const store = useEditorStore();
  return (
    <button
      type="button"
      title="A zip with the YAML, a Python module per user module (steps to port) and a README with the plugboard run/tune commands"
      onClick={() => {
        const s = store.getState();
        if (!s.config) return s.notify('error', 'Fix the YAML first: it does not parse.');
        const yamlName = /\.ya?ml$/.test(s.fileName) ? s.fileName : 'model.yaml';
        const result = exportForPlugboard({ yaml: s.text, yamlName, config: s.config, modules: s.modules, catalog: s.catalog });
        const folder = yamlName.replace(/\.ya?ml$/, '');
        downloadBytes(`${folder}-plugboard.zip`, zipExport(folder, result.files));
        if (result.warnings.length) s.notify('info', result.warnings.join(' '));
      }}
    >
      ⤓ Export for Plugboard
    </button>
  );
}
