// Local wrapper so Vite pre-bundles monaco-yaml's CommonJS worker dependencies (toolchain.md §2.3, gotcha 4).
import 'monaco-yaml/yaml.worker.js';
