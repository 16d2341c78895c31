import {
  type Comment,
  type DeclarationReflection,
  type ProjectReflection,
  ReflectionKind,
} from 'typedoc';

/**
 * The entries whose every exported function and class must carry an `@example` (the packages a
 * user calls directly; `/node` subpaths included). Core and report are not in it yet.
 */
export const EXAMPLE_ENTRIES: readonly string[] = [
  '@latentkit/tensor',
  '@latentkit/datasets',
  '@latentkit/datasets/node',
  '@latentkit/pca',
  '@latentkit/pca/node',
  '@latentkit/models',
  '@latentkit/models/node',
  '@latentkit/quantize',
  '@latentkit/verilog',
  '@latentkit/verilog/node',
  '@latentkit/onnx',
];

/** What {@link findMissingExamples} found. */
export interface ExampleCoverage {
  /** Every export that needs an example (`@latentkit/pca.fitPca`), in reference order. */
  required: string[];
  /** Those of {@link ExampleCoverage.required} without one. */
  missing: string[];
}

const hasTag = (comment: Comment | undefined, tag: `@${string}`) =>
  comment?.blockTags.some((t) => t.tag === tag) ?? false;

/** The comments of a function (on its signatures) or class (on itself). */
function commentsOf(refl: DeclarationReflection): (Comment | undefined)[] {
  return [refl.comment, ...(refl.signatures ?? []).map((s) => s.comment)];
}

/** A deprecated alias: its own comment, or every signature (not one overload), is `@deprecated`. */
function isDeprecated(refl: DeclarationReflection): boolean {
  const signatures = refl.signatures ?? [];
  return (
    hasTag(refl.comment, '@deprecated') ||
    (signatures.length > 0 && signatures.every((s) => hasTag(s.comment, '@deprecated')))
  );
}

/** An error class: one that extends a class named `…Error` (users catch these, not call them). */
function isErrorClass(refl: DeclarationReflection): boolean {
  return (refl.extendedTypes ?? []).some((t) => /Error$/.test(t.toString()));
}

/**
 * The exported functions and classes of the given entries (TypeDoc modules, named by their npm
 * specifier; a single-entry project counts as the module named `project.packageName`) and which of
 * them lack an `@example`. Declarations only: a re-export of an export documented under another
 * entry is that entry's (TypeDoc makes it a reference). Skipped: `@deprecated` exports (aliases
 * of a documented name; a function with one deprecated overload still counts) and error classes.
 */
export function findMissingExamples(
  project: ProjectReflection,
  entries: readonly string[],
): ExampleCoverage {
  const modules = project.getChildrenByKind(ReflectionKind.Module);
  const scopes: (ProjectReflection | DeclarationReflection)[] =
    modules.length > 0
      ? modules.filter((m) => entries.includes(m.name))
      : entries.includes(project.packageName ?? project.name)
        ? [project]
        : [];
  const required: string[] = [];
  const missing: string[] = [];
  for (const scope of scopes) {
    for (const refl of scope.getChildrenByKind(ReflectionKind.Function | ReflectionKind.Class)) {
      const comments = commentsOf(refl);
      if (isDeprecated(refl)) continue;
      if (refl.kindOf(ReflectionKind.Class) && isErrorClass(refl)) continue;
      const name = refl.getFriendlyFullName();
      required.push(name);
      if (!comments.some((c) => hasTag(c, '@example'))) missing.push(name);
    }
  }
  return { required, missing };
}

/**
 * The build's verdict on example coverage: every missing example not in `allowList` is a problem,
 * and so is an allow-list entry that is no longer needed (it has an example now, or is no export
 * that needs one) — so the list only shrinks.
 */
export function exampleCoverageProblems(
  coverage: ExampleCoverage,
  allowList: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const name of coverage.missing) {
    if (!Object.hasOwn(allowList, name)) {
      problems.push(
        `${name} has no @example: add one (a \`\`\`ts block), or list it with a reason in tools/examples-not-required.ts`,
      );
    }
  }
  const missing = new Set(coverage.missing);
  for (const name of Object.keys(allowList)) {
    if (!missing.has(name)) {
      problems.push(
        `${name} is in tools/examples-not-required.ts but ${coverage.required.includes(name) ? 'has an @example now' : 'is no export that needs one'}: remove it`,
      );
    }
  }
  return problems;
}
