import {
  type DeclarationReference,
  type ProjectReflection,
  type Reflection,
  ReflectionKind,
} from 'typedoc';

/**
 * The one exported reflection (class, interface, function, type, variable …) whose name is the
 * single plain name `ref` refers to, anywhere in the project; undefined when the reference has a
 * module source or a path, or when zero or several exports carry that name.
 *
 * This resolves `{@link ShapeError}` written in a package that re-uses another package's export
 * without importing it (TypeScript cannot resolve such a link, TypeDoc then reports it).
 */
export function resolveByUniqueName(
  project: ProjectReflection,
  ref: DeclarationReference,
): Reflection | undefined {
  if (ref.moduleSource || !ref.symbolReference?.path || ref.symbolReference.path.length !== 1) {
    return undefined;
  }
  const name = ref.symbolReference.path[0]!.path;
  const found = project.getReflectionsByKind(ReflectionKind.SomeExport).filter(
    (r) =>
      r.name === name &&
      r.parent?.kindOf(ReflectionKind.Module) &&
      // A re-export (`@latentkit/tensor` re-exporting `@latentkit/core`'s errors) points to the
      // declaration, which is the link target.
      !r.kindOf(ReflectionKind.Reference),
  );
  // The same declaration re-exported from two entries (`.` and `./node`) counts once.
  const unique = new Map<string, Reflection>();
  for (const r of found) unique.set(`${r.kind}:${r.name}:${r.parent?.name.split('/node')[0]}`, r);
  return unique.size === 1 ? found[0] : undefined;
}
