import type { BackendInfo } from '@latentkit/tensor';
import { withBase } from 'vitepress';

/** URL prefix of the tfjs `.wasm` files (kept in sync with tools/lib/paths.ts `WASM_URL`). */
export const WASM_PATH = '/tfjs-wasm/';
/** URL prefix of the demos' models and data (tools/lib/paths.ts `ASSETS_URL`). */
export const ASSETS_PATH = '/assets/';

let ready: Promise<BackendInfo> | undefined;

/**
 * Starts tfjs once per page load through `@latentkit/tensor`'s `initBackend`, telling it where
 * the site serves the `.wasm` binaries (nothing comes from a CDN). Later calls share the result.
 * Loaded lazily, so pages without demos never download tfjs.
 */
export function ensureBackend(): Promise<BackendInfo> {
  ready ??= import('@latentkit/tensor').then(({ initBackend }) =>
    initBackend({ wasmPaths: withBase(WASM_PATH) }),
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
