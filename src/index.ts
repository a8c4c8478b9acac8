import * as nodeModule from 'node:module';

/**
 * The bundle's entry: turn on Node's on-disk compile cache, then load the action. The runner starts this file
 * twice per job (main, then post); with the cache the second start skips compiling the bundle again.
 * `run.js` is imported dynamically so that ncc emits it as its own chunk, compiled after the cache is on.
 */
nodeModule.enableCompileCache?.();
await import('./run.js');
