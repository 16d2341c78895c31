// latentkit-bench: speed figures for latentkit, as ratios against baselines measured in the same
// session. `latentkit-bench` alone runs the quick default suite; each benchmark is a subcommand.
import { Command, Option } from 'commander';
import type { Benchmark, BenchOptions } from './benchmark.js';
import { benchmarks } from './benchmarks/index.js';
import { environment, formatTable, writeResults } from './report.js';

interface CliOptions {
  quick: boolean;
  full?: boolean;
  backend: 'wasm' | 'cpu';
  out: string;
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
    .option('--out <dir>', 'directory for the JSON results', 'bench-results');
}

async function runOne(bench: Benchmark, cli: CliOptions): Promise<void> {
  const options: BenchOptions = { quick: !cli.full, backend: cli.backend };
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
  const path = writeResults(cli.out, bench.name, options, output, durationMs);
  console.log(`\n${bench.name}: ${(durationMs / 1000).toFixed(1)} s, results written to ${path}`);
}

async function runSuite(list: readonly Benchmark[], cli: CliOptions): Promise<void> {
  for (const bench of list) await runOne(bench, cli);
}

const program = new Command()
  .name('latentkit-bench')
  .description(
    'latentkit benchmarks. Without a subcommand, runs the default suite in quick mode.\n' +
      'Results are printed and written as JSON to bench-results/<name>.json.',
  )
  .enablePositionalOptions();

addCommonOptions(program).action(async (cli: CliOptions) => {
  await runSuite(
    benchmarks.filter((b) => b.inDefaultSuite),
    cli,
  );
});

for (const bench of benchmarks) {
  addCommonOptions(program.command(bench.name).description(bench.description)).action(
    async (cli: CliOptions) => {
      await runOne(bench, cli);
    },
  );
}

addCommonOptions(program.command('all').description('every benchmark, in order')).action(
  async (cli: CliOptions) => {
    await runSuite(benchmarks, cli);
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
