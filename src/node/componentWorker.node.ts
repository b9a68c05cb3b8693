// worker_threads entry of a parallel run: one component (see src/host/componentWorker.ts).
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createComponentWorkerApi } from '../host/componentWorker.ts';

Comlink.expose(createComponentWorkerApi(), nodeEndpoint(parentPort!));
