import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  checkExamples,
  editDistance,
  exampleSource,
  extractExamples,
  isFreeVariable,
  ownTopLevelNames,
} from './api-examples.js';

describe('example helpers', () => {
  it('extracts only TypeScript blocks', () => {
    const md = 'text\n```ts\nconst a = 1;\n```\n```sh\nls\n```\n```typescript\nb();\n```';
    expect(extractExamples('p', md)).toEqual([
      { page: 'p', line: 2, code: 'const a = 1;' },
      { page: 'p', line: 8, code: 'b();' },
    ]);
  });

  it('measures edit distance', () => {
    expect(editDistance('fitPca', 'fitPca')).toBe(0);
    expect(editDistance('fitPCa', 'fitPca')).toBe(1);
    expect(editDistance('decoded', 'decodeIdx')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('tells free variables from misspelt exports', () => {
    expect(isFreeVariable(2304, 'images', "Cannot find name 'images'.")).toBe(true);
    expect(isFreeVariable(18004, 'epoch', 'No value exists in scope…')).toBe(true);
    expect(
      isFreeVariable(2552, 'decoded', "Cannot find name 'decoded'. Did you mean 'decodeIdx'?"),
    ).toBe(true);
    expect(
      isFreeVariable(2552, 'fitPCA', "Cannot find name 'fitPCA'. Did you mean 'fitPca'?"),
    ).toBe(false);
    expect(
      isFreeVariable(2552, 'fitPcb', "Cannot find name 'fitPcb'. Did you mean 'fitPca'?"),
    ).toBe(false);
    expect(isFreeVariable(2345, 'x', 'Argument of type…')).toBe(false);
  });

  it('leaves names the example declares or imports out of the prelude', () => {
    const code = "import { a } from 'm';\nconst { b, c: [d] } = x;\nfunction e() {}";
    expect([...ownTopLevelNames(code)].sort()).toEqual(['a', 'b', 'd', 'e']);
    const src = exampleSource(
      code,
      new Map([
        ['a', 'm'],
        ['f', 'm'],
      ]),
      ['x'],
    );
    expect(src).toContain("import { f } from 'm';");
    expect(src).not.toContain('import { a, f }');
    expect(src).toContain('declare const x: any;');
  });
});

describe('checkExamples', () => {
  // A tiny package in a temporary folder stands in for the latentkit packages.
  const dir = mkdtempSync(join(tmpdir(), 'lk-examples-'));
  writeFileSync(
    join(dir, 'pkg.ts'),
    'export interface FitOptions { numComponents: number }\n' +
      'export function fitPca(x: unknown, o: FitOptions): { ratio: number[] } { return { ratio: [] }; }\n',
  );
  const options = {
    modules: ['./pkg.js'],
    cwd: dir,
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'], // no DOM: a smaller program, a faster test
      types: [],
    } satisfies ts.CompilerOptions,
  };
  const example = (code: string) => ({ page: 'pkg.fitPca', line: 1, code });

  it('accepts a fragment that uses exports and free variables correctly', () => {
    const ok = example('const pca = fitPca(images, { numComponents: 50 });\npca.ratio.length;');
    expect(checkExamples([ok], options)).toEqual([]);
  });

  it('reports wrong options, misspelt exports and syntax errors', () => {
    const problems = checkExamples(
      [
        example('fitPca(images, { nComponentz: 50 });'),
        example('fitPCA(images, { numComponents: 50 });'),
        example('`fitPca(x)` → 12'),
      ],
      options,
    );
    const codes = problems.map((p) => p.message.slice(0, 6));
    expect(codes).toContain('TS2561'); // unknown option (did you mean numComponents?)
    expect(codes).toContain('TS2552'); // fitPCA: did you mean fitPca?
    expect(codes).toContain('TS1127'); // invalid character
  });
});
