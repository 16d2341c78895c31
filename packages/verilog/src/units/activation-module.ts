import { requireKnownOptions } from '@latentkit/core';
import type { ActivationUnit, FixedFormat, RoundingMode, SigmoidUnit } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { checkIdentifier } from '../hdl/identifier.js';
import { type LutModuleOptions, lutModule } from './lut-module.js';
import { planModule } from './plan-module.js';
import { identityOrReluModule, leakyReluModule } from './simple-units.js';
import { tanhModule } from './tanh-module.js';
import { taylorModule } from './taylor-module.js';
import type { UnitModule } from './unit-module.js';

/** Activation unit kinds the generator has circuits for. */
export const SUPPORTED_UNIT_KINDS = [
  'identity',
  'relu',
  'leakyRelu',
  'sigmoidPlan',
  'sigmoidTaylor',
  'lut',
  'tanhViaSigmoid',
] as const;

function sigmoidModule(
  name: string,
  unit: SigmoidUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
  options: LutModuleOptions = {},
): UnitModule {
  switch (unit.kind) {
    case 'sigmoidPlan':
      return planModule(name, inFormat, outFormat, rounding);
    case 'sigmoidTaylor':
      return taylorModule(name, unit.guardBits, inFormat, outFormat, rounding);
    case 'lut':
      return lutModule(name, unit, inFormat, outFormat, rounding, options);
    default:
      throw new VerilogError(
        'unsupported-unit',
        `${name}: no circuit for sigmoid unit '${String((unit as { kind?: unknown }).kind)}'`,
      );
  }
}

/**
 * The Verilog module of an activation unit of `@latentkit/quantize` (see {@link UnitModule} for
 * the ports): identity, ReLU, leaky ReLU, PLAN / Taylor / LUT sigmoid, tanh via sigmoid, each
 * bit-exact with `activationCode`.
 *
 * @param name - Module name, also the prefix of its ROM file (a simple identifier, checked).
 * @throws {@link VerilogError} (`bad-option`) for a `name` that is not a simple identifier or a
 *   ROM style outside the allowed set; (`unsupported-unit`) for any other unit kind, or a unit whose
 *   format constraints its circuit cannot meet; (`unsupported-width`) for internal wires beyond
 *   the supported width.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function activationModule(
  name: string,
  unit: ActivationUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
  options: LutModuleOptions = {},
): UnitModule {
  requireKnownOptions(options, ['romStyle', 'targetClockMHz'], 'activationModule options');
  checkIdentifier(name, 'activationModule name');
  const kind = (unit as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'identity':
    case 'relu':
      return identityOrReluModule(name, kind, inFormat, outFormat, rounding);
    case 'leakyRelu':
      return leakyReluModule(
        name,
        unit as Extract<ActivationUnit, { kind: 'leakyRelu' }>,
        inFormat,
        outFormat,
        rounding,
      );
    case 'sigmoidPlan':
    case 'sigmoidTaylor':
    case 'lut':
      return sigmoidModule(name, unit as SigmoidUnit, inFormat, outFormat, rounding, options);
    case 'tanhViaSigmoid': {
      const inner = (unit as Extract<ActivationUnit, { kind: 'tanhViaSigmoid' }>).sigmoid;
      return tanhModule(name, inner, inFormat, outFormat, rounding, (n, u, i, o, r) =>
        sigmoidModule(n, u, i, o, r, options),
      );
    }
    default:
      throw new VerilogError(
        'unsupported-unit',
        `${name}: no circuit for activation unit '${String(kind)}'; supported: ${SUPPORTED_UNIT_KINDS.join(', ')}`,
      );
  }
}
