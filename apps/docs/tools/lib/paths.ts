import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `apps/docs`, whatever the working directory. */
export const DOCS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The repository root. */
export const REPO_ROOT = resolve(DOCS_ROOT, '../..');
/** VitePress's source folder (the Markdown pages). */
export const SITE_DIR = join(DOCS_ROOT, 'site');
/** Where `vitepress build` writes the site. */
export const DIST_DIR = join(DOCS_ROOT, 'dist');
/** Generated Markdown included into pages (gitignored, never a page itself). */
export const GENERATED_DIR = join(SITE_DIR, '_generated');
/** Generated API reference pages (gitignored). */
export const API_DIR = join(SITE_DIR, 'api');
/** Type-checked code samples included into pages. */
export const SAMPLES_DIR = join(DOCS_ROOT, 'samples');
/** Pretrained models and the MNIST subset, written by `scripts/pretrain`, served at `/assets/`. */
export const ASSETS_DIR = join(DOCS_ROOT, 'assets');
/** URL prefix the site serves {@link ASSETS_DIR} under. */
export const ASSETS_URL = '/assets/';
/** URL prefix the site serves tfjs-backend-wasm's `.wasm` binaries under. */
export const WASM_URL = '/tfjs-wasm/';

/** tfjs-backend-wasm's `dist/` folder (the `.wasm` binaries), resolved from this package. */
export function tfjsWasmDir(): string {
  const require = createRequire(join(DOCS_ROOT, 'package.json'));
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/** The committed snapshot of a full benchmark run (`pnpm bench:snapshot` writes it). */
export const BENCH_SNAPSHOT_DIR = join(REPO_ROOT, 'apps/bench/bench-snapshot');

/**
 * A folder the benchmark page may read: `env` = `$LATENTKIT_BENCH_RESULTS`, `local` = a
 * developer's own run, `snapshot` = the committed snapshot.
 */
export interface BenchSource {
  /** Which kind of folder it is. */
  kind: 'env' | 'local' | 'snapshot';
  /** Absolute path. */
  dir: string;
}

/**
 * Where the bench app's JSON results are looked for, first with results wins:
 * `$LATENTKIT_BENCH_RESULTS` alone when set; else a developer's own run
 * (`apps/bench/bench-results`, then `<repo>/bench-results`), else the committed snapshot
 * {@link BENCH_SNAPSHOT_DIR}.
 */
export function benchResultSources(env: NodeJS.ProcessEnv = process.env): BenchSource[] {
  if (env.LATENTKIT_BENCH_RESULTS) {
    return [{ kind: 'env', dir: resolve(env.LATENTKIT_BENCH_RESULTS) }];
  }
  return [
    { kind: 'local', dir: join(REPO_ROOT, 'apps/bench/bench-results') },
    { kind: 'local', dir: join(REPO_ROOT, 'bench-results') },
    { kind: 'snapshot', dir: BENCH_SNAPSHOT_DIR },
  ];
}
