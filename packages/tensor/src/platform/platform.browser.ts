// Browser (and any non-Node) build of the `#platform` helpers: no Node built-ins.

/** False in this build: the code runs in a browser or another non-Node runtime. */
export const isNode = false;

/**
 * In a browser the `.wasm` files must be served by the page; there is no default location
 * latentkit can know, so callers pass `wasmPaths` to `initBackend` (the docs site does).
 * Returning undefined lets tfjs look beside its own script.
 */
export function defaultWasmPaths(): string | undefined {
  return undefined;
}

/** Number of logical cores, as the browser reports it. */
export function coreCount(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency
    ? navigator.hardwareConcurrency
    : 1;
}
