// Monaco + monaco-yaml, bundled locally (no CDN). Imported lazily by YamlPanel only, so the rest of the
// app and the run workers never load Monaco.
import * as monaco from 'monaco-editor';
import { configureMonacoYaml, type MonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from './yaml.worker.ts?worker';

export const MODEL_URI = 'file:///model.yaml';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

let yaml: MonacoYaml | null = null;

/** Installs (or updates) the Plugboard JSON schema used for completion, hover and validation. */
export function setSchema(schema: object): void {
  const options = {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    schemas: [{ uri: 'inmemory://schemas/plugboard.json', fileMatch: ['**/model.yaml', MODEL_URI], schema: schema as never }],
  };
  if (yaml) void yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };
