/**
 * The provenance of a committed snapshot of benchmark results: `snapshot.json`, written beside
 * the copied `<benchmark>.json` files by `latentkit-bench snapshot` and read by the docs'
 * benchmark page to say which run it shows. It lives here so that the writer (the bench app) and
 * the reader (the docs) share it without importing each other.
 */
export interface SnapshotManifest {
  /** The command that produced the results, e.g. `pnpm bench all --full`. */
  command: string;
  /**
   * Git commit of the tree the results were measured on (the full hash, `-dirty` appended when
   * it had uncommitted changes), or `unknown`.
   */
  commit: string;
  /** ISO date the snapshot was taken (the files copied), not the date of the runs. */
  snapshotDate: string;
  /** The benchmarks included (their result files are `<name>.json`), in name order. */
  benchmarks: string[];
  /** Benchmarks the bench knows that the snapshot lacks (e.g. a run that did not finish). */
  missing: string[];
  /** Whether quick-mode results were let in (`--force`); `false` means every result is full mode. */
  forced: boolean;
}
