import type { ProjectReflection } from 'typedoc';
import ts from 'typescript';
import { findCodeFences } from './samples.js';

/** A TypeScript example from the API reference (a TSDoc `@example` block). */
export interface ApiExample {
  /** Where it is: the documented export (`@latentkit/pca.fitPca`) or a page. */
  page: string;
  /** 1-based line of the block within its comment or page. */
  line: number;
  /** The code. */
  code: string;
}

/** A type error in an example. */
export interface ExampleProblem {
  example: ApiExample;
  message: string;
}

/** The TypeScript code blocks of a piece of Markdown (e.g. one `@example` tag's text). */
export function extractExamples(page: string, markdown: string): ApiExample[] {
  return findCodeFences(markdown)
    .filter((f) => f.lang === 'ts' || f.lang === 'typescript')
    .map((f) => ({ page, line: f.line, code: f.code }));
}

/**
 * Every TypeScript block of every `@example` tag in a converted TypeDoc project, once each (an
 * export re-exported by two entries carries the same comment twice).
 */
export function collectExamples(project: ProjectReflection): ApiExample[] {
  const out: ApiExample[] = [];
  const seen = new Set<string>();
  for (const reflection of Object.values(project.reflections)) {
    for (const tag of reflection.comment?.blockTags ?? []) {
      if (tag.tag !== '@example') continue;
      const text = tag.content.map((part) => part.text).join('');
      for (const example of extractExamples(reflection.getFriendlyFullName(), text)) {
        if (seen.has(example.code)) continue;
        seen.add(example.code);
        out.push(example);
      }
    }
  }
  return out;
}

/**
 * TSDoc examples are fragments: they use the packages' exports without importing them, and they
 * stand for the reader's own variables (`images`, `model`). Diagnostics that mark such a free
 * variable — "Cannot find name" (2304), a shorthand property with no value in scope (18004), or
 * "Cannot find name 'x'. Did you mean 'y'?" (2552) when x is not a near-miss of y — make it a
 * declared `any`, and the check runs again. A misspelt export (equal to a real one but for case,
 * or {@link TYPO_DISTANCE} edit away) stays an error; `decoded` is not a typo of `decodeIdx`.
 */
const FREE_VARIABLE_CODES: ReadonlySet<number> = new Set([2304, 18004]);
const DID_YOU_MEAN = 2552;
/** Edit distance at or below which an unknown name counts as a typo of an export. */
export const TYPO_DISTANCE = 1;

/** Levenshtein distance (case-sensitive). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Whether a diagnostic about `name` marks a free variable of a fragment (see above). */
export function isFreeVariable(code: number, name: string, message: string): boolean {
  if (FREE_VARIABLE_CODES.has(code)) return true;
  if (code !== DID_YOU_MEAN) return false;
  const suggestion = /Did you mean '([^']+)'/.exec(message)?.[1];
  if (suggestion === undefined) return true;
  if (name.toLowerCase() === suggestion.toLowerCase()) return false;
  return editDistance(name, suggestion) > TYPO_DISTANCE;
}

/** Names an example declares or imports itself at top level (the prelude must not repeat them). */
export function ownTopLevelNames(code: string): Set<string> {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) names.add(el.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) addBinding(d.name);
    } else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      names.add(st.name.text);
    }
  }
  return names;
}

/** Options of {@link checkExamples}. */
export interface CheckExamplesOptions {
  /** Module specifiers whose every export is in scope for every example. */
  modules: readonly string[];
  /** Folder the examples are compiled in (module resolution starts there). */
  cwd: string;
  /** Compiler options (the samples' tsconfig). */
  compilerOptions: ts.CompilerOptions;
}

