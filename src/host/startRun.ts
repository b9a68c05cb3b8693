/**
 * Chooses the host of a run: 'local' → one worker with a LocalProcess; 'parallel' → one worker per
 * component. RayProcess, RayConnector and ZMQConnector in the YAML mean parallel (they are
 * Plugboard's parallel-capable types); `request.mode` overrides the YAML.
 */
import type { ExecutionMode, RunRequest, StartRun } from '../protocol/run.ts';
import type { RunEvent } from '../protocol/events.ts';
import { parseConfig } from '../yaml/index.ts';
import type { Platform } from './platform.ts';
import { runLocal } from './runLocal.ts';
import { runParallel, type HostOptions } from './runParallel.ts';
import { takeIsolationWarning } from './warnings.ts';

const PARALLEL_TYPES = /(RayProcess|RayConnector|ZMQConnector)$/;

/**
 * @example modeOf({ yaml: rayModel }) // 'parallel'
 */
export function modeOf(request: RunRequest): ExecutionMode {
  if (request.mode) return request.mode;
  const process = (request.config ?? parseConfig(request.yaml).config)?.process;
  if (!process) return 'local';
  return PARALLEL_TYPES.test(process.type) || PARALLEL_TYPES.test(process.connectorBuilder.type) ? 'parallel' : 'local';
}

/**
 * Binds the hosts to a platform.
 * @example export const startRun = createStartRun(browserPlatform);
 */
export function createStartRun(platform: Platform, options: HostOptions = {}): StartRun {
  return (request: RunRequest, onEvents: (events: readonly RunEvent[]) => void) => {
    const warning = takeIsolationWarning(platform.crossOriginIsolated);
    if (warning.length > 0) onEvents(warning);
    return modeOf(request) === 'parallel' ? runParallel(platform, request, onEvents, options) : runLocal(platform, request, onEvents, options);
  };
}
