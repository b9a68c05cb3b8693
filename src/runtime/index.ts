/**
 * Runtime public surface: component authoring API, channels, the per-component loop, the
 * registry, LocalProcess, files, blocking sleep and Python-compatible helpers.
 */
export {
  Component,
  componentClass,
  componentInfo,
  defineComponent,
  port,
  IOStreamClosedError,
  type ComponentArgs,
  type ComponentClass,
  type ComponentContext,
  type ComponentDeclaration,
  type ComponentInfo,
  type ComponentIO,
  type ComponentOf,
  type Port,
  type PortDecls,
  type PortsOf,
  type StepContext,
} from './Component.ts';
export { arg, resolveArgs, toArgInfos, COMMON_ARGS, type ArgDecl, type ArgDecls, type ArgsOf } from './args.ts';
export {
  Channel,
  CLOSED,
  EMPTY,
  DEFAULT_CHANNEL_CAPACITY,
  mergeReceivers,
  withInitialValues,
  type ChannelReceiver,
  type ChannelSender,
  type Closed,
  type Empty,
} from './channel.ts';
export { defineEvent, safeEventType, StopEvent, type EventType, type EventTypeInfo, type PlugboardEvent } from './events.ts';
export {
  runComponent,
  initComponent,
  ComponentStepError,
  DEFAULT_IO_READ_TIMEOUT_MS,
  DEFAULT_MAX_STEP_EVENTS_PER_SECOND,
  type ComponentHooks,
  type ComponentOutcome,
  type ComponentWiring,
} from './runComponent.ts';
export { planConnections, type ComponentPlan, type ConnectionPlan, type DeclaredIO, type PlannedConnector } from './planConnections.ts';
export { createEmptyRegistry, type ComponentRegistry } from './registry.ts';
export { LocalProcess, createLocalProcess, runLocalProcess, ProcessInitError, type LocalProcessOptions } from './LocalProcess.ts';
export { createFileStore, type FileStore, type FileStoreOptions, type FileEvent, type FileWriteDetail } from './files.ts';
export { blockingSleep, onBlockingSleepFallback } from './blockingSleep.ts';
export { createCancel, macrotask, delay, after, type CancelSignal } from './scheduler.ts';
export { toErrorInfo } from './errors.ts';
export { formatPython, formatPythonFloat, isoLocalTimestamp } from './python.ts';
export { PythonRandom } from './pythonRandom.ts';
export { now } from '../lib/clock.ts';
export { buildProcessSpec, type ComponentInput, type ProcessInput } from './buildProcessSpec.ts';
export { ListSource, Recorder, PassThrough, runForTest } from './testing.ts';
