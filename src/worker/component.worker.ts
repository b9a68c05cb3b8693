// Browser module-worker entry of a parallel run: one component (see src/host/componentWorker.ts).
import './lockdown.ts'; // first: takes network and storage globals away before user code loads
import * as Comlink from 'comlink';
import { createComponentWorkerApi } from '../host/componentWorker.ts';

Comlink.expose(createComponentWorkerApi());
