// latentkit-bench: speed and quality figures for latentkit, as ratios against baselines measured
// in the same session. `latentkit-bench` alone runs the quick default suite; each benchmark is a
// subcommand; every run re-renders bench-results/report.html from the JSON files.

import { writeReport } from '@latentkit/report/node';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Benchmark, BenchOptions } from './benchmark.js';
import { benchmarks } from './benchmarks/index.js';
import { parseSeedList } from './cli-options/parse-seed-list.js';
import { environment, formatTable, writeResults } from './report.js';
import { snapshotResults } from './snapshot/snapshot-results.js';
import { defaultWorkers } from './training/trainer.js';

interface CliOptions {
  quick: boolean;
  full?: boolean;
  backend: 'wasm' | 'cpu';
  out: string;
  workers: number;
  torchThreads?: number;
  seeds?: number[];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be an integer ≥ 1');
  return n;
}

function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--quick', 'short runs, a few samples each (default)', true)
    .option('--full', 'longer runs: more samples and more shapes')
    .addOption(
      new Option('--backend <name>', 'tfjs backend to measure')
        .choices(['wasm', 'cpu'])
        .default('wasm'),
    )
    .option('--out <dir>', 'directory for the JSON results and report.html', 'bench-results')
    .option(
      '--workers <n>',
      'training threads: 1 = train in this thread; more = data-parallel worker threads (trainParallel of @latentkit/models/node)',
      positiveInt,
      defaultWorkers(),
    )
    .option(
      '--torch-threads <n>',
      'intra-op threads of the PyTorch baselines: probe only this count (default: probe 1 and 2, each with plain and tuned allocator)',
      positiveInt,
    )
    .option(
      '--seeds <list>',
      'seeds of the reference run, e.g. 1,2,3 (default: 1 quick, 1,2 full)',
      parseSeedList,
    );
}

async function runOne(bench: Benchmark, cli: CliOptions): Promise<void> {
  const options: BenchOptions = {
    quick: !cli.full,
    backend: cli.backend,
    workers: cli.workers,
    ...(cli.torchThreads ? { torchThreads: cli.torchThreads } : {}),
    ...(cli.seeds ? { seeds: cli.seeds } : {}),
  };
  const env = environment();
  console.log(`\n== ${bench.name} (${options.quick ? 'quick' : 'full'}) — ${bench.description}`);
  console.log(
    `${env.cpuModel}, ${env.logicalCores} logical cores, Node ${env.node}, ` +
      `load average ${env.loadAverage1m.toFixed(2)} (other work on the cores makes timings noisy)`,
  );
  const t0 = performance.now();
  const output = await bench.run(options);
  const durationMs = performance.now() - t0;
  for (const line of output.header) console.log(line);
  console.log();
  console.log(formatTable(output.table));
  for (const line of output.notes) console.log(line);
  for (const t of output.tables ?? []) {
    console.log(`\n${t.title}\n`);
    console.log(formatTable(t.table));
    if (t.caption) console.log(t.caption);
  }
  const path = writeResults(cli.out, bench.name, options, output, durationMs, bench.description);
  console.log(`\n${bench.name}: ${(durationMs / 1000).toFixed(1)} s, results written to ${path}`);
}

function report(out: string): void {
  const { html, images } = writeReport(out);
  console.log(`report: ${html} (${images.length} image grids also as PNG in ${out}/images/)`);
}

async function runSuite(list: readonly Benchmark[], cli: CliOptions): Promise<void> {
  const t0 = performance.now();
  for (const bench of list) await runOne(bench, cli);
  report(cli.out);
  console.log(
    `\n${list.length} benchmark(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(${cli.full ? 'full' : 'quick'} mode)`,
  );
}

const program = new Command()
  .name('latentkit-bench')
  .description(
    'latentkit benchmarks. Without a subcommand, runs the default suite in quick mode.\n' +
      'Results are printed, written as JSON to bench-results/<name>.json, and rendered into\n' +
      'bench-results/report.html (charts and image grids).',
  )
  .enablePositionalOptions();

addCommonOptions(program).action(async (cli: CliOptions) => {
  await runSuite(
    benchmarks.filter((b) => b.inDefaultSuite),
    cli,
  );
});

/**
 * A subcommand's options, with those given before the subcommand (`bench --full reference`)
 * taken from the program when the subcommand did not set them itself.
 */
function subcommandOptions(cmd: Command): CliOptions {
  const merged: Record<string, unknown> = { ...cmd.opts() };
  for (const [key, value] of Object.entries(program.opts())) {
    if (program.getOptionValueSource(key) === 'cli' && cmd.getOptionValueSource(key) !== 'cli') {
      merged[key] = value;
    }
  }
  return merged as unknown as CliOptions;
}

for (const bench of benchmarks) {
  addCommonOptions(program.command(bench.name).description(bench.description)).action(
    async (_: CliOptions, cmd: Command) => {
      await runSuite([bench], subcommandOptions(cmd));
    },
  );
}

addCommonOptions(program.command('all').description('every benchmark, in order')).action(
  async (_: CliOptions, cmd: Command) => {
    await runSuite(benchmarks, subcommandOptions(cmd));
  },
);

program
  .command('report')
  .description('re-render bench-results/report.html from the JSON results (no re-running)')
  .option('--out <dir>', 'directory of the JSON results', 'bench-results')
  .action((cli: { out: string }) => {
    report(cli.out);
  });

program
  .command('snapshot')
  .description(
    'copy the JSON results of a full run into the committed snapshot folder the docs read, ' +
      'with snapshot.json and README.md (provenance); refuses quick-mode results unless --force',
  )
  .option('--from <dir>', "directory of the run's JSON results", 'bench-results')
  .option('--to <dir>', 'the snapshot directory (its result files are replaced)', 'bench-snapshot')
  .option(
    '--merge',
    'replace only the benchmarks --from has; keep the others with their provenance',
  )
  .option('--force', 'let quick-mode results in (the page and README then flag them)')
  .option('--commit <hash>', 'commit the run measured (default: the one the result files record)')
  .option('--command <text>', 'the command that produced the results', 'pnpm bench all --full')
  .action(
    (cli: {
      from: string;
      to: string;
      merge?: boolean;
      force?: boolean;
      commit?: string;
      command: string;
    }) => {
      let snapshot: ReturnType<typeof snapshotResults>;
      try {
        snapshot = snapshotResults({
          from: cli.from,
          to: cli.to,
          merge: cli.merge === true,
          force: cli.force === true,
          command: cli.command,
          known: benchmarks.map((b) => b.name),
          ...(cli.commit ? { commit: cli.commit } : {}),
        });
      } catch (error) {
        // a refused snapshot is a user error: one line, no stack
        console.error(`snapshot: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const { manifest, copied, results, bytes } = snapshot;
      console.log(
        `snapshot: copied ${copied.map((r) => r.benchmark).join(', ')} ` +
          `(commit ${manifest.entries.find((e) => e.benchmark === copied[0]?.benchmark)?.commit.slice(0, 12)}) ` +
          `into ${cli.to}: ${results.length} result(s), ${(bytes / 1e6).toFixed(2)} MB`,
      );
      if (manifest.missing.length > 0) console.log(`missing: ${manifest.missing.join(', ')}`);
      if (manifest.forced) console.log('includes quick-mode results (--force)');
    },
  );

program
  .command('list')
  .description('list the benchmarks')
  .action(() => {
    for (const b of benchmarks) {
      console.log(
        `${b.name.padEnd(12)} ${b.inDefaultSuite ? '[default] ' : '          '}${b.description}`,
      );
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
