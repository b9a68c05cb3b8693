// Browser module-worker entry of a local run: the whole LocalProcess (see src/host/localWorker.ts).
import './lockdown.ts'; // first: takes network and storage globals away before user code loads
import * as Comlink from 'comlink';
import { createLocalWorkerApi } from '../host/localWorker.ts';

Comlink.expose(createLocalWorkerApi());
