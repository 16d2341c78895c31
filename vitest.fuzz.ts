/**
 * Shared by the fuzz tests (`*.fuzz.test.ts`): the seed they all use, and the one-line summary
 * each prints so that CI logs show how many cases ran.
 *
 * The tests run fast-check with `FUZZ_SEED`, so every run checks the same cases; a failure
 * prints fast-check's counterexample and the `seed`/`path` that replay it. Kept free of
 * fast-check imports: the packages that fuzz depend on it, the repository root does not.
 */
export const FUZZ_SEED = 42;

/** The fields of fast-check's `RunDetails` (the result of `fc.check`) that the summary reads. */
export interface FuzzRunDetails {
  failed: boolean;
  interrupted: boolean;
  numRuns: number;
  numSkips: number;
  seed: number;
  /** What the failing case threw (fast-check's report leaves it out). */
  errorInstance: unknown;
}

/**
 * Prints `fuzz <name>: <n> cases (seed <s>), <f> failures[ (outcome counts)]` and throws
 * fast-check's report, with what the failing case threw, when the run failed or was cut short.
 *
 * @param name - What was fuzzed, e.g. `'safetensors'`.
 * @param details - `fc.check(...)`'s result.
 * @param report - `fc.defaultReportMessage(details)`: the counterexample, shown on failure.
 * @param outcomes - Optional tallies (e.g. `{ decoded: 812, refused: 3188 }`) for the line.
 */
export function reportFuzz(
  name: string,
  details: FuzzRunDetails,
  report: string | undefined,
  outcomes: Record<string, number> = {},
): void {
  const tally = Object.entries(outcomes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const failures = details.failed ? 1 : 0;
  console.log(
    `fuzz ${name}: ${details.numRuns} cases (seed ${details.seed}), ${failures} failures${tally ? ` (${tally})` : ''}`,
  );
  if (details.failed || details.interrupted || details.numSkips > 0) {
    const error = details.errorInstance;
    // The message and where it was thrown: enough to find the unguarded line.
    const got =
      error instanceof Error
        ? (error.stack ?? '').split('\n').slice(0, 6).join('\n') ||
          `${error.name}: ${error.message}`
        : String(error);
    throw new Error(
      `${report ?? `fuzz ${name}: the run failed, was interrupted or skipped cases`}\nIt threw ${got}`,
      { cause: error },
    );
  }
}
