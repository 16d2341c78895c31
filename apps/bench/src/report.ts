import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchOptions, BenchOutput, BenchTable } from './benchmark.js';
import type { Figure } from './report/figure.js';

/** Whether a table cell holds a number (digits, optional exponent and ×/x/% suffix). */
export function isNumericCell(text: string): boolean {
  return /^[-+−]?[\d.,]+(e[-+]?\d+)?[×x%k]?$/i.test(text);
}

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
export function environment() {
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

/** What {@link writeResults} stores in `<dir>/<name>.json`, and what the report reads back. */
export interface SavedResult {
  benchmark: string;
  /** The benchmark's one-line description. */
  description?: string;
  /** ISO date the file was written. */
  date: string;
  /** Wall time of the benchmark, ms. */
  durationMs: number;
  options: BenchOptions;
  environment: ReturnType<typeof environment>;
  /** The printed header lines, table and notes (absent in files from older versions). */
  header?: string[];
  table?: BenchTable;
  notes?: string[];
  /** Charts and image grids for the report. */
  figures?: Figure[];
  results: unknown;
}

/**
 * Writes `<dir>/<name>.json` (directory created) with the options, environment, the printed
 * table and notes, the figures and the results (a {@link SavedResult}).
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
  const body: SavedResult = {
    benchmark: name,
    description,
    date: new Date().toISOString(),
    durationMs: Math.round(durationMs),
    options,
    environment: environment(),
    header: output.header,
    table: output.table,
    notes: output.notes,
    figures: output.figures ?? [],
    results: output.results,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}
