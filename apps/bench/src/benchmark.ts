import type { Figure, NamedTable, ReportTable } from '@latentkit/report';

export type { NamedTable };

/** How long a benchmark should run. */
export interface BenchOptions {
  /** Quick mode: few samples, meant to finish in seconds (the default suite). */
  quick: boolean;
  /** tfjs backend to measure on. */
  backend: 'wasm' | 'cpu';
  /**
   * Threads for model training (`--workers`): 1 trains in the calling thread with
   * `@latentkit/models`' `train`; more uses the parallel trainer (see `training/trainer.ts`).
   * Default: every core (`os.availableParallelism()`).
   */
  workers?: number;
  /**
   * Intra-op threads of the PyTorch baselines (`--torch-threads`): their configuration probe tries
   * only this count. Default: threads 1 and 2 are probed.
   */
  torchThreads?: number;
  /** Seeds of the `reference` run (`--seeds`). Default: the mode's (1 quick; 1 and 2 full). */
  seeds?: number[];
}

/** A printable table: column headers and rows of cells already formatted as text. */
export type BenchTable = ReportTable;

/** What a benchmark returns: a table to print and raw figures to save as JSON. */
export interface BenchOutput {
  /** Lines printed above the table (backend, set-up). */
  header: string[];
  /** The headline table. */
  table: BenchTable;
  /** Lines printed below the table (how to read it). */
  notes: string[];
  /** Machine-readable results, written to `bench-results/<name>.json`. */
  results: unknown;
  /** Charts and image grids for the report (saved in the JSON too). */
  figures?: Figure[];
  /** More tables for the report, after the notes (saved in the JSON too). */
  tables?: NamedTable[];
  /**
   * Files the benchmark generated (e.g. Verilog sources), relative path (`/`-separated, no `..`)
   * → content. Written under `<out>/files/<name>/` (the folder is replaced on every run) and
   * linked from the report; only the list of paths goes into the JSON.
   */
  files?: Record<string, string | Uint8Array>;
}

/** One benchmark of the suite; each lives in its own file under `src/benchmarks/`. */
export interface Benchmark {
  /** Subcommand name and JSON file name (`bench-results/<name>.json`). */
  name: string;
  /** One-line description shown by `--help` and `list`. */
  description: string;
  /** Whether it belongs to the default suite (run when the CLI gets no subcommand). */
  inDefaultSuite: boolean;
  /** Runs the benchmark. */
  run(options: BenchOptions): Promise<BenchOutput>;
}
