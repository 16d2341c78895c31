/**
 * The schema of a saved benchmark result: what `latentkit-bench` writes to
 * `bench-results/<name>.json` and what {@link renderReport}, the docs' benchmark page and
 * `loadSavedResults` (from `@latentkit/report/node`) read back. It lives here so that every
 * reader shares it without importing the benchmark app.
 */
import type { Figure } from '../figures/figure.js';

/** A printable table: column headers and rows of cells already formatted as text. */
export interface ReportTable {
  /** Column headers. */
  columns: string[];
  /** Rows of cells (a short row leaves its last cells empty). */
  rows: string[][];
}

/** A titled table shown after a result's headline table (e.g. an error table). */
export interface NamedTable {
  /** Heading above the table. */
  title: string;
  /** The table. */
  table: ReportTable;
  /** Text under the table (how to read it). */
  caption?: string;
}

/** The run options a saved result records (the bench writes more; these are the ones read). */
export interface SavedRunOptions {
  /** Quick mode: fewer samples and epochs, not the reference figures. */
  quick: boolean;
  /** The tfjs backend measured on (`wasm` or `cpu`). */
  backend: string;
  /** Training threads, when more than the calling thread was used. */
  workers?: number;
}

/** The machine a result was measured on. */
export interface SavedEnvironment {
  /** `process.version`. */
  node: string;
  /** `os.platform()`, e.g. `linux`. */
  platform: string;
  /** `os.arch()`, e.g. `x64`. */
  arch: string;
  /** Model name of the first CPU. */
  cpuModel: string;
  /** Logical cores (`os.cpus().length`). */
  logicalCores: number;
  /** One-minute load average when the result was written (0 on Windows): how busy the machine was. */
  loadAverage1m: number;
}

/** One saved benchmark result (one `<name>.json`). */
export interface SavedResult {
  /** The benchmark's name (also the file name). */
  benchmark: string;
  /** The benchmark's one-line description. */
  description?: string;
  /** ISO date the file was written. */
  date: string;
  /** Wall time of the benchmark, ms. */
  durationMs: number;
  /** How the benchmark was run. */
  options: SavedRunOptions;
  /** The machine it ran on. */
  environment: SavedEnvironment;
  /**
   * Git commit of the tree the benchmark ran from (`git describe --always --dirty --abbrev=40`:
   * the full hash, with `-dirty` when it had uncommitted changes); absent when unknown and in
   * files from older versions.
   */
  commit?: string;
  /** The printed header lines (absent in files from older versions, like `table` and `notes`). */
  header?: string[];
  /** The headline table. */
  table?: ReportTable;
  /** The printed notes under the table (how to read it). */
  notes?: string[];
  /** Charts and image grids for the report. */
  figures?: Figure[];
  /** More titled tables. */
  tables?: NamedTable[];
  /** Generated files, as paths relative to the results folder (`files/<name>/…`). */
  files?: string[];
  /** The benchmark's machine-readable results (free-form). */
  results: unknown;
}
