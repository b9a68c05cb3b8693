/** Tuning (spec §10): read the tune section, run a study (random search or TPE), trial executors. */
export * from './tuneConfig.ts';
export * from './buildTrialSpec.ts';
export * from './random.ts';
export * from './sampleRandom.ts';
export * from './tpe.ts';
export * from './executor.ts';
export * from './runTrialInThread.ts';
export * from './runStudy.ts';
export * from './pareto.ts';
export * from './applyBest.ts';
