// Worker bootstrap: worker_threads do not inherit tsx's loader hooks (nor does
// `execArgv: ['--import', 'tsx']` help on Node 20), so register tsx here, then load the TS entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
