import { DICT_STATE, RAY_STATE } from './constants.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_CONNECTOR, RAY_PROCESS, type ConfigSpec, type ProcessType } from './spec.ts';

/**
 * CLI `--process-type local|ray` (spec §2.3(3)): sets the process type and swaps connector and state
 * types only when they are the other kind's default; other types are left alone.
 * @example overrideProcessType(config, 'local').process.type // 'plugboard.process.LocalProcess'
 */
export function overrideProcessType(config: ConfigSpec, kind: 'local' | 'ray'): ConfigSpec {
  const p = config.process;
  const type: ProcessType = kind === 'ray' ? RAY_PROCESS : LOCAL_PROCESS;
  const [fromConn, toConn, fromState, toState] = kind === 'ray' ? [ASYNCIO_CONNECTOR, RAY_CONNECTOR, DICT_STATE, RAY_STATE] : [RAY_CONNECTOR, ASYNCIO_CONNECTOR, RAY_STATE, DICT_STATE];
  return {
    ...config,
    process: {
      ...p,
      type,
      connectorBuilder: p.connectorBuilder.type === fromConn ? { ...p.connectorBuilder, type: toConn } : p.connectorBuilder,
      state: p.state.type === fromState ? { ...p.state, type: toState } : p.state,
    },
  };
}
