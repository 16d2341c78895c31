import type { BackendInfo } from '@latentkit/tensor';
import { withBase } from 'vitepress';

/** URL prefix of the tfjs `.wasm` files (kept in sync with tools/lib/paths.ts `WASM_URL`). */
export const WASM_PATH = '/tfjs-wasm/';
/** URL prefix of the demos' models and data (tools/lib/paths.ts `ASSETS_URL`). */
export const ASSETS_PATH = '/assets/';

let ready: Promise<BackendInfo> | undefined;

/**
 * Starts the page's model worker (`demos/common/model.worker.ts`) once per page load: tfjs and
 * the demos' models run there, off the main thread, and the worker starts the wasm backend with
 * the `.wasm` files the site serves (nothing comes from a CDN). Resolves with the worker's
 * backend; later calls share the result. Loaded lazily, so pages without demos start no worker.
 */
export function ensureBackend(): Promise<BackendInfo> {
  ready ??= import('../../../demos/common/model-client.js').then(
    ({ pageModelWorker }) => pageModelWorker(withBase(WASM_PATH)).backend,
  );
  return ready;
}

/** A short human description: "wasm · SIMD · 1 thread", or the cpu fallback and its reason. */
export function describeBackend(info: BackendInfo): string {
  if (info.name === 'cpu') {
    return info.fellBack ? `cpu (fallback: ${info.fallbackReason ?? 'wasm unavailable'})` : 'cpu';
  }
  const threads = `${info.threads} thread${info.threads === 1 ? '' : 's'}`;
  return `wasm · ${info.simd ? 'SIMD' : 'no SIMD'} · ${threads}`;
}
