import { quoteForMessage } from '@latentkit/core';
import { QuantizationError } from '../errors/quantization-error.js';

/** Longest layer name accepted by {@link checkLayerName}. */
export const LAYER_NAME_MAX_LENGTH = 64;

/**
 * The layer-name rule as a regular expression: 1–{@link LAYER_NAME_MAX_LENGTH} characters from
 * `[A-Za-z0-9_.-]`, the first one a letter, a digit or `_`.
 *
 * Layer names reach generated text (Verilog comments and, sanitized, module names and file
 * names; XDC, Tcl and C++ testbenches through them), so the rule admits nothing that any of those
 * languages, a shell or a file system gives a meaning to: no whitespace or control characters, no
 * quotes, backslashes, backticks, brackets, braces, `$`, `;`, `#`, `/` or `*`. PyTorch-style names
 * (`encoder.0.weight`, `decoder.fc1`, `0` of an `nn.Sequential`) stay valid; a leading `.` or `-`
 * (a hidden file, `..`, something a tool reads as an option) does not.
 */
export const LAYER_NAME_PATTERN: RegExp = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/** The rule of {@link LAYER_NAME_PATTERN} in words, as error messages state it. */
export const LAYER_NAME_RULE =
  `1–${LAYER_NAME_MAX_LENGTH} characters from [A-Za-z0-9_.-], ` +
  'starting with a letter, a digit or an underscore';

/** Whether `name` satisfies the layer-name rule ({@link LAYER_NAME_PATTERN}). */
export function isLayerName(name: unknown): name is string {
  return typeof name === 'string' && LAYER_NAME_PATTERN.test(name);
}

/**
 * Checks a layer (or model) name against the one layer-name rule ({@link LAYER_NAME_PATTERN}),
 * which every name reaching a quantized model — and so generated RTL, constraints and
 * testbenches — satisfies. The message names the place, shows the name escaped (printable ASCII,
 * so it cannot break a log line) and states the rule.
 *
 * @param name - The name to check.
 * @param where - Where it sits, for the message, e.g. `'layers[2].name'`.
 * @returns `name`, narrowed to a string.
 * @throws {@link QuantizationError} (`bad-name`) if `name` is not a string satisfying the rule.
 *
 * @example
 * ```ts
 * checkLayerName('encoder.fc1', 'layers[0].name'); // 'encoder.fc1'
 * checkLayerName('fc1\n`define X', 'layers[0].name'); // throws QuantizationError
 * ```
 */
export function checkLayerName(name: unknown, where: string): string {
  if (!isLayerName(name)) {
    throw new QuantizationError(
      'bad-name',
      `${where} ${quoteForMessage(name)} is not a valid layer name: ${LAYER_NAME_RULE}`,
    );
  }
  return name;
}
