// Rules for a repository that works from a clone with nothing beside it. Each takes a tracked
// file's path (relative to the repository root, `/`-separated) and its text, and returns one
// message per problem.

/** A run of `..` path segments, as in `../../x` or `'../..'`. */
const PARENT_RUN = /(?<![\w.])\.\.(?:\/\.\.)*(?=\/|['"`\s)]|$)/gm;

/** Absolute paths of a particular machine's home or work folders. */
const MACHINE_PATH = /(?<![\w.:/-])\/(?:work|home|Users)\/[\w.-]+/g;

/** The word "issue" and a number (with or without `#`): the tree speaks of the project, not of the tracker. */
const ISSUE_NUMBER = /\bissues? #?\d+/gi;

/**
 * Relative paths that climb above the repository root from the file that holds them.
 *
 * @param {string} file Path relative to the repository root.
 * @param {string} text The file's contents.
 * @returns {string[]}
 */
export function pathsAboveRoot(file, text) {
  const depth = file.split('/').length - 1;
  /** @type {string[]} */
  const problems = [];
  for (const match of text.matchAll(PARENT_RUN)) {
    const ups = match[0].split('/').length;
    if (ups > depth) {
      problems.push(
        `${file}:${lineOf(text, match.index)}: "${match[0]}" climbs ${ups} levels from a file ${depth} deep: above the repository root`,
      );
    }
  }
  return problems;
}

/**
 * Absolute paths of one machine's folders (`/work/…`, `/home/…`, `/Users/…`).
 *
 * @param {string} file
 * @param {string} text
 * @returns {string[]}
 */
export function machinePaths(file, text) {
  return [...text.matchAll(MACHINE_PATH)].map(
    (match) => `${file}:${lineOf(text, match.index)}: names a machine path, ${match[0]}`,
  );
}

/**
 * Issue-tracker numbers in the tree.
 *
 * @param {string} file
 * @param {string} text
 * @returns {string[]}
 */
export function issueNumbers(file, text) {
  return [...text.matchAll(ISSUE_NUMBER)].map(
    (match) =>
      `${file}:${lineOf(text, match.index)}: names "${match[0]}"; say what the code does instead`,
  );
}

/**
 * @param {string} text
 * @param {number} index
 * @returns {number} The 1-based line number of `index`.
 */
function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
