// Browser entry for running a model in Web Workers. Owned by the worker/parallel work (issue 3);
// the editor only calls `startRun`. Placeholder until the worker host lands.
import type { StartRun } from '../../src/protocol/run.ts';

export const startRun: StartRun = () => {
  throw new Error('Worker runner not implemented yet');
};
