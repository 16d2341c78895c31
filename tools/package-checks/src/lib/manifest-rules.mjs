// Checks on the packed package.json that publint and attw do not make (or only make for `exports`).

/** Extensions of JavaScript files a conditions map may point at. */
const JS_FILE = /\.(c|m)?js$/;

/**
 * Walks an `exports` or `imports` map and reports condition-order problems:
 * - `types` must be the first key of any conditions object that has it (TypeScript picks the
 *   first matching condition, so a later `types` is ignored by `import`/`require` resolution);
 * - `default` must be the last key (conditions after it are unreachable);
 * - every JavaScript file target must be reachable together with a `types` condition on the
 *   same branch (a sibling or an ancestor's), so each entry point has declarations.
 *
 * @param {unknown} map The value of `exports` or `imports`.
 * @param {string} field `'exports'` or `'imports'`, for messages.
 * @returns {string[]} One message per problem (empty when fine).
 */
export function checkConditionOrder(map, field) {
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {unknown} value
   * @param {string[]} path
   * @param {boolean} typed Whether a `types` condition exists on this branch above `value`.
   */
  const visit = (value, path, typed) => {
    if (typeof value === 'string') {
      if (JS_FILE.test(value) && !typed) {
        problems.push(`${field}${fmt(path)} → ${value} has no "types" condition on its branch`);
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, [...path, String(i)], typed);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const keys = Object.keys(value);
    const isSubpathMap = keys.some((key) => key.startsWith('.') || key.startsWith('#'));
    if (!isSubpathMap) {
      const typesAt = keys.indexOf('types');
      if (typesAt > 0) {
        problems.push(
          `${field}${fmt(path)}: "types" must be the first condition (keys: ${keys.join(', ')})`,
        );
      }
      const defaultAt = keys.indexOf('default');
      if (defaultAt !== -1 && defaultAt !== keys.length - 1) {
        problems.push(
          `${field}${fmt(path)}: "default" must be the last condition (keys: ${keys.join(', ')})`,
        );
      }
    }
    const branchTyped = typed || (!isSubpathMap && keys.includes('types'));
    for (const key of keys) {
      if (key === 'types') continue;
      visit(/** @type {Record<string, unknown>} */ (value)[key], [...path, key], branchTyped);
    }
  };
  if (typeof map === 'string') visit({ '.': map }, [], false);
  else visit(map, [], false);
  return problems;
}

/**
 * @param {string[]} path
 * @returns {string}
 */
function fmt(path) {
  return path.map((key) => `["${key}"]`).join('');
}

/**
 * Checks the dependency specs of a packed package.json: packing must have rewritten every
 * `workspace:` range, and no local `file:`/`link:` spec may be published.
 *
 * @param {Record<string, any>} manifest The package.json inside the tarball.
 * @returns {string[]} One message per problem.
 */
export function checkPackedDependencySpecs(manifest) {
  /** @type {string[]} */
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|file|link|portal):/.test(String(spec))) {
        problems.push(`${field}["${dep}"] is "${spec}" in the packed package.json`);
      }
    }
  }
  return problems;
}
