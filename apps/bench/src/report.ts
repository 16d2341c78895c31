import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNumericCell, type SavedEnvironment, type SavedResult } from '@latentkit/report';
import type { BenchOptions, BenchOutput, BenchTable } from './benchmark.js';
import { gitCommit } from './git-commit.js';

/** Formats a table with aligned columns (numbers right-aligned, text left-aligned). */
export function formatTable(table: BenchTable): string {
  const widths = table.columns.map((c, i) =>
    Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const numeric = isNumericCell;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table.columns), rule, ...table.rows.map(line)].join('\n');
}

/**
 * The machine a result was measured on. `loadAverage1m` (0 on Windows) tells how busy it was:
 * other processes on the same cores make medians noisy, so compare ratios from one session.
 */
export function environment(): SavedEnvironment {
  const cpu = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpuModel: cpu[0]?.model ?? 'unknown',
    logicalCores: cpu.length,
    loadAverage1m: loadavg()[0] ?? 0,
  };
}

let codeCommit: { value: string | undefined } | undefined;

/** The commit of the bench's own code (read once per process; see {@link gitCommit}). */
export function benchCommit(): string | undefined {
  codeCommit ??= { value: gitCommit(dirname(fileURLToPath(import.meta.url))) };
  return codeCommit.value;
}

/**
 * Checks the relative path of a generated file: `/`-separated segments, none empty, `.` or `..`,
 * no backslash or drive/absolute start.
 *
 * @throws {RangeError} for a path that could leave the benchmark's folder.
 */
export function checkRelativePath(path: string): void {
  const segments = path.split('/');
  if (
    path.includes('\\') ||
    path.includes(':') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new RangeError(`generated file path '${path}' must be relative, '/'-separated, no '..'`);
  }
}

/**
 * Writes a benchmark's generated files under `<dir>/files/<name>/` (replacing that folder).
 *
 * @returns The paths written, relative to `dir`, sorted.
 * @throws {RangeError} for a path that is not a plain relative path (see {@link checkRelativePath}).
 */
export function writeGeneratedFiles(
  dir: string,
  name: string,
  files: Record<string, string | Uint8Array>,
): string[] {
  const paths = Object.keys(files).sort();
  checkRelativePath(name);
  for (const p of paths) checkRelativePath(p);
  const base = join(resolve(dir), 'files', name);
  rmSync(base, { recursive: true, force: true });
  for (const p of paths) {
    const target = join(base, ...p.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files[p]!);
  }
  return paths.map((p) => `files/${name}/${p}`);
}

/**
 * Writes `<dir>/<name>.json` (directory created) with the options, environment, the commit of
 * the bench's code ({@link benchCommit}), the printed
 * table and notes, the figures, extra tables and the results (a `SavedResult` of
 * `@latentkit/report`, which reads it back); generated
 * files go to `<dir>/files/<name>/` (see {@link writeGeneratedFiles}) and their paths into the JSON.
 *
 * @param description - The benchmark's one-line description (shown in the report).
 * @returns The path written.
 */
export function writeResults(
  dir: string,
  name: string,
  options: BenchOptions,
  output: BenchOutput,
  durationMs: number,
  description?: string,
): string {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const path = join(out, `${name}.json`);
  const commit = benchCommit();
  const body: SavedResult = {
    benchmark: name,
    description,
    date: new Date().toISOString(),
    durationMs: Math.round(durationMs),
    options,
    environment: environment(),
    ...(commit ? { commit } : {}),
    header: output.header,
    table: output.table,
    notes: output.notes,
    figures: output.figures ?? [],
    ...(output.tables ? { tables: output.tables } : {}),
    ...(output.files ? { files: writeGeneratedFiles(out, name, output.files) } : {}),
    results: output.results,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}
