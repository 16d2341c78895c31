// The rule for long functions: no function in a package's sources runs over MAX_LINES lines unless
// a comment right before it (or its TSDoc) says why. The TypeScript compiler parses each file, so
// methods, arrow functions and nested functions are found wherever they are.
import ts from 'typescript';

/** The longest a function may be, first line to last, without a comment saying why. */
export const MAX_LINES = 120;

/** A comment line that explains a long function: `// long: <reason>`, or any "Long because". */
const WHY_LINE = /^\s*\/\/\s*long:\s*\S|Long because/;

/**
 * Whether a package source path is checked: `.ts` under `src/`, not a test, test helper,
 * test-case table or declaration file, nor anything under a `test/` folder.
 *
 * @param {string} file Path relative to the repository root, `/`-separated.
 * @returns {boolean}
 */
export function isCheckedSource(file) {
  if (!/^packages\/[^/]+\/src\/.+\.ts$/.test(file)) return false;
  if (/\.(test|testutil|cases|d)\.ts$/.test(file)) return false;
  return !file.split('/').includes('test');
}

/**
 * Functions, methods and arrow functions over `maxLines` lines with no comment saying why.
 *
 * @param {string} file Path relative to the repository root (for the messages).
 * @param {string} text The file's contents.
 * @param {number} [maxLines]
 * @returns {{ name: string, line: number, lines: number, explained: boolean }[]} Every function
 *   over the limit, in source order, and whether a comment explains it.
 */
export function longFunctions(file, text, maxLines = MAX_LINES) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  /** @type {{ name: string, line: number, lines: number, explained: boolean }[]} */
  const found = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (isFunctionWithBody(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > maxLines) {
        found.push({
          name: functionName(node),
          line: first + 1,
          lines,
          explained: explained(node, text),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * One message per long function that no comment explains.
 *
 * @param {string} file
 * @param {string} text
 * @param {number} [maxLines]
 * @returns {string[]}
 */
export function unexplainedLongFunctions(file, text, maxLines = MAX_LINES) {
  return longFunctions(file, text, maxLines)
    .filter((found) => !found.explained)
    .map(
      (found) =>
        `${file}:${found.line}: ${found.name} is ${found.lines} lines (over ${maxLines}); split it, or say why before it in a "// long: <reason>" comment`,
    );
}

/**
 * @param {ts.Node} node
 * @returns {node is ts.FunctionLikeDeclaration}
 */
function isFunctionWithBody(node) {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node)) &&
    node.body !== undefined
  );
}

/**
 * The function's own name, else the name it is assigned to or the call it is passed to, with
 * its class for members.
 *
 * @param {ts.FunctionLikeDeclaration} node
 * @returns {string}
 */
function functionName(node) {
  const own = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
  if (ts.isConstructorDeclaration(node)) return `${className(node)}constructor`;
  if (ts.isMethodDeclaration(node) || ts.isAccessor(node)) {
    return `${className(node)}${node.name.getText()}`;
  }
  if (own) return own;
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    parent.name
  ) {
    return parent.name.getText();
  }
  if (
    (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
    parent.arguments?.includes(node)
  ) {
    const callee = parent.expression.getText().slice(0, 40);
    return `(callback of ${ts.isNewExpression(parent) ? 'new ' : ''}${callee})`;
  }
  return '(anonymous function)';
}

/** @param {ts.Node} node */
function className(node) {
  const parent = node.parent;
  return ts.isClassLike(parent) && parent.name ? `${parent.name.text}.` : '';
}

/**
 * Whether a comment right before the function explains it: the comments that lead the function
 * itself and each node it starts or is declared in, up to its statement or class member (so a
 * comment above `export const f = () => {…}` counts), TSDoc included.
 *
 * @param {ts.Node} node
 * @param {string} text
 * @returns {boolean}
 */
function explained(node, text) {
  for (let at = node; at && !ts.isSourceFile(at); at = at.parent) {
    const ranges = ts.getLeadingCommentRanges(text, at.getFullStart()) ?? [];
    for (const range of ranges) {
      const comment = text.slice(range.pos, range.end);
      if (comment.split('\n').some((line) => WHY_LINE.test(line))) return true;
    }
    if (ts.isStatement(at) || ts.isClassElement(at)) break;
  }
  return false;
}