function exportNames(
  modules: readonly string[],
  options: CheckExamplesOptions,
): Map<string, string> {
  const file = `${options.cwd}/__exports__.ts`;
  const source = modules.map((m, i) => `import * as m${i} from '${m}';`).join('\n');
  const host = ts.createCompilerHost(options.compilerOptions);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f === file ? source : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f === file || exists(f);
  const program = ts.createProgram([file], options.compilerOptions, host);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file)!;
  const names = new Map<string, string>();
  sf.statements.forEach((st, i) => {
    if (!ts.isImportDeclaration(st)) return;
    const symbol = checker.getSymbolAtLocation(st.moduleSpecifier);
    if (!symbol) throw new Error(`cannot resolve ${modules[i]}`);
    for (const exp of checker.getExportsOfModule(symbol)) {
      if (!names.has(exp.name)) names.set(exp.name, modules[i]!);
    }
  });
  return names;
}

/**
 * The source compiled for one example: imports of every export it may use (except names it
 * declares or imports itself), its free variables declared `any`, then the code.
 */
export function exampleSource(
  code: string,
  imports: ReadonlyMap<string, string>,
  freeVariables: readonly string[],
): string {
  const own = ownTopLevelNames(code);
  const byModule = new Map<string, string[]>();
  for (const [name, mod] of imports) {
    if (own.has(name)) continue;
    if (!byModule.has(mod)) byModule.set(mod, []);
    byModule.get(mod)!.push(name);
  }
  const lines = [...byModule].map(
    ([mod, names]) => `import { ${names.join(', ')} } from '${mod}';`,
  );
  lines.push(...freeVariables.map((v) => `declare const ${v}: any;`));
  return `${lines.join('\n')}\n// --- example ---\n${code}\nexport {};\n`;
}

function compile(
  sources: ReadonlyMap<string, string>,
  options: CheckExamplesOptions,
): ts.Diagnostic[] {
  const host = ts.createCompilerHost(options.compilerOptions);
  const read = host.readFile.bind(host);
  host.readFile = (f) => sources.get(f) ?? read(f);
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => sources.has(f) || exists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = sources.get(f);
    return text !== undefined
      ? ts.createSourceFile(f, text, lang, true)
      : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram([...sources.keys()], options.compilerOptions, host);
  return [...sources.keys()].flatMap((f) => [
    ...program.getSyntacticDiagnostics(program.getSourceFile(f)),
    ...program.getSemanticDiagnostics(program.getSourceFile(f)),
  ]);
}

/**
 * Type-checks API examples against the packages: each example sees every export of `modules`,
 * free variables become `any` (see {@link isFreeVariable}), anything else — a misspelt export,
 * a wrong option name, a wrong argument type, a syntax error — is a problem.
 */
export function checkExamples(
  examples: readonly ApiExample[],
  checkOptions: CheckExamplesOptions,
): ExampleProblem[] {
  // The prelude imports types and values alike in one statement.
  const options = {
    ...checkOptions,
    compilerOptions: { ...checkOptions.compilerOptions, verbatimModuleSyntax: false, noEmit: true },
  };
  const imports = exportNames(options.modules, options);
  const fileOf = (i: number) => `${options.cwd}/__example_${i}__.ts`;
  const free: string[][] = examples.map(() => []);
  const build = () =>
    new Map(examples.map((e, i) => [fileOf(i), exampleSource(e.code, imports, free[i]!)]));

  let diagnostics = compile(build(), options);
  let again = false;
  for (const d of diagnostics) {
    if (!d.file || d.start === undefined) continue;
    const i = examples.findIndex((_, k) => fileOf(k) === d.file!.fileName);
    const name = d.file.text.slice(d.start, d.start + (d.length ?? 0));
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!isFreeVariable(d.code, name, message)) continue;
    if (i >= 0 && /^[A-Za-z_$][\w$]*$/.test(name) && !free[i]!.includes(name)) {
      free[i]!.push(name);
      again = true;
    }
  }
  if (again) diagnostics = compile(build(), options);

  return diagnostics.map((d) => {
    const i = examples.findIndex((_, k) => fileOf(k) === d.file?.fileName);
    const example = examples[i] ?? { page: d.file?.fileName ?? '?', line: 0, code: '' };
    let where = '';
    if (d.file && d.start !== undefined) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const codeStart = d.file.text.split('\n').indexOf('// --- example ---') + 1;
      where = ` (example line ${line - codeStart + 1})`;
    }
    return {
      example,
      message: `TS${d.code}${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    };
  });
}
