import type { SnapshotManifest } from './snapshot-manifest.js';

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Whether a parsed JSON value is a {@link SnapshotManifest} (every field present with its type);
 * a result file or any other JSON fails it.
 *
 * @example
 * ```ts
 * const value: unknown = JSON.parse(text);
 * if (isSnapshotManifest(value)) console.log(value.commit);
 * ```
 */
export function isSnapshotManifest(value: unknown): value is SnapshotManifest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.command === 'string' &&
    typeof v.commit === 'string' &&
    typeof v.snapshotDate === 'string' &&
    isStringArray(v.benchmarks) &&
    isStringArray(v.missing) &&
    typeof v.forced === 'boolean'
  );
}
