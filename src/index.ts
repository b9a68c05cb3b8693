// Public surface of the framework-free core. app/ imports from here only.
export * from './model/spec.ts';
export * from './model/catalog.ts';
export * from './protocol/events.ts';
export * from './protocol/run.ts';
export { now } from './lib/clock.ts';
