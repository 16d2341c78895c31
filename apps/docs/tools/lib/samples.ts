import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** A `<<< path#region` snippet include in a Markdown page (VitePress's code import). */
export interface SnippetInclude {
  /** 1-based line in the page. */
  line: number;
  /** The path as written (`@/../samples/x.ts`). */
  raw: string;
  /** Region name after `#`, if any. */
  region?: string;
}

/** A fenced code block written inline in a page. */
export interface CodeFence {
  /** 1-based line of the opening fence. */
  line: number;
  /** Language (first word of the info string), lower-cased; `''` when none. */
  lang: string;
  /** The code. */
  code: string;
}

/** A sample problem, tied to a file. */
export interface SampleProblem {
  file: string;
  line?: number;
  message: string;
}

/** Languages whose inline blocks would escape the type-check: they must come from samples/. */
export const CHECKED_LANGS: ReadonlySet<string> = new Set([
  'ts',
  'typescript',
  'js',
  'javascript',
  'mjs',
  'cjs',
  'tsx',
  'jsx',
]);

const INCLUDE = /^\s*<<<\s+(\S+?)(?:#([\w-]+))?(?:\s*\{[^}]*\})?(?:\s+\[[^\]]*\])?\s*$/;

/** Every `<<< path[#region][{…}][ [title]]` line of a page (outside fenced blocks). */
export function findSnippetIncludes(markdown: string): SnippetInclude[] {
  const out: SnippetInclude[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(text);
    if (f) {
      if (fence === undefined) fence = f[1];
      else if (f[1]!.startsWith(fence)) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const m = INCLUDE.exec(text);
    if (!m) return;
    const inc: SnippetInclude = { line: i + 1, raw: m[1]! };
    if (m[2]) inc.region = m[2];
    out.push(inc);
  });
  return out;
}

/** Every fenced code block of a page, with its language and code. */
export function findCodeFences(markdown: string): CodeFence[] {
  const out: CodeFence[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/.exec(lines[i]!);
    if (!open) continue;
    const marker = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) break;
      body.push(lines[j]!);
    }
    out.push({ line: i + 1, lang: open[3]!.toLowerCase(), code: body.join('\n') });
    i = j;
  }
  return out;
}

/**
 * The file a snippet path points to: `@/` is VitePress's source folder, other paths are
 * relative to the page.
 */
export function resolveSnippetPath(raw: string, pageFile: string, srcDir: string): string {
  return raw.startsWith('@/') ? resolve(srcDir, raw.slice(2)) : resolve(dirname(pageFile), raw);
}

/** Whether `source` has a VitePress region `#region name` … `#endregion name` (any comment style). */
export function hasRegion(source: string, name: string): boolean {
  const start = new RegExp(`#region\\s+${name}\\s*(?:\\*/|-->)?\\s*$`, 'm');
  const end = new RegExp(`#endregion\\s+${name}\\s*(?:\\*/|-->)?\\s*$`, 'm');
  const s = start.exec(source);
  const e = end.exec(source);
  return s !== null && e !== null && e.index > s.index;
}

/** Options of {@link checkSamples}. */
export interface CheckSamplesOptions {
  /** Hand-written pages: absolute path → Markdown. */
  pages: ReadonlyMap<string, string>;
  /** VitePress's source folder (for `@/`). */
  srcDir: string;
  /** Folder of the type-checked samples; every `.ts` in it must be included by some page. */
  samplesDir: string;
  /** Every sample file (absolute paths). */
  sampleFiles: readonly string[];
}

/**
 * Checks that the site's code is the type-checked code: every snippet include points into
 * `samplesDir` at an existing file and region; no page has an inline TS/JS block (it would not be
 * compiled); every sample is used by some page.
 */
export function checkSamples(options: CheckSamplesOptions): SampleProblem[] {
  const problems: SampleProblem[] = [];
  const used = new Set<string>();
  const samplesRoot = resolve(options.samplesDir) + sep;
  for (const [file, markdown] of options.pages) {
    for (const fence of findCodeFences(markdown)) {
      if (CHECKED_LANGS.has(fence.lang)) {
        problems.push({
          file,
          line: fence.line,
          message: `inline \`\`\`${fence.lang} block: put the code in samples/ and include it with <<<`,
        });
      }
    }
    for (const inc of findSnippetIncludes(markdown)) {
      const target = resolveSnippetPath(inc.raw, file, options.srcDir);
      if (!target.startsWith(samplesRoot)) {
        problems.push({ file, line: inc.line, message: `${inc.raw} is outside samples/` });
        continue;
      }
      if (!existsSync(target)) {
        problems.push({ file, line: inc.line, message: `${inc.raw} does not exist` });
        continue;
      }
      used.add(target);
      if (inc.region && !hasRegion(readFileSync(target, 'utf8'), inc.region)) {
        problems.push({
          file,
          line: inc.line,
          message: `${inc.raw} has no region '${inc.region}'`,
        });
      }
    }
  }
  for (const sample of options.sampleFiles) {
    if (!used.has(resolve(sample))) {
      problems.push({
        file: sample,
        message: `sample ${relative(options.samplesDir, sample)} is not included by any page`,
      });
    }
  }
  return problems;
}

/** Every `.ts` sample below `dir` (absolute paths), `tsconfig`/`.d.ts` excluded. */
export function sampleFilesIn(dir: string, list: (d: string) => string[]): string[] {
  return list(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}
