/** Export for Python Plugboard: YAML, Python modules for user components, README; zipped with fflate. */
export * from './exportForPlugboard.ts';
export * from './pythonModule.ts';
export * from './zipExport.ts';
