// Everything the site needs before `vitepress build|dev`: the API reference (TypeDoc, fails on
// undocumented exports), its examples type-checked, the benchmark and pretrained-model page
// bodies, and the check that every code sample on a page comes from samples/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { EXAMPLES_NOT_REQUIRED } from './examples-not-required.js';
import { generateApi } from './generate-api.js';
import { KNOWN_EXAMPLE_ISSUES } from './known-example-issues.js';
import { checkExamples } from './lib/api-examples.js';
import { apiEntries } from './lib/api-modules.js';
import { renderBenchBody } from './lib/bench-page.js';
import { loadBenchResults } from './lib/load-bench-results.js';
import {
  ASSETS_DIR,
  benchResultSources,
  DOCS_ROOT,
  GENERATED_DIR,
  REPO_ROOT,
  SAMPLES_DIR,
  SITE_DIR,
} from './lib/paths.js';
import { isModelManifest, renderPretrainedBody } from './lib/pretrained-page.js';
import { exampleCoverageProblems } from './lib/required-examples.js';
import { checkSamples, sampleFilesIn } from './lib/samples.js';
import { listFiles } from './lib/static-mounts.js';

/** Hand-written pages (absolute path → Markdown): everything under site/ but the generated parts. */
export function handWrittenPages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rel of listFiles(SITE_DIR)) {
    if (!rel.endsWith('.md') || rel.startsWith('api/') || rel.startsWith('_generated/')) continue;
    if (rel.startsWith('.vitepress/') || rel.includes('node_modules/')) continue;
    pages.set(join(SITE_DIR, rel), readFileSync(join(SITE_DIR, rel), 'utf8'));
  }
  return pages;
}

/** Compiler options of samples/tsconfig.json (the examples compile like the samples). */
export function sampleCompilerOptions(): ts.CompilerOptions {
  const file = join(SAMPLES_DIR, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${file}`);
  return { ...parsed.options, noEmit: true };
}

async function step<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const value = await run();
  console.log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return value;
}

/** Runs every step; returns the problems (empty = ready to build). */
export async function prepareSite(options: { api?: boolean } = {}): Promise<string[]> {
  const problems: string[] = [];
  mkdirSync(GENERATED_DIR, { recursive: true });

  if (options.api !== false) {
    const api = await step('API reference (TypeDoc)', () => generateApi());
    if (!api.ok) {
      problems.push(
        `API reference: ${api.errors} error(s), ${api.undocumented} of them exports or members without TSDoc (see TypeDoc's messages above)`,
      );
    } else {
      const { required, missing } = api.exampleCoverage;
      console.log(
        `  @example coverage: ${required.length - missing.length} of ${required.length} functions and classes (${missing.length} allow-listed)`,
      );
      problems.push(...exampleCoverageProblems(api.exampleCoverage, EXAMPLES_NOT_REQUIRED));
      const found = await step(`API examples type-checked (${api.examples.length})`, () =>
        checkExamples(api.examples, {
          modules: apiEntries().map((e) => e.specifier),
          cwd: SAMPLES_DIR,
          compilerOptions: sampleCompilerOptions(),
        }),
      );
      const failing = new Set(found.map((p) => p.example.page));
      for (const p of found) {
        if (Object.hasOwn(KNOWN_EXAMPLE_ISSUES, p.example.page)) continue;
        problems.push(`@example of ${p.example.page}: does not compile: ${p.message}`);
      }
      for (const [page, reason] of Object.entries(KNOWN_EXAMPLE_ISSUES)) {
        if (failing.has(page)) console.log(`  known example issue, ${page}: ${reason}`);
        else problems.push(`${page} now compiles: remove it from tools/known-example-issues.ts`);
      }
    }
  }

  await step('benchmark page', () => {
    const sources = benchResultSources();
    const { results, source, manifest } = loadBenchResults(sources);
    if (results.length === 0 && sources[0]?.kind === 'env') {
      problems.push(`LATENTKIT_BENCH_RESULTS=${sources[0].dir} holds no benchmark results`);
    }
    const imageDir = join(GENERATED_DIR, 'bench');
    rmSync(imageDir, { recursive: true, force: true });
    const body = renderBenchBody(
      results,
      './_generated/bench',
      source && {
        kind: source.kind,
        path: relative(REPO_ROOT, source.dir),
        ...(manifest ? { manifest } : {}),
      },
    );
    if (body.images.length > 0) mkdirSync(imageDir, { recursive: true });
    for (const image of body.images) writeFileSync(join(imageDir, image.name), image.svg);
    writeFileSync(join(GENERATED_DIR, 'benchmarks.md'), body.markdown);
    console.log(
      `  (${results.length} result files${source ? ` from ${source.dir} (${source.kind})` : ''})`,
    );
  });

  await step('pretrained-models page', () => {
    const file = join(ASSETS_DIR, 'models/manifest.json');
    let manifest: unknown;
    if (existsSync(file)) manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (manifest !== undefined && !isModelManifest(manifest)) {
      problems.push(`${file} is not a model manifest`);
      manifest = undefined;
    }
    writeFileSync(
      join(GENERATED_DIR, 'pretrained.md'),
      renderPretrainedBody(manifest as Parameters<typeof renderPretrainedBody>[0]),
    );
  });

  await step('code samples', () => {
    for (const p of checkSamples({
      pages: handWrittenPages(),
      srcDir: SITE_DIR,
      samplesDir: SAMPLES_DIR,
      sampleFiles: sampleFilesIn(SAMPLES_DIR, listFiles),
    })) {
      problems.push(`${relative(DOCS_ROOT, p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    }
  });
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const api = !process.argv.includes('--no-api');
  console.log('Preparing the docs site…');
  const problems = await prepareSite({ api });
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):`);
    for (const p of problems) console.error(`  ✗ ${p}`);
    process.exit(1);
  }
}
