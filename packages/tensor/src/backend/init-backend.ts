import { BackendError, requireKnownOptions, UnknownOptionError } from '@latentkit/core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { defaultWasmPaths, isNode } from '#platform';
import { registerLatentkitGradients } from '../gradients/register-gradients.js';
import { prepareWasmGemm } from '../wasm/gemm-instance.js';
import { loadCpuBackend } from './load-cpu-backend.js';

/** Which tfjs backend to use. `'auto'` tries wasm, then falls back to cpu. */
export type BackendName = 'wasm' | 'cpu' | 'auto';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Backend to use. Default `'auto'` (wasm, falling back to cpu with a warning). */
  backend?: BackendName;
  /**
   * Where the tfjs-backend-wasm `.wasm` files are served from: a directory URL or path ending
   * in `/`, or a map from file name to URL. Default: the installed package's `dist/` in Node;
   * in a browser, beside tfjs's script unless given (bundle the files and pass their URLs).
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Called instead of `console.warn` when `'auto'` falls back to cpu, with the reason.
   */
  onFallback?: (reason: string) => void;
}

/** What {@link initBackend} set up. */
export interface BackendInfo {
  /** The active tfjs backend. */
  name: 'wasm' | 'cpu';
  /** True when wasm was asked for (or `'auto'`) but cpu is in use. */
  fellBack: boolean;
  /** Why the fallback happened, if it did. */
  fallbackReason?: string;
  /** Whether the wasm module uses SIMD (always false on cpu). */
  simd: boolean;
  /** Number of wasm threads (1 in Node: tfjs-wasm is single-threaded there). */
  threads: number;
  /**
   * Whether matrix products of latentkit's layers and gradients run on latentkit's own wasm SIMD
   * kernels ({@link gemm}); false on cpu, without wasm SIMD, and with tfjs-wasm's multi-threaded
   * build (whose memory is not reachable).
   */
  simdGemm: boolean;
  /** True under Node. */
  node: boolean;
}

const BACKENDS: readonly BackendName[] = ['wasm', 'cpu', 'auto'];
let wasmPathsSet = false;

/**
 * Makes a tfjs backend ready for latentkit and returns what it chose. Call it once before any
 * other latentkit function; calling it again switches backend (tensors made before stay on the old
 * one and should be disposed).
 *
 * It also registers latentkit's gradient functions (once): tfjs-core alone registers none, and
 * its stock matMul gradient uses transposed products that are ~12× slower on wasm. See
 * ARCHITECTURE.md, "Gradients".
 *
 * tfjs's cpu backend (`@tensorflow/tfjs-backend-cpu`) is imported only when cpu is used — asked
 * for, or `'auto'` falling back — so the wasm path never loads it; in a browser bundle it is a
 * chunk of its own. Set tfjs up yourself instead (e.g. `tf.setBackend('cpu')` without
 * `initBackend`) and you import that package yourself.
 *
 * @param options - See {@link InitBackendOptions}.
 * @returns The active backend and its capabilities.
 * @throws {@link UnknownOptionError} for an unknown backend name.
 * @throws {@link BackendError} when the requested backend cannot start (never for `'auto'` unless
 *   cpu also fails).
 *
 * @example
 * ```ts
 * import { initBackend } from '@latentkit/tensor';
 * const info = await initBackend(); // { name: 'wasm', simd: true, threads: 1, ... }
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  requireKnownOptions(options, ['backend', 'wasmPaths', 'onFallback'], 'initBackend options');
  const backend = options.backend ?? 'auto';
  if (!BACKENDS.includes(backend)) throw new UnknownOptionError('backend', backend, BACKENDS);
  registerLatentkitGradients();

  if (backend === 'cpu') return useCpu(false);

  try {
    const paths = options.wasmPaths ?? defaultWasmPaths();
    if (paths !== undefined && (!wasmPathsSet || options.wasmPaths !== undefined)) {
      // usePlatformFetch stays false: under Node the wasm files are read from disk.
      setWasmPaths(paths);
      wasmPathsSet = true;
    }
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new BackendError('tf.setBackend("wasm") returned false');
    await tf.ready();
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    // Compiled here, asynchronously: browsers refuse synchronous compiles over 4 KB.
    const simdGemm = await prepareWasmGemm(tf.backend());
    const threads = getThreadsCount();
    return { name: 'wasm', fellBack: false, simd, threads, simdGemm, node: isNode };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (backend === 'wasm')
      throw new BackendError(`wasm backend failed to start: ${reason}`, error);
    if (options.onFallback) options.onFallback(reason);
    else
      console.warn(
        `[latentkit] wasm backend unavailable (${reason}); using the slower cpu backend`,
      );
    return useCpu(true, reason);
  }
}

async function useCpu(fellBack: boolean, reason?: string): Promise<BackendInfo> {
  // tfjs-backend-cpu is loaded only here, so the wasm path never loads it (ARCHITECTURE.md, "tfjs:
  // one backend set-up").
  try {
    await loadCpuBackend();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BackendError(`cpu backend failed to load: ${why}`, error);
  }
  const ok = await tf.setBackend('cpu');
  if (!ok) throw new BackendError('cpu backend failed to start');
  await tf.ready();
  const info: BackendInfo = {
    name: 'cpu',
    fellBack,
    simd: false,
    threads: 1,
    simdGemm: false,
    node: isNode,
  };
  if (reason !== undefined) info.fallbackReason = reason;
  return info;
}
