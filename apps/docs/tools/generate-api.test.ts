import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateApi } from './generate-api.js';

/** A one-file package with the given source, and its tsconfig. */
function fixture(source: string): { entry: string; tsconfig: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lk-tsdoc-'));
  writeFileSync(join(dir, 'index.ts'), source);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'lk-fixture', version: '0.0.0' }),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'ESNext',
        moduleResolution: 'Bundler',
        target: 'ES2022',
        lib: ['ES2022'],
        types: [],
      },
      files: ['index.ts'],
    }),
  );
  return { entry: join(dir, 'index.ts'), tsconfig: join(dir, 'tsconfig.json') };
}

describe('the TSDoc check (TypeDoc notDocumented as an error)', () => {
  it('passes when every export and member is documented, and collects @example blocks', async () => {
    const f = fixture(
      [
        '/** Options of {@link twice}. */',
        'export interface TwiceOptions {',
        '  /** Added after doubling. Default 0. */',
        '  offset?: number;',
        '}',
        '/**',
        ' * Doubles a number.',
        ' * @param x - The number.',
        ' * @param options - See {@link TwiceOptions}.',
        ' * @example',
        ' * ```ts',
        ' * twice(2); // 4',
        ' * ```',
        ' */',
        'export function twice(x: number, options: TwiceOptions = {}): number {',
        '  return 2 * x + (options.offset ?? 0);',
        '}',
      ].join('\n'),
    );
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['lk-fixture'],
    });
    expect(result.ok).toBe(true);
    expect(result.examples.map((e) => e.code)).toEqual(['twice(2); // 4']);
  });

  it('fails on an export without documentation', async () => {
    const f = fixture(
      '/** Documented. */\nexport const a = 1;\nexport function undocumented(): void {}\n',
    );
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['lk-fixture'],
    });
    expect(result.ok).toBe(false);
    expect(result.undocumented).toBe(1);
  });

  it('fails on an undocumented class method and an undocumented interface property', async () => {
    const f = fixture(
      [
        '/** Options. */',
        'export interface Options {',
        '  /** Documented. */',
        '  seed: number;',
        '  size: number;',
        '}',
        '/** A thing. */',
        'export class Thing {',
        '  run(): void {}',
        '}',
      ].join('\n'),
    );
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['lk-fixture'],
    });
    expect(result.ok).toBe(false);
    expect(result.undocumented).toBe(2);
  });

  it('fails on undocumented properties of inline object types (results, unions)', async () => {
    const f = fixture(
      [
        '/** A schedule. */',
        'export type Schedule =',
        '  | {',
        "      type: 'linear';",
        '      /** Steps. */',
        '      steps: number;',
        '    }',
        "  | { type: 'none' };",
        '/** Statistics of `x`. */',
        'export function stats(x: number[]): {',
        '  /** Mean. */',
        '  mean: number;',
        '  max: number;',
        '} {',
        '  return { mean: x[0] ?? 0, max: x[0] ?? 0 };',
        '}',
      ].join('\n'),
    );
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['lk-fixture'],
    });
    expect(result.ok).toBe(false);
    // The two `type` tags and `max`.
    expect(result.undocumented).toBe(3);
  });

  it('ignores exports of packages not listed (the docs do not document tfjs)', async () => {
    const f = fixture('export function undocumented(): void {}\n');
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['other'],
    });
    expect(result.ok).toBe(true);
  });
});

describe('the @example coverage check', () => {
  it('lists exported functions and classes without an @example, but not errors or deprecated aliases', async () => {
    const f = fixture(
      [
        '/**',
        ' * Doubles a number.',
        ' * @example',
        ' * ```ts',
        ' * twice(2); // 4',
        ' * ```',
        ' */',
        'export function twice(x: number): number {',
        '  return 2 * x;',
        '}',
        '/** Triples a number. */',
        'export function thrice(x: number): number {',
        '  return 3 * x;',
        '}',
        '/** @deprecated Use {@link thrice}. */',
        'export const triple = thrice;',
        '/** @deprecated Use {@link twice}. */',
        'export function double(x: number): number {',
        '  return twice(x);',
        '}',
        '/** Makes a counter. */',
        'export function makeCounter(start?: number): Counter;',
        '/** @deprecated Pass a number. */',
        'export function makeCounter(start: string): Counter;',
        'export function makeCounter(start?: number | string): Counter {',
        '  return Object.assign(new Counter(), { count: Number(start ?? 0) });',
        '}',
        '/** A counter. */',
        'export class Counter {',
        '  /** The count. */',
        '  count = 0;',
        '}',
        '/** A bad count. */',
        'export class CountError extends Error {}',
        '/** A constant. */',
        'export const LIMIT = 3;',
      ].join('\n'),
    );
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['lk-fixture'],
      exampleEntries: ['lk-fixture'],
    });
    expect(result.ok).toBe(true);
    // makeCounter: one deprecated overload does not make the function deprecated.
    expect(result.exampleCoverage.required.sort()).toEqual([
      'Counter',
      'makeCounter',
      'thrice',
      'twice',
    ]);
    expect(result.exampleCoverage.missing.sort()).toEqual(['Counter', 'makeCounter', 'thrice']);
  });

  it('checks only the listed entries', async () => {
    const f = fixture(
      '/** Triples a number. */\nexport function thrice(x: number): number {\n  return 3 * x;\n}\n',
    );
    const result = await generateApi({
      entryPoints: [f.entry],
      tsconfig: f.tsconfig,
      emit: false,
      packages: ['lk-fixture'],
      exampleEntries: ['other'],
    });
    expect(result.exampleCoverage).toEqual({ required: [], missing: [] });
  });
});
