// The public API of a package, read from its built declaration files with the TypeScript compiler
// API: every export of every entry point (`.`, `./node`) with its kind and its signature. Written
// as a plain, sorted text report so that `git diff` of the committed reports is the API diff —
// every added, removed or changed export shows up in review (like api-extractor's reports, with
// no per-package configuration; this repository's entries are few and uniform).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The declaration file of each entry point that has one: `exports[subpath].import.types`.
 *
 * @param {import('./workspace.mjs').WorkspacePackage} pkg
 * @returns {{subpath: string, file: string}[]}
 */
export function declarationEntries(pkg) {
  /** @type {{subpath: string, file: string}[]} */
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
    const types = target?.import?.types;
    if (typeof types === 'string') entries.push({ subpath, file: join(pkg.dir, types) });
  }
  return entries;
}

/**
 * One line per export of a module: `kind name: signature`, sorted by name.
 *
 * @param {ts.TypeChecker} checker
 * @param {ts.Symbol} moduleSymbol
 * @returns {string[]}
 */
function describeExports(checker, moduleSymbol) {
  const flags = ts.TypeFormatFlags.NoTruncation;
  const lines = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.getName();
    const decl = symbol.declarations?.[0];
    if (!decl) {
      lines.push(`unknown ${name}`);
      continue;
    }
    const before = lines.length;
    describeSymbol(checker, symbol, name, decl, flags, lines);
    // A deprecated export keeps its line, marked, so the report shows what is on its way out.
    // (a deprecated overload of a function is marked on its own line, by describeSymbol).
    const note = deprecation(symbol) ?? deprecation(exported);
    if (note !== undefined)
      for (let i = before; i < lines.length; i++)
        if (!lines[i]?.includes('// @deprecated')) lines[i] = `${lines[i]}  // @deprecated ${note}`;
  }
  // Sorted by export name (a function's overloads keep their order).
  const nameOf = (/** @type {string} */ line) =>
    /^\S+ (?:static )?([\w$]+)/.exec(line)?.[1] ?? line;
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => nameOf(a.line).localeCompare(nameOf(b.line)) || a.i - b.i)
    .map((entry) => entry.line);
}

/**
 * The text of a symbol's `@deprecated` tag ('' when the tag has no text), or `undefined`.
 *
 * @param {ts.Symbol} symbol
 * @returns {string | undefined}
 */
export function deprecation(symbol) {
  const decls = symbol.declarations ?? [];
  // An overloaded function is deprecated only when every overload is.
  const notes = decls.map(declarationDeprecation);
  if (decls.length === 0 || notes.some((n) => n === undefined)) return undefined;
  return notes[0];
}

/**
 * The `@deprecated` text of one declaration, or `undefined`.
 *
 * @param {ts.Declaration | undefined} decl
 * @returns {string | undefined}
 */
function declarationDeprecation(decl) {
  const tag = decl && ts.getJSDocDeprecatedTag(decl);
  return tag
    ? (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/\s+/g, ' ').trim()
    : undefined;
}

/**
 * Appends the report line(s) of one exported symbol.
 *
 * @param {ts.TypeChecker} checker
 * @param {ts.Symbol} symbol
 * @param {string} name
 * @param {ts.Declaration} decl
 * @param {ts.TypeFormatFlags} flags
 * @param {string[]} lines
 */
