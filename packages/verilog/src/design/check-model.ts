import { type QuantizedMlp, validateQuantizedMlp } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { SUPPORTED_UNIT_KINDS } from '../units/activation-module.js';

function unitKinds(unit: unknown): string[] {
  const kind = String((unit as { kind?: unknown } | null)?.kind);
  if (kind === 'tanhViaSigmoid')
    return [kind, ...unitKinds((unit as { sigmoid?: unknown }).sigmoid)];
  return [kind];
}

/**
 * Checks that the generator can build `q`: every activation unit (and a tanh's inner sigmoid)
 * has a circuit, then the model itself is valid (`validateQuantizedMlp`).
 *
 * @param what - Name used in messages (`'encoder'`, `'decoder'`, `'model'`).
 * @throws {@link VerilogError} (`unsupported-unit`) naming the layer and unit; (`bad-model`) for a
 *   model that is not a quantized MLP; the `QuantizationError`s of `validateQuantizedMlp`.
 */
export function checkModelForVerilog(q: QuantizedMlp, what = 'model'): void {
  if (!q || !Array.isArray(q.layers) || q.layers.length === 0) {
    throw new VerilogError('bad-model', `${what}: not a quantized MLP with at least one layer`);
  }
  q.layers.forEach((layer, i) => {
    for (const kind of unitKinds(layer?.activation)) {
      if (!(SUPPORTED_UNIT_KINDS as readonly string[]).includes(kind)) {
        throw new VerilogError(
          'unsupported-unit',
          `${what} layer ${i} ('${String(layer?.name)}'): no circuit for activation unit '${kind}'; ` +
            `supported: ${SUPPORTED_UNIT_KINDS.join(', ')}`,
        );
      }
    }
  });
  validateQuantizedMlp(q);
}
