/**
 * Loads tfjs's cpu backend on first use. `@tensorflow/tfjs-backend-cpu` registers the `'cpu'`
 * backend and its kernels when its module is evaluated; it is imported dynamically so that the
 * wasm path never loads it (in a browser bundle it becomes a chunk of its own, fetched only when
 * cpu is asked for or `'auto'` falls back). See ARCHITECTURE.md, "tfjs: one backend set-up".
 */
let loading: Promise<void> | undefined;

/**
 * Imports `@tensorflow/tfjs-backend-cpu` once (later calls share the first import); a failed
 * import is retried by the next call.
 *
 * @returns Resolves once tfjs's `'cpu'` backend is registered.
 */
export function loadCpuBackend(): Promise<void> {
  loading ??= import('@tensorflow/tfjs-backend-cpu').then(
    () => undefined,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
