// The difference between two API reports (see api-surface.mjs), by export name: what was added,
// removed, changed, and newly deprecated. Used by `pnpm api:diff <base>` to write the API section
// of a changeset.

/**
 * The entries of an API report: `entry -> export name -> report lines` (a function's overloads
 * are several lines).
 *
 * @param {string} report - An `api/<pkg>.api.md` text.
 * @returns {Map<string, Map<string, string[]>>}
 */
export function parseApiReport(report) {
  /** @type {Map<string, Map<string, string[]>>} */
  const entries = new Map();
  /** @type {Map<string, string[]> | undefined} */
  let current;
  let inCode = false;
  for (const line of report.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1] && !inCode) {
      current = new Map();
      entries.set(heading[1], current);
      continue;
    }
    if (line.startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (!inCode || !current || line.trim() === '') continue;
    const name = /^\S+ (?:static )?([\w$]+)/.exec(line)?.[1] ?? line;
    const lines = current.get(name) ?? [];
    lines.push(line);
    current.set(name, lines);
  }
  return entries;
}

/** The deprecation note of a report line, or undefined. */
const deprecationOf = (/** @type {string} */ line) => /\s\/\/ @deprecated ?(.*)$/.exec(line)?.[1];
/** A report line without its deprecation note. */
const withoutNote = (/** @type {string} */ line) => line.replace(/\s+\/\/ @deprecated.*$/, '');
/** Property names marked deprecated in an interface line. */
const deprecatedProps = (/** @type {string} */ line) =>
  [...line.matchAll(/[{;]\s*([\w$]+)\??: [^;{}]*?\/\* @deprecated \*\//g)].map((m) => m[1]);

/**
 * @typedef {object} ApiChange
 * @property {string} entry - Import specifier (`@latentkit/pca`, `@latentkit/models/node`).
 * @property {'added' | 'removed' | 'changed' | 'deprecated'} kind
 * @property {string} name - Export name.
 * @property {string} [note] - The deprecation note, or the deprecated properties.
 * @property {string[]} [before] - Report lines before (removed, changed).
 * @property {string[]} [after] - Report lines after (added, changed).
 */

/**
 * Every export added, removed, changed or newly deprecated between two reports of one package.
 *
 * @param {string} before - The old report text ('' for a new package).
 * @param {string} after - The new report text ('' for a removed package).
 * @returns {ApiChange[]}
 */
export function diffApiReports(before, after) {
  const old = parseApiReport(before);
  const now = parseApiReport(after);
  /** @type {ApiChange[]} */
  const changes = [];
  for (const entry of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(entry) ?? new Map();
    const b = now.get(entry) ?? new Map();
    for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const was = a.get(name);
      const is = b.get(name);
      if (!was && is) {
        changes.push({ entry, kind: 'added', name, after: is });
        continue;
      }
      if (was && !is) {
        changes.push({ entry, kind: 'removed', name, before: was });
        continue;
      }
      if (!was || !is) continue;
      const noteBefore = was.map(deprecationOf).find((n) => n !== undefined);
      const noteAfter = is.map(deprecationOf).find((n) => n !== undefined);
      if (noteAfter !== undefined && noteBefore === undefined) {
        const all = is.every((l) => deprecationOf(l) !== undefined);
        const note = all ? noteAfter : `one overload: ${noteAfter}`;
        changes.push({ entry, kind: 'deprecated', name, note });
      }
      const propsBefore = new Set(was.flatMap(deprecatedProps));
      const newlyDeprecated = is.flatMap(deprecatedProps).filter((p) => !propsBefore.has(p));
      if (newlyDeprecated.length > 0) {
        changes.push({
          entry,
          kind: 'deprecated',
          name,
          note: `properties ${newlyDeprecated.join(', ')}`,
        });
      }
      const plain = (/** @type {string[]} */ lines) =>
        lines.map((l) => withoutNote(l).replace(/ \/\* @deprecated \*\//g, '')).join('\n');
      if (plain(was) !== plain(is))
        changes.push({ entry, kind: 'changed', name, before: was, after: is });
    }
  }
  return changes;
}

/**
 * Markdown for a changeset: one bullet per change, grouped by entry point.
 *
 * @param {ApiChange[]} changes
 * @returns {string}
 */
export function renderApiDiff(changes) {
  if (changes.length === 0) return 'No change to the public API.\n';
  const out = [];
  const label = {
    removed: 'Removed',
    deprecated: 'Deprecated',
    changed: 'Changed',
    added: 'Added',
  };
  for (const entry of [...new Set(changes.map((c) => c.entry))]) {
    out.push(`API diff of \`${entry}\`:`, '');
    for (const kind of /** @type {const} */ (['removed', 'deprecated', 'changed', 'added'])) {
      for (const c of changes.filter((x) => x.entry === entry && x.kind === kind)) {
        const note = c.note ? ` (${c.note})` : '';
        out.push(`- ${label[kind]}: \`${c.name}\`${note}`);
      }
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}
