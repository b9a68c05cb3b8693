// comlink ships node-adapter.mjs with node-adapter.d.ts but no .d.mts; Node ESM needs the .mjs specifier.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
