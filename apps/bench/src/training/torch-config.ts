/**
 * PyTorch's best configuration on this machine. Plain PyTorch (Debian 1.13, CPU) is slowed and
 * made noisy by glibc handing large freed buffers back to the OS every step (steps swing between
 * 25 and 80 ms on the reference VAE) and by OpenBLAS threads competing with torch's own; raising
 * glibc's mmap and trim thresholds and pinning OpenBLAS to one thread stops both without changing
 * any result. The baselines therefore probe threads 1 and 2 × plain vs tuned for a few steps,
 * train with the fastest, and report the others.
 */

/** One candidate configuration of a PyTorch baseline. */
export interface TorchSetting {
  /** torch intra-op threads (`torch.set_num_threads`). */
  threads: number;
  /** Whether the allocator and OpenBLAS environment of {@link TUNED_ENV} is set. */
  tuned: boolean;
}

/**
 * The tuned environment: glibc's mmap threshold at 32 MiB and trim threshold at 1 GiB (freed
 * batch-sized buffers stay in the heap instead of being unmapped and faulted in again every
 * step), and OpenBLAS on one thread (torch's threads do the parallel work).
 */
export const TUNED_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: '33554432',
  MALLOC_TRIM_THRESHOLD_: '1073741824',
  OPENBLAS_NUM_THREADS: '1',
};

/**
 * The environment of a PyTorch process for `setting`: `base` with {@link TUNED_ENV} set (tuned)
 * or removed (plain, so that a tuned shell does not leak into the plain candidate).
 */
export function torchEnv(
  setting: TorchSetting,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of Object.keys(TUNED_ENV)) delete env[key];
  return setting.tuned ? { ...env, ...TUNED_ENV } : env;
}

/**
 * The candidates: threads 1 and 2 (or only `threads`, from `--torch-threads`), each plain and
 * tuned.
 */
export function candidateSettings(threads?: number): TorchSetting[] {
  const counts = threads ? [threads] : [1, 2];
  return counts.flatMap((t) => [
    { threads: t, tuned: false },
    { threads: t, tuned: true },
  ]);
}

/** E.g. `1 thread, tuned malloc + OpenBLAS 1 thread` or `2 threads, plain`. */
export function describeSetting(s: TorchSetting): string {
  const threads = `${s.threads} thread${s.threads === 1 ? '' : 's'}`;
  return `${threads}, ${s.tuned ? 'tuned malloc + OpenBLAS 1 thread' : 'plain'}`;
}

/** One probe of one candidate: training samples/s over the probe's timed steps. */
export interface TorchProbe {
  setting: TorchSetting;
  samplesPerSecond: number;
}

/** The chosen configuration and every candidate's best probe (fastest first). */
export interface TorchConfigChoice {
  best: TorchSetting;
  /** One entry per candidate: its best samples/s over the probe rounds, fastest first. */
  candidates: TorchProbe[];
  /** Timed steps per probe and probe rounds per candidate. */
  probeSteps: number;
  rounds: number;
}

const key = (s: TorchSetting) => `${s.threads}:${s.tuned}`;

/**
 * Keeps each candidate's fastest probe (rounds are interleaved, so a burst of load from other
 * processes does not condemn one candidate) and picks the fastest candidate.
 *
 * @throws {RangeError} for no probes.
 */
export function pickFastest(
  probes: readonly TorchProbe[],
  probeSteps: number,
  rounds: number,
): TorchConfigChoice {
  const best = new Map<string, TorchProbe>();
  for (const p of probes) {
    const seen = best.get(key(p.setting));
    if (!seen || p.samplesPerSecond > seen.samplesPerSecond) best.set(key(p.setting), p);
  }
  const candidates = [...best.values()].sort((a, b) => b.samplesPerSecond - a.samplesPerSecond);
  if (candidates.length === 0) throw new RangeError('no PyTorch probes to choose from');
  return { best: candidates[0]!.setting, candidates, probeSteps, rounds };
}

/** The fastest one-thread candidate of a configuration probe (`undefined` without one). */
export function fastestOneThread(choice: TorchConfigChoice | undefined): TorchProbe | undefined {
  let best: TorchProbe | undefined;
  for (const c of choice?.candidates ?? []) {
    if (c.setting.threads === 1 && (!best || c.samplesPerSecond > best.samplesPerSecond)) best = c;
  }
  return best;
}

const thousands = (x: number) => `${(x / 1000).toFixed(2)}k`;

/**
 * The report line: the winner and its probe figure (and the full run's, when given), then every
 * other candidate's, e.g. `PyTorch best configuration: 1 thread, tuned malloc + OpenBLAS 1 thread
 * — 14.10k samples/s in the probe, 13.90k in the full run; others (probe): 1 thread, plain 9.80k; …`.
 */
export function configNote(choice: TorchConfigChoice, fullSamplesPerSecond?: number): string {
  const [winner, ...others] = choice.candidates;
  const full =
    fullSamplesPerSecond === undefined
      ? ''
      : `, ${thousands(fullSamplesPerSecond)} in the full run`;
  const rest = others
    .map((p) => `${describeSetting(p.setting)} ${thousands(p.samplesPerSecond)}`)
    .join('; ');
  return (
    `PyTorch best configuration: ${describeSetting(choice.best)} — ` +
    `${thousands(winner!.samplesPerSecond)} samples/s in the probe${full}` +
    (rest ? `; others (probe): ${rest}` : '') +
    ` (best of ${choice.rounds} interleaved probe round${choice.rounds === 1 ? '' : 's'} of ${choice.probeSteps} steps per candidate)`
  );
}
