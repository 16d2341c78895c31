import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchOptions, BenchOutput, BenchTable } from './benchmark.js';

/** Formats a table with aligned columns (numbers right-aligned, text left-aligned). */
export function formatTable(table: BenchTable): string {
  const widths = table.columns.map((c, i) =>
    Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const numeric = (s: string) => /^[-+]?[\d.,]+(e[-+]?\d+)?[×x%]?$/i.test(s);
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

/**
 * Writes `<dir>/<name>.json` (directory created) with the options, environment and results.
 *
 * @returns The path written.
 */
export function writeResults(
  dir: string,
  name: string,
  options: BenchOptions,
  output: BenchOutput,
  durationMs: number,
): string {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const path = join(out, `${name}.json`);
  const body = {
    benchmark: name,
    date: new Date().toISOString(),
    durationMs: Math.round(durationMs),
    options,
    environment: environment(),
    results: output.results,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}
