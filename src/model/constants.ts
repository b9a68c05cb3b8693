/** Defaults and patterns of Plugboard's schemas (spec §2.2, §2.6, §6.1). */

export const DICT_STATE = 'plugboard.state.DictStateBackend';
export const RAY_STATE = 'plugboard.state.RayStateBackend';
export const LOCAL_PROCESS_LONG = 'plugboard.process.local_process.LocalProcess';
export const RAY_PROCESS_LONG = 'plugboard.process.ray_process.RayProcess';

/** Component name (`ComponentArgsSpec.name`). Hyphens allowed. */
export const NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;
/** String connector socket: exactly one dot; the entity may contain hyphens, the descriptor not. */
export const PORT_REF_PATTERN = /^([a-zA-Z_][a-zA-Z0-9_-]*)\.([a-zA-Z_][a-zA-Z0-9_]*)$/;
/** `state.args.job_id`. */
export const JOB_ID_PATTERN = /^Job_[a-zA-Z0-9]{8,}$/;
/** The system stop event every component declares on both sides. */
export const STOP_EVENT = 'system.stop';
