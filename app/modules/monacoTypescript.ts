// Monaco's TypeScript service for module files, with the `plugboard` API's declarations. Imported
// lazily by ModuleEditor only. Shares the Monaco instance (and its YAML setup) with the YAML pane.
import TsWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker?worker';
import { monaco } from '../yaml-editor/monacoSetup.ts';
import 'monaco-editor/esm/vs/basic-languages/python/python.contribution'; // Python modules (syntax colouring)
import { PLUGBOARD_DECLARATIONS } from '../../src/modules/api/plugboardTypes.generated.ts';

/** Module files live here in Monaco's file system, so `./other` imports resolve between them. */
export const MODULE_ROOT = 'file:///modules/';
export const moduleUri = (file: string) => monaco.Uri.parse(`${MODULE_ROOT}${file}`);

type Environment = { getWorker(id: string, label: string): Worker };
const scope = self as unknown as { MonacoEnvironment?: Environment };
const previous = scope.MonacoEnvironment;
// Adds the TypeScript worker to whatever the YAML pane installed (it handles 'yaml' and the rest).
scope.MonacoEnvironment = {
  getWorker: (id, label) => {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    if (previous) return previous.getWorker(id, label);
    throw new Error(`No Monaco worker for ${label}`);
  },
};

const ts = monaco.languages.typescript;
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  strict: true,
  noImplicitOverride: true,
  allowImportingTsExtensions: true,
  allowNonTsExtensions: true,
  noEmit: true,
});
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
ts.typescriptDefaults.setEagerModelSync(true);
ts.typescriptDefaults.setExtraLibs(
  Object.entries(PLUGBOARD_DECLARATIONS).map(([path, content]) => ({ content, filePath: `file:///node_modules/plugboard/${path}` })),
);

export { monaco };
