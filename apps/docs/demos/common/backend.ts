import type { BackendInfo } from '@latentkit/tensor';

let pending: Promise<BackendInfo> | undefined;

/**
 * Starts the tfjs backend on the page's main thread once per page (every demo that runs tfjs in
 * the page shares it; demos whose models run in the model worker use `pageModelWorker` instead): wasm, loading the
 * `.wasm` files from `wasmPaths` (a URL prefix ending in `/`, where the site serves
 * `tfjs-backend-wasm.wasm`, `tfjs-backend-wasm-simd.wasm` and
 * `tfjs-backend-wasm-threaded-simd.wasm`, or a file → URL map); if wasm cannot start, the cpu
 * backend, with the reason in `fallbackReason` (shown by the demos, not logged as an error).
 *
 * @param wasmPaths - Location of the `.wasm` files. Only the first call's value is used.
 * @returns What `initBackend` set up.
 */
export function initDemoBackend(wasmPaths?: string | Record<string, string>): Promise<BackendInfo> {
  // Imported here, not at the top: a page whose demos run their models in the model worker
  // never loads tfjs on its main thread.
  pending ??= import('@latentkit/tensor').then(({ initBackend }) =>
    initBackend({
      backend: 'auto',
      ...(wasmPaths === undefined ? {} : { wasmPaths }),
      onFallback: () => {
        // Reported in the page through BackendInfo.fallbackReason.
      },
    }),
  );
  return pending;
}

/** A one-line description of the backend for the page, e.g. `"tfjs wasm (SIMD, 1 thread)"`. */
export function describeBackend(info: BackendInfo): string {
  if (info.name === 'wasm') {
    return `tfjs wasm (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})`;
  }
  return info.fellBack
    ? `tfjs cpu — wasm did not start: ${info.fallbackReason ?? 'unknown reason'}`
    : 'tfjs cpu';
}
