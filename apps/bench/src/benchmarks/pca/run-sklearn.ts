import { spawnSync } from 'node:child_process';
import { PYTHON, pythonScriptPath } from '../../python-script.js';

/** What the scikit-learn / numpy script prints. */
export type SklearnRun<S extends string> = Record<S, SklearnFit> & {
  numpy_cov_eigh: { seconds: number; evr50?: number };
  sklearn_version: string;
};

/** One scikit-learn solver: best seconds, every run, and the sum of the k EVRs. */
export interface SklearnFit {
  seconds: number;
  all: number[];
  evr50: number;
}

/** What the script prints for the MNIST case (solvers randomized and full). */
export type SklearnFigures = SklearnRun<'randomized' | 'full'>;

/**
 * Runs `python/sklearn_pca.py` (scikit-learn's PCA for each solver and numpy's covariance +
 * eigh, best of `reps`) on a float32 matrix file, or says why it cannot.
 *
 * @param file - The matrix: MNIST's IDX images, or raw float32 bytes with their size.
 * @param solvers - scikit-learn solvers to time, e.g. `['randomized', 'full']`.
 */
export function runSklearn<S extends string>(
  file:
    | { path: string; format: 'idx' }
    | { path: string; format: 'f32'; rows: number; cols: number },
  reps: number,
  solvers: readonly S[],
): SklearnRun<S> | string {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found`;
  if (probe.status !== 0) return 'scikit-learn not available (apt-get install python3-sklearn)';
  const size =
    file.format === 'f32' ? ['--rows', String(file.rows), '--cols', String(file.cols)] : [];
  const args = [pythonScriptPath('sklearn_pca.py'), '--path', file.path, '--format', file.format];
  args.push(...size, '--reps', String(reps), '--solvers', solvers.join(','));
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return `python failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(run.stdout.trim().split('\n').pop() as string) as SklearnRun<S>;
}
