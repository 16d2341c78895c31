import { InvalidArgumentError } from 'commander';

/**
 * Parses `--seeds 1,2,3`: integers ≥ 0, comma-separated, spaces allowed, no duplicates.
 *
 * @throws {InvalidArgumentError} (commander's, so the CLI prints it as an option error) for an
 *   empty list, a value that is not an integer ≥ 0, or a repeated seed.
 */
export function parseSeedList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  const seeds = parts.map(Number);
  if (parts.some((p) => p === '') || seeds.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new InvalidArgumentError('must be a comma-separated list of integers ≥ 0, e.g. 1,2,3');
  }
  if (new Set(seeds).size !== seeds.length) {
    throw new InvalidArgumentError(`repeats a seed: ${value}`);
  }
  return seeds;
}
