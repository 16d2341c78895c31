/** @internal What {@link scanJsonKeys} finds. */
export interface JsonKeyScan {
  /** Keys of the outermost object, in text order (JSON.parse's objects reorder integer-like keys). */
  topLevelKeys: string[];
  /** The first key repeated within one object, at any depth, if any. */
  duplicate: string | undefined;
}

interface Frame {
  isObject: boolean;
  expectKey: boolean;
  keys: Set<string>;
}

/**
 * @internal Lists the outermost object's keys in order and finds repeated keys in any object of a
 * JSON text that `JSON.parse` has already accepted. `JSON.parse` silently keeps the last of
 * repeated keys; safetensors' reference reader refuses them, and so does latentkit.
 *
 * Iterative (explicit stack), linear time, so deeply nested or huge headers cannot overflow the
 * call stack.
 *
 * @param text - Valid JSON.
 */
export function scanJsonKeys(text: string): JsonKeyScan {
  const stack: Frame[] = [];
  const topLevelKeys: string[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its closing quote (skipping escaped characters).
      const start = i;
      i++;
      while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (frame?.isObject && frame.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (frame.keys.has(key)) return { topLevelKeys, duplicate: key };
        frame.keys.add(key);
        frame.expectKey = false;
        if (stack.length === 1) topLevelKeys.push(key);
      }
    } else if (c === 0x7b || c === 0x5b) {
      stack.push({ isObject: c === 0x7b, expectKey: c === 0x7b, keys: new Set() });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const frame = stack[stack.length - 1];
      if (frame?.isObject) frame.expectKey = true;
    }
  }
  return { topLevelKeys, duplicate: undefined };
}
