// Generates the API reference (Markdown for VitePress) from the packages' TSDoc with TypeDoc.
// A public export without documentation fails: TypeDoc's `notDocumented` validation with
// `treatValidationWarningsAsErrors`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Application,
  Converter,
  type DeclarationReference,
  LogLevel,
  type Reflection,
} from 'typedoc';
import { type ApiExample, collectExamples } from './lib/api-examples.js';
import { resolveByUniqueName } from './lib/api-links.js';
import { apiEntries, specifierForModuleName } from './lib/api-modules.js';
import { API_DIR, DOCS_ROOT, SITE_DIR } from './lib/paths.js';
import {
  EXAMPLE_ENTRIES,
  type ExampleCoverage,
  findMissingExamples,
} from './lib/required-examples.js';

/** The npm packages of the documented entries. */
export const LATENTKIT_PACKAGES = [
  ...new Set(apiEntries().map((e) => e.specifier.replace(/\/node$/, ''))),
];

/**
 * Reflection kinds that must carry TSDoc: TypeDoc's default `requiredToBeDocumented` list, i.e.
 * every kind of export, enum members, the methods and accessors of exported classes, and the
 * properties of interfaces, classes and object types (including inline object types in
 * signatures and unions, e.g. a function's `{ mean, std }` result).
 */
export const EXPORT_KINDS = [
  'Enum',
  'EnumMember',
  'Variable',
  'Function',
  'Class',
  'Interface',
  'TypeAlias',
  'Property',
  'Method',
  'Accessor',
] as const;

/** Options of {@link generateApi}. */
export interface GenerateApiOptions {
  /** Entry files (default: every package entry). */
  entryPoints?: string[];
  /** tsconfig of the documented program. Default `tsconfig.api.json`. */
  tsconfig?: string;
  /** Output folder; `undefined` with `emit: false` only validates. Default `site/api`. */
  out?: string;
  /** Write Markdown (default true); false only converts and validates. */
  emit?: boolean;
  /**
   * npm packages whose exports must be documented. Default: every latentkit package. (TypeDoc's
   * own default is only the package in the working directory — `@latentkit/docs` — which would
   * make the check vacuous.)
   */
  packages?: string[];
  /**
   * Entries (module names, i.e. npm specifiers) whose functions and classes need an `@example`;
   * see {@link findMissingExamples}. Default {@link EXAMPLE_ENTRIES}.
   */
  exampleEntries?: readonly string[];
}

/** What {@link generateApi} found. */
export interface GenerateApiResult {
  ok: boolean;
  errors: number;
  warnings: number;
  /** The TypeScript `@example` blocks of the documented exports. */
  examples: ApiExample[];
  /** Functions and classes of the example entries, and which lack an `@example`. */
  exampleCoverage: ExampleCoverage;
  /**
   * Exports, properties, class methods and accessors without documentation ({@link EXPORT_KINDS});
   * each fails the build.
   */
  undocumented: number;
}

/**
 * Converts, validates and (optionally) renders the API reference. Never throws for documentation
 * problems: it returns `ok: false` with the counts, and TypeDoc has printed the details.
 */
