// worker_threads entry of a local run: the whole LocalProcess (see src/host/localWorker.ts).
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createLocalWorkerApi } from '../host/localWorker.ts';

Comlink.expose(createLocalWorkerApi(), nodeEndpoint(parentPort!));