function describeSymbol(checker, symbol, name, decl, flags, lines) {
  if (symbol.flags & ts.SymbolFlags.Function) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    for (const sig of type.getCallSignatures()) {
      const note = declarationDeprecation(sig.getDeclaration());
      const mark = note === undefined ? '' : `  // @deprecated ${note}`;
      lines.push(`function ${name}${checker.signatureToString(sig, undefined, flags)}${mark}`);
    }
  } else if (symbol.flags & ts.SymbolFlags.Class) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    const ctor = type
      .getConstructSignatures()
      .map(
        (sig) => `(${sig.parameters.map((p) => paramText(checker, p, decl, flags)).join(', ')})`,
      );
    // The class's own public members (inherited ones are the base class's API).
    const members = [];
    for (const member of symbol.members?.values() ?? []) {
      const memberDecl = member.declarations?.[0];
      if (!memberDecl || member.getName() === '__constructor') continue;
      const modifiers = ts.getCombinedModifierFlags(/** @type {ts.Declaration} */ (memberDecl));
      if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      if (member.getName().startsWith('#')) continue;
      const t = checker.getTypeOfSymbolAtLocation(member, memberDecl);
      const mark = deprecation(member) === undefined ? '' : ' /* @deprecated */';
      members.push(`${member.getName()}: ${checker.typeToString(t, undefined, flags)}${mark}`);
    }
    for (const member of symbol.exports?.values() ?? []) {
      const memberDecl = member.declarations?.[0];
      if (!memberDecl || member.getName() === 'prototype') continue;
      const t = checker.getTypeOfSymbolAtLocation(member, memberDecl);
      members.push(`static ${member.getName()}: ${checker.typeToString(t, undefined, flags)}`);
    }
    lines.push(`class ${name} new${ctor.join(' | ')} { ${members.sort().join('; ')} }`);
  } else if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const kind = symbol.flags & ts.SymbolFlags.Interface ? 'interface' : 'type';
    const props = checker.getPropertiesOfType(type);
    const body =
      kind === 'interface' && props.length > 0
        ? `{ ${props
            .map((p) => {
              const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
              const note = deprecation(p);
              const mark = note === undefined ? '' : ' /* @deprecated */';
              const t = checker.getTypeOfSymbolAtLocation(p, decl);
              return `${p.getName()}${optional}: ${checker.typeToString(t, undefined, flags)}${mark}`;
            })
            .sort()
            .join('; ')} }`
        : checker.typeToString(type, undefined, flags | ts.TypeFormatFlags.InTypeAlias);
    lines.push(`${kind} ${name} = ${body}`);
  } else if (symbol.flags & ts.SymbolFlags.Variable) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    lines.push(`const ${name}: ${checker.typeToString(type, undefined, flags)}`);
  } else if (symbol.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Namespace)) {
    lines.push(`namespace ${name}`);
  } else {
    lines.push(`export ${name}`);
  }
}

/**
 * @param {ts.TypeChecker} checker
 * @param {ts.Symbol} param
 * @param {ts.Node} at
 * @param {ts.TypeFormatFlags} flags
 * @returns {string} `name?: type` of a constructor parameter.
 */
function paramText(checker, param, at, flags) {
  const pdecl = /** @type {ts.ParameterDeclaration | undefined} */ (param.declarations?.[0]);
  const optional = pdecl && (pdecl.questionToken || pdecl.initializer) ? '?' : '';
  const t = checker.getTypeOfSymbolAtLocation(param, pdecl ?? at);
  return `${param.getName()}${optional}: ${checker.typeToString(t, undefined, flags)}`;
}

/**
 * The API report of a package: a markdown document listing each entry's exports.
 *
 * @param {import('./workspace.mjs').WorkspacePackage} pkg
 * @returns {string}
 * @throws Error if an entry's declaration file is missing (build first).
 */
export function apiReport(pkg) {
  const entries = declarationEntries(pkg);
  for (const { file } of entries) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm run build\` first`);
  }
  const program = ts.createProgram(
    entries.map((e) => e.file),
    {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  const out = [
    `# API report: ${pkg.name}`,
    '',
    'Generated by `pnpm run api:update` from the built declaration files; do not edit. A change',
    "here is a change to the package's public API: review it, and describe it in a changeset.",
  ];
  for (const { subpath, file } of entries) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`;
    out.push('', `## ${specifier}`, '', '```ts');
    if (moduleSymbol) out.push(...describeExports(checker, moduleSymbol));
    out.push('```');
  }
  return `${out.join('\n')}\n`;
}
