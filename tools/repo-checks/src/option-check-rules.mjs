// The rule for options objects: every exported function, method or class constructor of a
// package's public entries that takes an options object (a parameter named `options` or `opts`,
// or typed `…Options` / `…Config`, whose type is a plain object type) refuses unknown keys — it
// calls core's `requireKnownOptions` on that parameter, itself or through a function it passes
// the parameter to (a wrapper such as verilog's `checkDesignOptions`). The TypeScript compiler's
// type checker resolves the exports and the calls. A function that reads a few keys of a bigger
// options object (`seedOption`), or whose `…Config` is model data rather than options, says so in
// a comment right before it: `// unchecked options: <reason>`.
import ts from 'typescript';

/** The one shared checker. */
const CHECKER = 'requireKnownOptions';
/** Parameter names that always mean an options object. */
const OPTION_NAMES = new Set(['options', 'opts']);
/** Type names that mean an options object. */
const OPTION_TYPE = /(Options|Config)$/;
/** The comment line that exempts a function: `// unchecked options: <reason>`. */
const WHY_LINE = /^\s*\/\/\s*unchecked options:\s*\S/;
/** How deep calls are followed from a public function to the check. */
const MAX_DEPTH = 4;

/**
 * The public functions that take an options object and do not refuse unknown keys.
 *
 * @param {ts.Program} program A program whose root files include `entries`.
 * @param {string[]} entries Absolute paths of the public entry files.
 * @param {(fileName: string) => boolean} isOwnSource Whether a file is package source (not a
 *   declaration file, not a dependency): only functions declared there are checked or followed.
 * @returns {{ name: string, file: string, line: number, param: string }[]} Sorted by file, line.
 */
export function uncheckedOptionFunctions(program, entries, isOwnSource) {
  const checker = program.getTypeChecker();
  /** @type {Map<ts.Node, string>} */
  const publicFunctions = new Map();
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${entry} is not a module in the program`);
    for (let symbol of checker.getExportsOfModule(moduleSymbol)) {
      if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol.declarations ?? []) {
        if (!isOwnSource(declaration.getSourceFile().fileName)) continue;
        for (const [node, name] of functionsOf(declaration)) publicFunctions.set(node, name);
      }
    }
  }
  const follow = new CallFollower(checker, isOwnSource, new Set(publicFunctions.keys()));
  /** @type {{ name: string, file: string, line: number, param: string }[]} */
  const found = [];
  for (const [node, name] of publicFunctions) {
    if (exempted(node)) continue;
    node.parameters.forEach((param, index) => {
      if (!isOptionsParameter(param, checker)) return;
      if (ts.isIdentifier(param.name) && follow.validates(node, index, 0)) return;
      const source = node.getSourceFile();
      found.push({
        name,
        file: source.fileName,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        param: param.name.getText(source),
      });
    });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * The function bodies an exported declaration stands for: a function, a `const` holding a
 * function, or a class's constructor and public methods.
 *
 * @param {ts.Declaration} declaration
 * @returns {[ts.FunctionLikeDeclaration, string][]}
 */
function functionsOf(declaration) {
  if (ts.isFunctionDeclaration(declaration) && declaration.body && declaration.name) {
    return [[declaration, declaration.name.text]];
  }
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    const init = declaration.initializer && skipOuter(declaration.initializer);
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
      return [[init, declaration.name.text]];
    }
    return [];
  }
  if (ts.isClassDeclaration(declaration) && declaration.name) {
    const className = declaration.name.text;
    /** @type {[ts.FunctionLikeDeclaration, string][]} */
    const members = [];
    for (const member of declaration.members) {
      if (!member.body || isHidden(member)) continue;
      if (ts.isConstructorDeclaration(member)) members.push([member, `new ${className}`]);
      else if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name)) {
        members.push([member, `${className}.${member.name.text}`]);
      }
    }
    return members;
  }
  return [];
}

/**
 * Whether a `// unchecked options: <reason>` comment leads the function, its TSDoc or the
 * statement or class member it is declared in.
 *
 * @param {ts.Node} node
 */
export function exempted(node) {
  const text = node.getSourceFile().text;
  for (let at = node; at && !ts.isSourceFile(at); at = at.parent) {
    for (const range of ts.getLeadingCommentRanges(text, at.getFullStart()) ?? []) {
      const comment = text.slice(range.pos, range.end);
      if (comment.split('\n').some((line) => WHY_LINE.test(line))) return true;
    }
    if (ts.isStatement(at) || ts.isClassElement(at)) break;
  }
  return false;
}

/** @param {ts.ClassElement} member */
function isHidden(member) {
  const flags = ts.getCombinedModifierFlags(/** @type {ts.Declaration} */ (member));
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return true;
  return member.name !== undefined && ts.isPrivateIdentifier(member.name);
}

/**
 * Whether a parameter is an options object: named `options`/`opts` or typed with a name ending
 * in `Options`/`Config`, and of a plain object type (some member of its union is an object with
 * properties, not a function, array or class instance; an intersection with one counts).
 *
 * @param {ts.ParameterDeclaration} param
 * @param {ts.TypeChecker} checker
 */
export function isOptionsParameter(param, checker) {
  const named = ts.isIdentifier(param.name) && OPTION_NAMES.has(param.name.text);
  if (!named && !(param.type && namesOptionType(param.type))) return false;
  const type = checker.getTypeAtLocation(param);
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => isPlainObjectType(member, checker));
}

/** @param {ts.TypeNode} node */
function namesOptionType(node) {
  let named = false;
  /** @param {ts.Node} at */
  const visit = (at) => {
    if (ts.isTypeReferenceNode(at) && OPTION_TYPE.test(at.typeName.getText())) named = true;
    // A function type's parameters (a callback's options) are not this parameter's type.
    if (!ts.isFunctionTypeNode(at)) ts.forEachChild(at, visit);
  };
  visit(node);
  return named;
}

