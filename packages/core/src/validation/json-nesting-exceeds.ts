/**
 * Where a JSON text first nests deeper than `maxDepth` arrays and objects (brackets
 * inside strings do not count), or `-1` if it never does. One pass, no allocation: run it before
 * `JSON.parse`, which turns a few megabytes of `[[[[…` into hundreds of megabytes of nested arrays
 * and seconds of work.
 *
 * @param text - The text about to be parsed (valid JSON or not).
 * @param maxDepth - The deepest nesting allowed.
 * @returns The index of the first bracket nested deeper than `maxDepth`, or `-1`.
 *
 * @example
 * ```ts
 * jsonNestingExceeds('[[[1]]]', 2); // 2: the third `[`
 * jsonNestingExceeds('{"a":"[[["}', 1); // -1: brackets in strings do not count
 * ```
 */
export function jsonNestingExceeds(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}
