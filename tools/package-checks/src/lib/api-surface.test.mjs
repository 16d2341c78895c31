import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { apiReport } from './api-surface.mjs';

test('lists every export of every entry with its kind and signature, sorted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-surface-'));
  try {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(
      join(dir, 'dist', 'index.d.ts'),
      [
        'export declare function fit(x: number[], options?: { k?: number }): Model;',
        'export interface Model { readonly k: number; predict(x: number[]): number }',
        'export declare class FitError extends Error { readonly k: number; private secret; constructor(k: number, why?: string) }',
        'export type Mode = "fast" | "exact";',
        'export declare const MODES: readonly Mode[];',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'dist', 'node.d.ts'),
      'export declare function load(path: string): Promise<Uint8Array>;\n',
    );
    const pkg = {
      name: '@x/fit',
      shortName: 'fit',
      dir,
      workspaceDeps: [],
      manifest: {
        exports: {
          '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } },
          './node': { import: { types: './dist/node.d.ts', default: './dist/node.js' } },
          './package.json': './package.json',
        },
      },
    };
    const report = apiReport(pkg);
    const body = report.slice(report.indexOf('## @x/fit'));
    assert.equal(
      body,
      [
        '## @x/fit',
        '',
        '```ts',
        'function fit(x: number[], options?: { k?: number | undefined; } | undefined): Model',
        'class FitError new(k: number, why?: string | undefined) { k: number }',
        'type Mode = "fast" | "exact"',
        'interface Model = { k: number; predict: (x: number[]) => number }',
        'const MODES: readonly Mode[]',
        '```',
        '',
        '## @x/fit/node',
        '',
        '```ts',
        'function load(path: string): Promise<Uint8Array<ArrayBufferLike>>',
        '```',
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
