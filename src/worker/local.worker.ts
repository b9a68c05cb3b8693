// Browser module-worker entry of a local run: the whole LocalProcess (see src/host/localWorker.ts).
import * as Comlink from 'comlink';
import { createLocalWorkerApi } from '../host/localWorker.ts';

Comlink.expose(createLocalWorkerApi());
