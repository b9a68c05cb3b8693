// Public surface of the framework-free core. app/ imports from here (or from a layer's index.ts).
export * from './model/index.ts';
export * from './yaml/index.ts';
export * from './protocol/events.ts';
export * from './protocol/run.ts';
export { now } from './lib/clock.ts';
