import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkSamples,
  findCodeFences,
  findSnippetIncludes,
  hasRegion,
  resolveSnippetPath,
} from './samples.js';

describe('snippet includes and fences', () => {
  it('finds <<< includes with regions, highlights and titles, but not inside fences', () => {
    const md = [
      '# Page',
      '<<< @/../samples/a.ts#setup',
      '<<< ./local.ts{2,3 ts} [title]',
      '```md',
      '<<< @/../samples/ignored.ts',
      '```',
    ].join('\n');
    expect(findSnippetIncludes(md)).toEqual([
      { line: 2, raw: '@/../samples/a.ts', region: 'setup' },
      { line: 3, raw: './local.ts' },
    ]);
  });

  it('returns each fenced block with its language', () => {
    const md = '```ts\nconst a = 1;\n```\ntext\n~~~sh\nls\n~~~\n````md\n```ts\nx\n```\n````';
    expect(findCodeFences(md).map((f) => [f.line, f.lang, f.code])).toEqual([
      [1, 'ts', 'const a = 1;'],
      [5, 'sh', 'ls'],
      [8, 'md', '```ts\nx\n```'],
    ]);
  });

  it('resolves @/ from the source folder and other paths from the page', () => {
    expect(resolveSnippetPath('@/../samples/a.ts', '/site/guide/x.md', '/site')).toBe(
      '/samples/a.ts',
    );
    expect(resolveSnippetPath('./b.ts', '/site/guide/x.md', '/site')).toBe('/site/guide/b.ts');
  });

  it('finds VitePress regions', () => {
    const src = '// #region a\nx\n// #endregion a\n/* #region b */\ny\n/* #endregion b */';
    expect(hasRegion(src, 'a')).toBe(true);
    expect(hasRegion(src, 'b')).toBe(true);
    expect(hasRegion(src, 'c')).toBe(false);
    expect(hasRegion('// #endregion a\n// #region a', 'a')).toBe(false);
  });
});

describe('checkSamples', () => {
  const root = mkdtempSync(join(tmpdir(), 'lk-samples-'));
  const site = join(root, 'site');
  const samples = join(root, 'samples');
  mkdirSync(site, { recursive: true });
  mkdirSync(samples, { recursive: true });
  writeFileSync(
    join(samples, 'used.ts'),
    '// #region main\nexport const a = 1;\n// #endregion main\n',
  );
  writeFileSync(join(samples, 'orphan.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'outside.ts'), 'export {};\n');

  it('accepts included samples and reports inline code, bad paths, regions and orphans', () => {
    const pages = new Map([
      [join(site, 'ok.md'), '<<< @/../samples/used.ts#main\n\n```sh\nnpm i\n```\n'],
      [
        join(site, 'bad.md'),
        [
          '```ts',
          'const inline = 1;',
          '```',
          '<<< @/../samples/missing.ts',
          '<<< @/../samples/used.ts#nope',
          '<<< @/../outside.ts',
        ].join('\n'),
      ],
    ]);
    const problems = checkSamples({
      pages,
      srcDir: site,
      samplesDir: samples,
      sampleFiles: [join(samples, 'used.ts'), join(samples, 'orphan.ts')],
    }).map((p) => `${p.line ?? '-'} ${p.message}`);
    expect(problems).toEqual([
      '1 inline ```ts block: put the code in samples/ and include it with <<<',
      '4 @/../samples/missing.ts does not exist',
      "5 @/../samples/used.ts has no region 'nope'",
      '6 @/../outside.ts is outside samples/',
      '- sample orphan.ts is not included by any page',
    ]);
  });
});
