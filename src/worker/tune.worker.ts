// Browser module-worker entry of a tuning study: loads the model once, runs trials (src/tune/trialWorker.ts).
import * as Comlink from 'comlink';
import { createTuneWorkerApi } from '../tune/trialWorker.ts';

Comlink.expose(createTuneWorkerApi());