export async function generateApi(options: GenerateApiOptions = {}): Promise<GenerateApiResult> {
  const out = options.out ?? API_DIR;
  const app = await Application.bootstrapWithPlugins({
    entryPoints: options.entryPoints ?? apiEntries().map((e) => e.file),
    entryPointStrategy: 'resolve',
    tsconfig: options.tsconfig ?? join(DOCS_ROOT, 'tsconfig.api.json'),
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out,
    // typedoc-vitepress-theme: where VitePress's srcDir is, so the sidebar links are right.
    docsRoot: SITE_DIR,
    readme: join(DOCS_ROOT, 'tools/api-readme.md'),
    mergeReadme: true,
    name: 'latentkit API',
    excludePrivate: true,
    excludeInternal: true,
    // `tf` (tfjs-core re-exported by @latentkit/tensor) is tfjs's to document, not ours.
    excludeExternals: true,
    disableSources: true,
    // One page per entry point (`@latentkit/models`, `@latentkit/models/node`, …) with every export
    // as a section: ~10 pages instead of ~700, so the site stays small and builds fast; search
    // and the page outline still reach every export.
    outputFileStrategy: 'modules',
    hidePageHeader: true,
    hideBreadcrumbs: false,
    useCodeBlocks: true,
    // Explicit <a id> anchors: VitePress's heading slugs differ from the plugin's link anchors
    // (underscores, and suffixes for repeated names), which left dead #links.
    useHTMLAnchors: true,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeAliasPropertiesFormat: 'table',
    enumMembersFormat: 'table',
    sidebar: { autoConfiguration: true, format: 'vitepress', pretty: false, collapsed: true },
    // Broken {@link}s are reported as warnings; missing documentation is an error (below).
    validation: { notDocumented: false, notExported: false, invalidLink: true },
    packagesRequiringDocumentation: options.packages ?? LATENTKIT_PACKAGES,
    logLevel: LogLevel.Warn,
  } as Record<string, unknown>);

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    // Name each module after its npm specifier instead of its path (`tensor/src`).
    for (const mod of context.project.children ?? []) {
      const specifier = specifierForModuleName(mod.name);
      if (specifier) mod.name = specifier;
    }
  });
  // `{@link ShapeError}` in a package that does not import ShapeError cannot be resolved by
  // TypeScript; link it to the one export of that name anywhere in the reference.
  app.converter.addUnknownSymbolResolver((ref: DeclarationReference, refl: Reflection, part) => {
    const target = resolveByUniqueName(refl.project, ref);
    if (target && part) (part as { target?: unknown }).target = target;
    return undefined;
  });

  const fail = (
    examples: ApiExample[],
    exampleCoverage: ExampleCoverage,
    undocumented: number,
  ): GenerateApiResult => ({
    ok: false,
    errors: app.logger.errorCount + undocumented,
    warnings: app.logger.warningCount,
    examples,
    exampleCoverage,
    undocumented,
  });
  const project = await app.convert();
  if (!project) return fail([], { required: [], missing: [] }, 0);
  const examples = collectExamples(project);
  const exampleCoverage = findMissingExamples(project, options.exampleEntries ?? EXAMPLE_ENTRIES);
  // Pass 1: link problems, as warnings (they are the packages' to fix, listed in the report).
  app.validate(project);
  // Pass 2: an export, property, class method or accessor without TSDoc is an error.
  const onlyNotDocumented = {
    notDocumented: true,
    notExported: false,
    invalidLink: false,
    invalidPath: false,
    rewrittenLink: false,
    unusedMergeModuleWith: false,
  };
  app.options.setValue('validation', onlyNotDocumented);
  app.options.setValue('requiredToBeDocumented', [...EXPORT_KINDS]);
  // TypeDoc applies `treatValidationWarningsAsErrors` only in its CLI; through the API we count.
  const before = app.logger.validationWarningCount;
  app.validate(project);
  const undocumented = app.logger.validationWarningCount - before;
  if (undocumented > 0 || app.logger.hasErrors())
    return fail(examples, exampleCoverage, undocumented);
  if (options.emit !== false) {
    rmSync(out, { recursive: true, force: true });
    await app.generateOutputs(project);
  }
  return {
    ok: !app.logger.hasErrors(),
    errors: app.logger.errorCount,
    warnings: app.logger.warningCount,
    examples,
    exampleCoverage,
    undocumented: 0,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await generateApi();
  if (!result.ok) {
    console.error(
      `API reference: ${result.errors} error(s), ${result.undocumented} of them undocumented exports or members; see above.`,
    );
    process.exit(1);
  }
  console.log(`API reference written to ${API_DIR}`);
}
