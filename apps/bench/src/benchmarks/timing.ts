/** Options of {@link timeIt}. */
export interface TimingOptions {
  /** Untimed calls first (JIT, wasm memory growth, caches). Default 3. */
  warmup?: number;
  /** Timed calls (at least 1). Default 10. */
  iterations?: number;
  /**
   * Stop taking samples once this much time (ms) has been spent on timed calls, as long as at
   * least `minIterations` were taken. Default: no limit.
   */
  maxTimeMs?: number;
  /** Samples always taken, even past `maxTimeMs`. Default 3. */
  minIterations?: number;
}

/** Wall-clock statistics of repeated calls, in milliseconds per call. */
export interface TimingStats {
  /** Median of the samples (the headline figure: robust to a stray GC pause). */
  medianMs: number;
  /** Fastest sample. */
  minMs: number;
  /** Slowest sample. */
  maxMs: number;
  /** Arithmetic mean of the samples. */
  meanMs: number;
  /** Every timed sample, in order. */
  samplesMs: number[];
}

/**
 * Median of a non-empty list of numbers (the mean of the two middle values for an even count).
 *
 * @throws {RangeError} for an empty list.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Times `fn` with `performance.now()`: `warmup` untimed calls, then up to `iterations` timed ones.
 * `fn` must not return before its work is finished — for tfjs, read the result back
 * (`dataSync()`/`await data()`) and dispose it inside `fn`, so that each sample covers the whole
 * computation and nothing queued spills into the next one.
 *
 * @param fn - The work to time; may be async (it is awaited).
 * @param options - See {@link TimingOptions}.
 * @returns Per-call statistics in milliseconds.
 */
export async function timeIt(
  fn: () => unknown | Promise<unknown>,
  options: TimingOptions = {},
): Promise<TimingStats> {
  const warmup = options.warmup ?? 3;
  const iterations = Math.max(1, options.iterations ?? 10);
  const maxTimeMs = options.maxTimeMs ?? Number.POSITIVE_INFINITY;
  const minIterations = Math.min(iterations, Math.max(1, options.minIterations ?? 3));
  for (let i = 0; i < warmup; i++) await fn();
  const samplesMs: number[] = [];
  let spent = 0;
  while (samplesMs.length < iterations) {
    const t0 = performance.now();
    await fn();
    const dt = performance.now() - t0;
    samplesMs.push(dt);
    spent += dt;
    if (spent >= maxTimeMs && samplesMs.length >= minIterations) break;
  }
  return stats(samplesMs);
}

/**
 * Times several functions in interleaved rounds (each round calls every function once, in order),
 * so that a burst of load from other processes hits all of them alike and their ratios stay fair.
 * `warmup` untimed rounds come first. `maxTimeMs` and `minIterations` apply to the rounds.
 *
 * @param fns - Named functions to compare; each must finish its work before returning (see
 *   {@link timeIt}).
 * @param options - See {@link TimingOptions}.
 * @returns Per-call statistics in milliseconds, by name.
 */
export async function timeInterleaved(
  fns: Record<string, () => unknown | Promise<unknown>>,
  options: TimingOptions = {},
): Promise<Record<string, TimingStats>> {
  const names = Object.keys(fns);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const round = async (record: boolean): Promise<number> => {
    let spent = 0;
    for (const name of names) {
      const t0 = performance.now();
      await fns[name]!();
      const dt = performance.now() - t0;
      if (record) samples[name]!.push(dt);
      spent += dt;
    }
    return spent;
  };
  const warmup = options.warmup ?? 3;
  const iterations = Math.max(1, options.iterations ?? 10);
  const maxTimeMs = options.maxTimeMs ?? Number.POSITIVE_INFINITY;
  const minIterations = Math.min(iterations, Math.max(1, options.minIterations ?? 3));
  for (let i = 0; i < warmup; i++) await round(false);
  let spent = 0;
  for (let i = 0; i < iterations; i++) {
    spent += await round(true);
    if (spent >= maxTimeMs && i + 1 >= minIterations) break;
  }
  return Object.fromEntries(names.map((n) => [n, stats(samples[n]!)]));
}

function stats(samplesMs: number[]): TimingStats {
  return {
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    meanMs: samplesMs.reduce((a, b) => a + b, 0) / samplesMs.length,
    samplesMs,
  };
}
