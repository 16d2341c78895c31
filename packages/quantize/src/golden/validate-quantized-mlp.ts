import { jsonNestingExceeds } from '@latentkit/core';
import { checkActivationUnit } from '../activations/activation-unit.js';
import { QuantizationError } from '../errors/quantization-error.js';
import {
  checkFormat,
  formatsEqual,
  formatToString,
  isCodeInFormat,
  maxCode,
} from '../fixed/fixed-format.js';
import { checkOverflowMode, checkRoundingMode } from '../fixed/rounding.js';
import { checkLayerName } from '../names/layer-name.js';
import { accumulatorBound } from './accumulator-bound.js';
import { QUANTIZED_MLP_FORMAT, type QuantizedLayer, type QuantizedMlp } from './quantized-mlp.js';

function checkCodes(codes: unknown, length: number, fmt: QuantizedLayer['input'], what: string) {
  if (!Array.isArray(codes) || codes.length !== length) {
    throw new QuantizationError('inconsistent-model', `${what}: expected ${length} codes`);
  }
  for (let i = 0; i < codes.length; i++) {
    if (!isCodeInFormat(codes[i], fmt)) {
      throw new QuantizationError(
        'bad-code',
        `${what}[${i}] = ${String(codes[i])} is not a code of ${formatToString(fmt)}`,
      );
    }
  }
}

/**
 * Checks everything the golden model and the RTL rely on, so a hand-built or JSON-loaded model
 * fails early with a clear message: tag and version; per layer: a name satisfying the layer-name
 * rule (`checkLayerName`), positive sizes, valid formats,
 * code counts and ranges, `accumulator.frac = input.frac + weightFormat.frac`,
 * `biasFormat.frac ≤ accumulator.frac`, an accumulator wide enough for the proven bound
 * (`accumulatorBound`), a known activation unit fitting its formats, known rounding / overflow
 * modes, and `layers[i].input` equal to `layers[i−1].output`.
 *
 * @throws {@link QuantizationError} (`bad-name` for a layer name outside the rule, naming the
 *   layer index; `overflow` for a too-narrow accumulator; `bad-code`, `bad-width`,
 *   `unsupported-activation` or `inconsistent-model` otherwise);
 *   `UnknownOptionError` for an unknown rounding or overflow mode.
 *
 * @example
 * ```ts
 * import { validateQuantizedMlp } from '@latentkit/quantize';
 *
 * validateQuantizedMlp(q); // throws QuantizationError for, e.g., a weight code outside its format
 * ```
 */
export function validateQuantizedMlp(q: QuantizedMlp): void {
  if (!q || q.format !== QUANTIZED_MLP_FORMAT || q.version !== 1) {
    throw new QuantizationError(
      'inconsistent-model',
      `not a ${QUANTIZED_MLP_FORMAT} version 1 object`,
    );
  }
  if (!Array.isArray(q.layers) || q.layers.length === 0) {
    throw new QuantizationError('inconsistent-model', 'a quantized MLP needs at least one layer');
  }
  q.layers.forEach((l, k) => {
    if (l === null || typeof l !== 'object' || Array.isArray(l)) {
      throw new QuantizationError('inconsistent-model', `layers[${k}] must be a layer object`);
    }
    // Then the name: every message below quotes it, and generated text carries it.
    checkLayerName(l.name, `layers[${k}].name`);
    const name = `layers[${k}] (${l.name})`;
    if (
      !Number.isInteger(l.inFeatures) ||
      l.inFeatures < 1 ||
      !Number.isInteger(l.outFeatures) ||
      l.outFeatures < 1
    ) {
      throw new QuantizationError('inconsistent-model', `${name}: sizes must be positive integers`);
    }
    for (const key of [
      'input',
      'weightFormat',
      'biasFormat',
      'accumulator',
      'activationInput',
      'activationOutput',
      'output',
    ] as const) {
      checkFormat(l[key], `${name}.${key}`);
    }
    checkRoundingMode(l.rounding);
    checkOverflowMode(l.overflow);
    checkCodes(l.weights, l.inFeatures * l.outFeatures, l.weightFormat, `${name}.weights`);
    checkCodes(l.biases, l.outFeatures, l.biasFormat, `${name}.biases`);
    if (l.accumulator.frac !== l.input.frac + l.weightFormat.frac) {
      throw new QuantizationError(
        'inconsistent-model',
        `${name}: accumulator.frac must be input.frac + weightFormat.frac = ${l.input.frac + l.weightFormat.frac}`,
      );
    }
    const bound = accumulatorBound(l);
    if (bound > BigInt(maxCode(l.accumulator))) {
      throw new QuantizationError(
        'overflow',
        `${name}: accumulator ${formatToString(l.accumulator)} can overflow: sums reach ±${bound}, ` +
          `max code ${maxCode(l.accumulator)}`,
      );
    }
    checkActivationUnit(l.activation, l.activationInput, l.activationOutput, `${name}.activation`);
    if (k > 0 && !formatsEqual(q.layers[k - 1]!.output, l.input)) {
      throw new QuantizationError(
        'inconsistent-model',
        `${name}: input ${formatToString(l.input)} ≠ previous output ${formatToString(q.layers[k - 1]!.output)}`,
      );
    }
    if (k > 0 && q.layers[k - 1]!.outFeatures !== l.inFeatures) {
      throw new QuantizationError(
        'inconsistent-model',
        `${name}: inFeatures ≠ previous outFeatures`,
      );
    }
  });
}

/** Deepest nesting of a QuantizedMlp's JSON text: it needs 6 levels; more is refused unparsed. */
const MAX_JSON_DEPTH = 32;

function parseJsonText(text: string): unknown {
  const deep = jsonNestingExceeds(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    throw new QuantizationError(
      'inconsistent-model',
      `the JSON text nests deeper than ${MAX_JSON_DEPTH} levels (at character ${deep})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 120) : String(error);
    throw new QuantizationError('inconsistent-model', `not valid JSON (${detail})`);
  }
}

/**
 * Reads a {@link QuantizedMlp} from JSON text or a parsed object and validates it.
 *
 * @throws {@link QuantizationError} as {@link validateQuantizedMlp}, and (`inconsistent-model`)
 *   for text that is not JSON or nests deeper than 32 levels (checked before parsing).
 *
 * @example
 * ```ts
 * import { parseQuantizedMlp, runQuantizedMlp } from '@latentkit/quantize';
 *
 * const text = await (await fetch('/models/decoder.quantized.json')).text();
 * const q = parseQuantizedMlp(text); // JSON text, or the parsed object
 * runQuantizedMlp(q, input).output; // validated, ready to run
 * ```
 */
export function parseQuantizedMlp(json: string | unknown): QuantizedMlp {
  const q = (typeof json === 'string' ? parseJsonText(json) : json) as QuantizedMlp;
  validateQuantizedMlp(q);
  return q;
}
