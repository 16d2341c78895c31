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
