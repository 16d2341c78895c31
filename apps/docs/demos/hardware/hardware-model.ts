import {
  defaultSigmoid,
  type FloatVae,
  fixedFormat,
  type QuantizationReport,
  type QuantizedVae,
  quantizationReport,
  quantize,
  quantizeVae,
  type SigmoidCandidate,
  sigmoidCandidates,
} from '@latentkit/quantize';
import {
  generateVae,
  nexysTop,
  type VerilogDesign,
  vaeVectors,
  verilogTestbench,
} from '@latentkit/verilog';
import { IRIS_VERILOG_NAME, type IrisRows } from './iris-setup.js';

/** Bit widths the demo offers. */
export const BIT_CHOICES: readonly number[] = [4, 5, 6, 7, 8, 10, 12, 14, 16];

/**
 * Reconstruction error of the float model and of its quantized versions at every width of
 * `bits` on the 30 test rows (`quantizationReport`, calibration on the 120 training rows).
 */
export function reconstructionErrors(
  vae: FloatVae,
  rows: IrisRows,
  bits: readonly number[] = BIT_CHOICES,
): QuantizationReport {
  return quantizationReport(vae, { data: rows.test, calibration: rows.train, bits: [...bits] });
}

/**
 * The sigmoid units the hardware could use for a `bits`-wide datapath — input s`bits`.`bits − 4`
 * (range ±8), output s`bits`.`bits − 2` — with their measured max and mean |error| against the
 * exact sigmoid over every input code (`sigmoidCandidates`), and the one `defaultSigmoid` picks
 * (most accurate within 1024 ROM entries and 1 multiplier). Shown: PLAN, the 5th-order Taylor
 * series, and plain / interpolated LUTs with 4, 6, 8 and 10 address bits.
 *
 * @throws {RangeError} for bits outside 4–24.
 */
export function sigmoidTable(bits: number): { rows: SigmoidCandidate[]; chosen: string } {
  if (!Number.isInteger(bits) || bits < 4 || bits > 24)
    throw new RangeError(`bits ${bits} outside 4–24`);
  const inF = fixedFormat(bits, bits - 4);
  const outF = fixedFormat(bits, bits - 2);
  const wanted = new Set([
    'plan',
    'taylor5',
    'lut4',
    'lut6',
    'lut8',
    'lut10',
    'lut4+interp',
    'lut6+interp',
    'lut8+interp',
    'lut10+interp',
  ]);
  const chosen = defaultSigmoid(inF, outF).label;
  const rows = sigmoidCandidates(inF, outF).filter(
    (c) => wanted.has(c.label) || c.label === chosen,
  );
  return { rows, chosen };
}

/** The quantized Iris VAE at one width (same options as the pretraining script's synthesis). */
export function quantizeIris(vae: FloatVae, rows: IrisRows, bits: number): QuantizedVae {
  return quantizeVae(vae, { calibration: rows.train, bits });
}

/** Everything the Verilog download holds. */
export interface IrisDesignFiles {
  /** File name → contents: core and board `.v`, ROM `.hex`, `.xdc`, testbench and its vectors. */
  files: Record<string, string>;
  /** The core design (layers, interface). */
  core: VerilogDesign;
  /** Name of the board top module. */
  boardTop: string;
  /** Name of the testbench top module. */
  testbenchTop: string;
}

/**
 * Generates the Verilog of the quantized Iris VAE in the page (`@latentkit/verilog`, browser
 * entry): the core, the Nexys4 DDR UART top and XDC, and a self-checking testbench whose
 * expected outputs come from the bit-exact golden model on the 30 test rows (z = μ).
 */
export function irisDesign(q: QuantizedVae, rows: IrisRows): IrisDesignFiles {
  const core = generateVae(q, { name: IRIS_VERILOG_NAME });
  const board = nexysTop(core);
  const fmt = q.encoder.layers[0]!.input;
  const inputs: number[][] = [];
  for (let r = 0; r * 4 < rows.test.length; r++) {
    inputs.push(Array.from(rows.test.subarray(r * 4, r * 4 + 4), (x) => quantize(x, fmt)));
  }
  const bench = verilogTestbench(core, vaeVectors(q, inputs, { sample: false }));
  return {
    files: { ...core.files, ...board.files, ...bench.files },
    core,
    boardTop: board.top,
    testbenchTop: bench.top,
  };
}
