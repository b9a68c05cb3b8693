// Browser module-worker entry of a tuning study: loads the model once, runs trials (src/tune/trialWorker.ts).
import './lockdown.ts'; // first: takes network and storage globals away before user code loads
import * as Comlink from 'comlink';
import { createTuneWorkerApi } from '../tune/trialWorker.ts';

Comlink.expose(createTuneWorkerApi());
