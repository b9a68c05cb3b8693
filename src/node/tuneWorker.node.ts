// worker_threads entry of a tuning study: loads the model once, runs trials (src/tune/trialWorker.ts).
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createTuneWorkerApi } from '../tune/trialWorker.ts';

Comlink.expose(createTuneWorkerApi(), nodeEndpoint(parentPort!));
