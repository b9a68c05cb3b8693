// Browser entry: evaluates user modules to learn their component types, off the page's main thread.
// The page terminates this worker when a module's top level does not finish in time.
import './lockdown.ts'; // first: takes network and storage globals away before user code loads
import * as Comlink from 'comlink';
import { createModuleAnalyzerApi } from '../modules/analyzeModules.ts';

Comlink.expose(createModuleAnalyzerApi());
