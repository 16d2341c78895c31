/**
 * The page side of the demos' model worker (`model.worker.ts`): one worker per page, started on
 * first use, which runs tfjs and the models off the main thread. The page opens a session per
 * demo, calls its methods (promises of plain data and typed arrays) and listens to its events.
 */
import type { BackendInfo } from '@latentkit/tensor';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** An error the worker reported (its `name` is the worker-side error's name). */
export class WorkerCallError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** One demo's session in the model worker. */
export interface ModelSession {
  /** Calls method `method` of the session with `args`; resolves with its result. */
  call<T>(method: string, args?: unknown, transfer?: Transferable[]): Promise<T>;
  /** Listens to the session's events named `name`; returns the unsubscribe function. */
  on(name: string, listener: (payload: unknown) => void): () => void;
  /** Frees the session in the worker; later calls reject. */
  close(): void;
}

/** The page's model worker. */
export interface ModelWorker {
  /** The tfjs backend the worker started (wasm, or cpu with the reason). */
  readonly backend: Promise<BackendInfo>;
  /** Opens a session of demo `demo` (after the backend has started). */
  open(demo: string, options: unknown): Promise<ModelSession>;
  /**
   * Lets demo `demo` start loading what it needs (its session module, its first files) before
   * it opens a session, e.g. while the page hydrates. A hint: nothing answers, errors show at
   * `open`.
   */
  prepare(demo: string, options: unknown): void;
}

/** What {@link connectModelWorker} needs of a worker (a real `Worker`, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
}

/** Resolves a `wasmPaths` prefix or map against `base`, so the worker fetches the same URLs. */
export function absoluteWasmPaths(
  wasmPaths: string | Record<string, string> | undefined,
  base: string,
): string | Record<string, string> | undefined {
  if (wasmPaths === undefined) return undefined;
  if (typeof wasmPaths === 'string') return new URL(wasmPaths, base).href;
  return Object.fromEntries(
    Object.entries(wasmPaths).map(([file, url]) => [file, new URL(url, base).href]),
  );
}

/**
 * Talks to a model worker: sends `init` with `wasmPaths`, then routes results, errors and events.
 *
 * @param worker - The worker.
 * @param wasmPaths - Absolute location of the tfjs `.wasm` files (see {@link absoluteWasmPaths}).
 */
export function connectModelWorker(
  worker: WorkerLike,
  wasmPaths?: string | Record<string, string>,
): ModelWorker {
  let nextId = 1;
  let nextSession = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let backendDone: { resolve: (i: BackendInfo) => void; reject: (e: Error) => void };
  const backend = new Promise<BackendInfo>((resolve, reject) => {
    backendDone = { resolve, reject };
  });
  const failAll = (error: Error) => {
    backendDone.reject(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    switch (data.kind) {
      case 'backend':
        backendDone.resolve(data.info);
        return;
      case 'backend-error':
        failAll(new Error(data.message));
        return;
      case 'result':
      case 'error': {
        const p = pending.get(data.id);
        pending.delete(data.id);
        if (data.kind === 'result') p?.resolve(data.value);
        else p?.reject(new WorkerCallError(data.name, data.message));
        return;
      }
      case 'event':
        for (const fn of listeners.get(`${data.session}:${data.name}`) ?? []) fn(data.payload);
        return;
    }
  };
  if ('onerror' in worker) {
    worker.onerror = (event) => {
      failAll(new Error(`the model worker failed: ${event.message || 'could not start'}`));
    };
  }
  const request = <T>(message: ToWorker & { id: number }, transfer: Transferable[] = []) =>
    new Promise<T>((resolve, reject) => {
      pending.set(message.id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage(message, transfer);
    });
  worker.postMessage({ kind: 'init', wasmPaths });
  return {
    backend,
    prepare(demo, options) {
      worker.postMessage({ kind: 'prepare', demo, options });
    },
    async open(demo, options) {
      await backend;
      const session = nextSession++;
      let closed = false;
      await request({ kind: 'open', id: nextId++, session, demo, options });
      return {
        call<T>(method: string, args?: unknown, transfer?: Transferable[]) {
          if (closed) return Promise.reject(new Error('the session is closed'));
          return request<T>({ kind: 'call', id: nextId++, session, method, args }, transfer);
        },
        on(name, listener) {
          const key = `${session}:${name}`;
          const set = listeners.get(key) ?? new Set();
          listeners.set(key, set);
          set.add(listener);
          return () => set.delete(listener);
        },
        close() {
          if (closed) return;
          closed = true;
          for (const key of [...listeners.keys()]) {
            if (key.startsWith(`${session}:`)) listeners.delete(key);
          }
          worker.postMessage({ kind: 'close', session });
        },
      };
    },
  };
}

let pageWorker: ModelWorker | undefined;

/**
 * The page's model worker, started on the first call (later calls share it and ignore their
 * `wasmPaths`).
 *
 * @param wasmPaths - Where the site serves the tfjs `.wasm` files (prefix or map), relative to
 *   the page or absolute; resolved against the page's URL before the worker gets them.
 */
export function pageModelWorker(wasmPaths?: string | Record<string, string>): ModelWorker {
  if (!pageWorker) {
    const worker = new Worker(new URL('./model.worker.ts', import.meta.url), {
      type: 'module',
      name: 'latentkit-models',
    });
    pageWorker = connectModelWorker(
      worker as unknown as WorkerLike,
      absoluteWasmPaths(wasmPaths, document.baseURI),
    );
  }
  return pageWorker;
}
