/**
 * The provenance of a committed snapshot of benchmark results: `snapshot.json`, written beside
 * the copied `<benchmark>.json` files by `latentkit-bench snapshot` and read by the docs'
 * benchmark page to say which runs it shows. It lives here so that the writer (the bench app) and
 * the reader (the docs) share it without importing each other.
 */

/** Where one result of a snapshot comes from. */
export interface SnapshotEntry {
  /** The benchmark (its result file is `<benchmark>.json`). */
  benchmark: string;
  /**
   * Git commit of the tree the result was measured on (the full hash, `-dirty` appended when it
   * had uncommitted changes), or `unknown`.
   */
  commit: string;
  /** The command that produced it, e.g. `pnpm bench all --full`. */
  command: string;
  /** ISO date the result was copied into the snapshot (not the date of the run). */
  added: string;
}

/** A snapshot's `snapshot.json`. */
export interface SnapshotManifest {
  /** ISO date of the last refresh. */
  snapshotDate: string;
  /** One entry per result file, in benchmark-name order. */
  entries: SnapshotEntry[];
  /** Benchmarks the bench knows that the snapshot lacks (e.g. a run that was stopped). */
  missing: string[];
  /** Whether quick-mode results were let in (`--force`); `false` means every result is full mode. */
  forced: boolean;
}
