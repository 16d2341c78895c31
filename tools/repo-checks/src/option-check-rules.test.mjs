import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { uncheckedOptionFunctions } from './option-check-rules.mjs';

const CHECKER = `export function requireKnownOptions(
  options: unknown, allowed: readonly string[], where?: string): void {}
`;

const ENTRY = `import { requireKnownOptions } from './checker';
export interface FOptions { a?: number; b?: number }
export interface WideOptions extends FOptions { c?: number }
export interface FConfig { size: number }

export function checked(x: number, options: FOptions = {}): void {
  requireKnownOptions(options, ['a', 'b'], 'checked options');
}
export function unchecked(x: number, options: FOptions = {}): number | undefined {
  return options.a;
}
function helper(o: FOptions, extra: string[] = []): void {
  requireKnownOptions(o, ['a', 'b', ...extra]);
}
export function viaHelper(options: WideOptions): void {
  helper(options, ['c']);
}
export function viaAlias(opts?: FOptions): void {
  const o = opts ?? {};
  requireKnownOptions(o, ['a', 'b']);
}
export const arrow = (config: number | FConfig): void => {
  if (typeof config !== 'number') requireKnownOptions(config, ['size']);
};
export function uncheckedConfig(config: FConfig): number {
  return config.size;
}
export function notOptions(options: (x: number) => void, list: number[]): void {}
export class Thing {
  constructor(options: FOptions) {}
  run(options: FOptions): void {
    requireKnownOptions(options, ['a', 'b']);
  }
  private hidden(options: FOptions): void {}
}
// unchecked options: reads only \`a\` of a bigger options object.
export function subset(options: FOptions): number | undefined {
  return options.a;
}
export function narrowerPublic(options: WideOptions): void {
  checked(1, options);
}
export function destructured(x: number, { a }: FOptions = {}): number | undefined {
  return a;
}
`;

test('lists the public functions whose options object is not checked, and only those', () => {
  const dir = mkdtempSync(join(tmpdir(), 'option-check-'));
  try {
    writeFileSync(join(dir, 'checker.ts'), CHECKER);
    writeFileSync(join(dir, 'entry.ts'), ENTRY);
    const entry = join(dir, 'entry.ts');
    const program = ts.createProgram([entry], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
    });
    const found = uncheckedOptionFunctions(program, [entry], (file) => file.startsWith(dir));
    assert.deepEqual(
      found.map((f) => `${f.name}(${f.param})`),
      [
        'unchecked(options)',
        'uncheckedConfig(config)',
        'new Thing(options)',
        'narrowerPublic(options)',
        'destructured({ a })',
      ],
    );
    assert.equal(found[0]?.line, 9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
