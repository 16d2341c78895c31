import type { BackendInfo } from '@latentkit/tensor';

/** A one-line description of the backend for the page, e.g. `"tfjs wasm (SIMD, 1 thread)"`. */
export function describeBackend(info: BackendInfo): string {
  if (info.name === 'wasm') {
    return `tfjs wasm (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})`;
  }
  return info.fellBack
    ? `tfjs cpu — wasm did not start: ${info.fallbackReason ?? 'unknown reason'}`
    : 'tfjs cpu';
}
