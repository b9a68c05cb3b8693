// Public surface of the model layer: typed specs, catalog types, validation, graph helpers.
export * from './spec.ts';
export * from './catalog.ts';
export * from './constants.ts';
export * from './ranges.ts';
export * from './diagnostics.ts';
export * from './portRef.ts';
export * from './ports.ts';
export * from './closeMatches.ts';
export * from './cycles.ts';
export * from './resources.ts';
export * from './checkArgs.ts';
export * from './plugboardRules.ts';
export * from './validateConfig.ts';
export * from './staticCatalog.ts';
export * from './modelEdit.ts';
export * from './diagram.ts';
export * from './overrideProcessType.ts';
