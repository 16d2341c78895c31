import type { SnapshotEntry, SnapshotManifest } from './snapshot-manifest.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const isEntry = (v: unknown): v is SnapshotEntry =>
  isRecord(v) &&
  typeof v.benchmark === 'string' &&
  typeof v.commit === 'string' &&
  typeof v.command === 'string' &&
  typeof v.added === 'string';

/**
 * Whether a parsed JSON value is a {@link SnapshotManifest} (every field present with its type,
 * every entry complete); a result file or any other JSON fails it.
 *
 * @example
 * ```ts
 * const value: unknown = JSON.parse(text);
 * if (isSnapshotManifest(value)) console.log(value.entries.map((e) => e.commit));
 * ```
 */
export function isSnapshotManifest(value: unknown): value is SnapshotManifest {
  return (
    isRecord(value) &&
    typeof value.snapshotDate === 'string' &&
    Array.isArray(value.entries) &&
    value.entries.every(isEntry) &&
    Array.isArray(value.missing) &&
    value.missing.every((m) => typeof m === 'string') &&
    typeof value.forced === 'boolean'
  );
}
