/**
 * The worker side of the demos' model worker: starts the tfjs backend on `init`, keeps one
 * session per mounted demo and answers the page's calls (see `worker-protocol.ts`). Runs in a
 * Web Worker (`model.worker.ts`) and, with a fake port, in Node tests.
 */
import type { BackendInfo } from '@latentkit/tensor';
import { type FromWorker, type ToWorker, transferablesOf } from './worker-protocol.js';

/** What a session's method returns (its typed arrays are transferred: return fresh ones). */
export type SessionMethod = (args: never) => unknown;

/** A demo's model session in the worker: its methods by name, and how to free it. */
export interface WorkerSession {
  methods: Record<string, SessionMethod>;
  dispose?: () => void;
}

/** Sends an event of the session to the page (typed arrays in `payload` are transferred). */
export type EmitEvent = (name: string, payload: unknown) => void;

/** Makes a demo's session from the options the page sent. */
export type SessionFactory = (options: never, emit: EmitEvent) => Promise<WorkerSession>;

/**
 * Starts loading what demo `demo` will need (e.g. downloading its first files) from the options
 * of a `prepare` message, before the backend is up and before its session module has loaded; it
 * touches no tensors and reports no errors (`open` does).
 */
export type PrefetchDemo = (demo: string, options: unknown) => void;

/** The demos the worker serves: a loader of each session factory, by demo name. */
export type SessionRegistry = Record<string, () => Promise<SessionFactory>>;

/** The message port of a worker (`self` in the worker; a fake in tests). */
export interface HostPort {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
}

/**
 * Serves `registry` on `port`: `init` starts the backend once with `startBackend` (later `init`s
 * get the same answer), `prepare` runs `prefetch` and, at the same time, loads the demo's
 * module (errors ignored), `open` makes a session (after the backend is up), `call` runs one of
 * its methods, `close` disposes it. Errors go back to the page as `error` messages with the
 * error's name and message.
 *
 * @param port - The worker's global scope, or a fake.
 * @param registry - The demos' session factories.
 * @param startBackend - Starts tfjs (`initBackend` with the page's `wasmPaths`).
 * @param prefetch - Starts a demo's downloads on `prepare` (e.g. `prefetchFirstFiles`).
 */
export function serveSessions(
  port: HostPort,
  registry: SessionRegistry,
  startBackend: (wasmPaths?: string | Record<string, string>) => Promise<BackendInfo>,
  prefetch?: PrefetchDemo,
): void {
  let backend: Promise<BackendInfo> | undefined;
  const sessions = new Map<number, Promise<WorkerSession>>();
  const send = (message: FromWorker) => {
    const transfer = message.kind === 'result' ? transferablesOf(message.value) : [];
    if (message.kind === 'event') transfer.push(...transferablesOf(message.payload));
    port.postMessage(message, transfer);
  };
  const answer = (id: number, work: () => Promise<unknown>) => {
    work().then(
      (value) => send({ kind: 'result', id, value }),
      (error: unknown) =>
        send({
          kind: 'error',
          id,
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  port.onmessage = ({ data }) => {
    switch (data.kind) {
      case 'init': {
        backend ??= startBackend(data.wasmPaths);
        backend.then(
          (info) => send({ kind: 'backend', info }),
          (error: unknown) =>
            send({
              kind: 'backend-error',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      }
      case 'prepare': {
        prefetch?.(data.demo, data.options);
        registry[data.demo]?.().catch(() => {
          // `open` loads the module again and reports the error.
        });
        return;
      }
      case 'open': {
        const { session, demo, options } = data;
        const opened = (async () => {
          const load = registry[demo];
          if (!load) throw new Error(`the model worker has no demo '${demo}'`);
          if (!backend) throw new Error('the model worker was not initialised');
          // The session's module loads while the backend starts.
          const [, factory] = await Promise.all([backend, load()]);
          return factory(options as never, (name, payload) =>
            send({ kind: 'event', session, name, payload }),
          );
        })();
        sessions.set(session, opened);
        answer(data.id, async () => {
          await opened;
          return null;
        });
        return;
      }
      case 'call': {
        const { session, method, args } = data;
        answer(data.id, async () => {
          const opened = sessions.get(session);
          if (!opened) throw new Error(`no session ${session}`);
          const fn = (await opened).methods[method];
          if (!fn) throw new Error(`session ${session} has no method '${method}'`);
          return fn(args as never);
        });
        return;
      }
      case 'close': {
        const opened = sessions.get(data.session);
        sessions.delete(data.session);
        opened?.then(
          (s) => s.dispose?.(),
          () => {},
        );
        return;
      }
    }
  };
}
