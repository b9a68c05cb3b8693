// Browser module-worker entry of a parallel run: one component (see src/host/componentWorker.ts).
import * as Comlink from 'comlink';
import { createComponentWorkerApi } from '../host/componentWorker.ts';

Comlink.expose(createComponentWorkerApi());
