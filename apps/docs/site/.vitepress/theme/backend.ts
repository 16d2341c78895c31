import type { BackendInfo } from '@latentkit/tensor';
import { withBase } from 'vitepress';
import { pageModelWorker } from '../../../demos/common/model-client.js';

/** URL prefix of the tfjs `.wasm` files (kept in sync with tools/lib/paths.ts `WASM_URL`). */
export const WASM_PATH = '/tfjs-wasm/';
/** URL prefix of the demos' models and data (tools/lib/paths.ts `ASSETS_URL`). */
export const ASSETS_PATH = '/assets/';

let ready: Promise<BackendInfo> | undefined;

/**
 * Starts the page's model worker (`demos/common/model.worker.ts`) once per page load: tfjs and
 * the demos' models run there, off the main thread, and the worker starts the wasm backend with
 * the `.wasm` files the site serves (nothing comes from a CDN). Resolves with the worker's
 * backend; later calls share the result. Only pages with a demo or a backend badge call it, so
 * other pages start no worker. The worker starts at once (no chunk to load first).
 */
export function ensureBackend(): Promise<BackendInfo> {
  ready ??= (async () => pageModelWorker(withBase(WASM_PATH)).backend)();
  return ready;
}

/**
 * Called before the app hydrates: on a page whose server-rendered HTML holds a demo
 * (`.lk-demo[data-demo]`) or a backend badge (`.lk-backend`), starts the model worker now
 * rather than when the components mount, and asks it to prepare each demo's session (load its
 * module, start downloading its first files) while the backend starts and the page hydrates.
 *
 * @param doc - The page's document.
 */
export function startModelWorkerEarly(doc: Document): void {
  const demos = [...doc.querySelectorAll<HTMLElement>('.lk-demo[data-demo]')]
    .map((e) => e.dataset.demo)
    .filter((name): name is string => Boolean(name));
  if (demos.length === 0 && !doc.querySelector('.lk-backend')) return;
  ensureBackend().catch(() => {
    // The page's badge and demos report the failure when they ask for the backend.
  });
  const assetBase = new URL(withBase(ASSETS_PATH), doc.baseURI).href;
  for (const demo of demos) pageModelWorker(withBase(WASM_PATH)).prepare(demo, { assetBase });
}

/** A short human description: "wasm · SIMD · 1 thread", or the cpu fallback and its reason. */
export function describeBackend(info: BackendInfo): string {
  if (info.name === 'cpu') {
    return info.fellBack ? `cpu (fallback: ${info.fallbackReason ?? 'wasm unavailable'})` : 'cpu';
  }
  const threads = `${info.threads} thread${info.threads === 1 ? '' : 's'}`;
  return `wasm · ${info.simd ? 'SIMD' : 'no SIMD'} · ${threads}`;
}