/**
 * @param {ts.Type} type
 * @param {ts.TypeChecker} checker
 */
function isPlainObjectType(type, checker) {
  if (type.isIntersection()) return type.types.some((part) => isPlainObjectType(part, checker));
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  if (checker.isArrayLikeType(type)) return false;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
  const declarations = type.getSymbol()?.declarations ?? [];
  if (declarations.some((d) => ts.isClassDeclaration(d) || ts.isClassExpression(d))) return false;
  return type.getProperties().length > 0;
}

/** Follows calls from a function to the checker, remembering each answer. */
class CallFollower {
  /**
   * @param {ts.TypeChecker} checker
   * @param {(fileName: string) => boolean} isOwnSource
   * @param {Set<ts.Node>} publicFunctions
   */
  constructor(checker, isOwnSource, publicFunctions) {
    this.checker = checker;
    this.isOwnSource = isOwnSource;
    this.publicFunctions = publicFunctions;
    /** @type {Map<ts.Node, Map<number, boolean>>} */
    this.memo = new Map();
  }

  /**
   * Whether `fn` passes its parameter `index` to `requireKnownOptions`, itself or through calls.
   * A call to another public function counts only when its parameter type has every key of
   * `fn`'s: it checks its own keys, so passing it a bigger options object would refuse valid
   * keys, not check them. (Internal helpers may take a wider key list, e.g. an `extra` argument.)
   *
   * @param {ts.FunctionLikeDeclaration} fn
   * @param {number} index
   * @param {number} depth
   * @returns {boolean}
   */
  validates(fn, index, depth) {
    const param = fn.parameters[index];
    if (!fn.body || !param || !ts.isIdentifier(param.name) || depth > MAX_DEPTH) return false;
    let known = this.memo.get(fn);
    if (!known) {
      known = new Map();
      this.memo.set(fn, known);
    }
    const cached = known.get(index);
    if (cached !== undefined) return cached;
    known.set(index, false); // a cycle answers no
    const names = aliasesOf(fn.body, param.name.text);
    const keys = this.keysOf(param);
    let result = false;
    /** @param {ts.Node} node */
    const visit = (node) => {
      if (result) return;
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        result = this.callValidates(node, names, keys, depth);
        if (result) return;
      }
      ts.forEachChild(node, visit);
    };
    visit(fn.body);
    known.set(index, result);
    return result;
  }

  /**
   * @param {ts.CallExpression | ts.NewExpression} call
   * @param {Set<string>} names
   * @param {string[]} keys The option keys of the parameter passed.
   * @param {number} depth
   */
  callValidates(call, names, keys, depth) {
    const args = call.arguments ?? [];
    const passed = args.flatMap((arg, i) => (refersTo(arg, names) ? [i] : []));
    if (passed.length === 0) return false;
    if (calleeName(call) === CHECKER) return passed.includes(0);
    const target = this.targetOf(call);
    return (
      target !== undefined &&
      passed.some((i) => {
        const param = target.parameters[i];
        if (!param) return false;
        if (this.publicFunctions.has(target)) {
          const accepted = new Set(this.keysOf(param));
          if (!keys.every((key) => accepted.has(key))) return false;
        }
        return this.validates(target, i, depth + 1);
      })
    );
  }

  /**
   * The property names of a parameter's object type (of each object member of a union).
   *
   * @param {ts.ParameterDeclaration} param
   * @returns {string[]}
   */
  keysOf(param) {
    const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(param));
    const members = type.isUnion() ? type.types : [type];
    return members
      .filter((member) => member.isIntersection() || member.flags & ts.TypeFlags.Object)
      .flatMap((member) => member.getProperties().map((property) => property.name));
  }

  /**
   * The declaration with a body that a call runs, when it is package source.
   *
   * @param {ts.CallExpression | ts.NewExpression} call
   * @returns {ts.FunctionLikeDeclaration | undefined}
   */
  targetOf(call) {
    const signature = this.checker.getResolvedSignature(call);
    let declaration = signature?.getDeclaration();
    if (!declaration) return undefined;
    if (!this.isOwnSource(declaration.getSourceFile().fileName)) return undefined;
    if (!('body' in declaration) || !declaration.body) {
      // An overload signature: the implementation is the last declaration with a body.
      const symbol = declaration.name && this.checker.getSymbolAtLocation(declaration.name);
      declaration = symbol?.declarations?.find(
        (d) => ts.isFunctionLike(d) && 'body' in d && d.body,
      );
    }
    return declaration &&
      ts.isFunctionLike(declaration) &&
      'body' in declaration &&
      declaration.body
      ? /** @type {ts.FunctionLikeDeclaration} */ (declaration)
      : undefined;
  }
}

/**
 * The parameter's name and the local constants that hold it unchanged (`const o = options ?? {}`).
 *
 * @param {ts.Node} body
 * @param {string} name
 */
function aliasesOf(body, name) {
  const names = new Set([name]);
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      refersTo(node.initializer, names)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

/**
 * Whether an expression is one of `names`, maybe parenthesized, cast or defaulted (`?? {}`).
 *
 * @param {ts.Expression} expression
 * @param {Set<string>} names
 */
function refersTo(expression, names) {
  const e = skipOuter(expression);
  if (ts.isIdentifier(e)) return names.has(e.text);
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return refersTo(e.left, names);
  }
  return false;
}

/** @param {ts.Expression} expression */
function skipOuter(expression) {
  let e = expression;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** @param {ts.CallExpression | ts.NewExpression} call */
function calleeName(call) {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}
