import type { BackendInfo } from '@latentkit/tensor';
import { describeBackend } from './backend.js';
import { h } from './dom.js';
import { type ModelWorker, pageModelWorker } from './model-client.js';
import { injectDemoStyles } from './styles.js';

/** Options every demo takes. */
export interface DemoOptions {
  /**
   * Base URL of the demo assets (the site serves `apps/docs/assets/` there): models under
   * `<assetBase>/models/`, the MNIST subset under `<assetBase>/data/`. Absolute or relative to the
   * page, with or without a trailing `/`.
   */
  assetBase: string;
  /**
   * Where the tfjs-backend-wasm `.wasm` files are served: a URL prefix ending in `/` (the site
   * copies them from `@tensorflow/tfjs-backend-wasm/dist/`) or a map from file name to URL, as
   * `initBackend`'s `wasmPaths`. Nothing is fetched from a CDN. Ignored when `backend` is given.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * The backend the page already started with `initBackend`. The demo then neither starts one nor
   * shows which it is: the page does (the docs site's `<BackendBadge />`), so a page states its
   * backend once.
   */
  backend?: BackendInfo;
}

/** What every mount function returns. */
export interface DemoHandle {
  /** Resolves when the demo shows its first output; rejects (and shows the error) on failure. */
  readonly ready: Promise<void>;
  /** Stops everything the demo runs, frees its tensors and removes its elements. */
  dispose(): void;
}

/**
 * The shell of a demo inside the host element: a `<section class="lk-live" data-live=…>` with a
 * body and a status line (`role=status`), plus a backend line (`.lk-backend`) when the host did
 * not pass the backend (see {@link startWorkerBackend}). The section's `data-state` is
 * `loading`, `ready` or `error`; `data-backend` names the tfjs backend; demos add their own
 * `data-*` numbers for tests.
 */
export interface DemoFrame {
  root: HTMLElement;
  body: HTMLElement;
  /** Whether `dispose` was called (async work checks it before touching the page). */
  readonly disposed: boolean;
  setStatus(text: string): void;
  /** Sets `data-<key>` on the root. */
  setData(key: string, value: string | number): void;
  /** Runs `fn` on dispose (in reverse order of registration). */
  onDispose(fn: () => void): void;
  dispose(): void;
}

/** Creates the shell; see {@link DemoFrame}. */
export function createDemoFrame(element: HTMLElement, name: string): DemoFrame {
  injectDemoStyles(element.ownerDocument);
  const status = h('p', { class: 'lk-status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const body = h('div', { class: 'lk-body' });
  const root = h(
    'section',
    { class: 'lk-live', 'data-live': name, 'data-state': 'loading' },
    body,
    status,
  );
  element.append(root);
  const cleanups: (() => void)[] = [];
  let disposed = false;
  return {
    root,
    body,
    get disposed() {
      return disposed;
    },
    setStatus(text) {
      status.textContent = text;
    },
    setData(key, value) {
      root.setAttribute(`data-${key}`, String(value));
    },
    onDispose(fn) {
      cleanups.push(fn);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const fn of cleanups.reverse()) {
        try {
          fn();
        } catch {
          // keep disposing the rest
        }
      }
      root.remove();
    },
  };
}

function showBackend(frame: DemoFrame, options: DemoOptions, info: BackendInfo): void {
  frame.setData('backend', info.name);
  if (!options.backend && !frame.root.querySelector('.lk-backend')) {
    frame.root.prepend(h('p', { class: 'lk-backend' }, `Backend: ${describeBackend(info)}`));
  }
}

/**
 * For demos whose models run in the page's model worker (`model.worker.ts`): starts the worker
 * (once per page, with `options.wasmPaths`) and waits for its tfjs backend. The frame's
 * `data-backend` names it (`wasm` or `cpu`), and a backend line shows it only when the host did
 * not pass `options.backend`: a host that passes it shows it itself (one statement per page).
 */
export async function startWorkerBackend(
  frame: DemoFrame,
  options: DemoOptions,
): Promise<{ worker: ModelWorker; info: BackendInfo }> {
  const worker = pageModelWorker(options.wasmPaths);
  const info = await worker.backend;
  showBackend(frame, options, info);
  return { worker, info };
}

/**
 * Runs a demo's asynchronous set-up: on success marks the frame ready, on failure shows the
 * error in the page (`data-state="error"`, `data-error`) and rejects. Work finishing after
 * `dispose` is ignored.
 */
export function runSetup(frame: DemoFrame, setup: () => Promise<void>): Promise<void> {
  return setup().then(
    () => {
      if (frame.disposed) return;
      frame.setData('state', 'ready');
    },
    (error: unknown) => {
      if (frame.disposed) return;
      const message = error instanceof Error ? error.message : String(error);
      frame.setData('state', 'error');
      frame.setData('error', message);
      frame.setStatus(`The demo could not start: ${message}`);
      throw error;
    },
  );
}
