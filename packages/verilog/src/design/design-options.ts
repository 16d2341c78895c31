import { requireKnownOptions } from '@latentkit/core';
import { VerilogError } from '../errors/verilog-error.js';

/** Options shared by `generateMlp` and `generateVae`. */
export interface DesignOptions {
  /** Top module name (sanitized; layer modules are prefixed with it). Default `'lk_mlp'` / `'lk_vae'`. */
  name?: string;
  /**
   * MAC lanes per layer: one number for every layer, an array by layer index (encoder layers
   * first, then decoder layers for a VAE), or a function of the layer. Each value is clamped to
   * the layer's `outFeatures`. Default 1 (one DSP48E1 per layer, a time-multiplexed neuron loop).
   */
  lanes?:
    | number
    | readonly number[]
    | ((layer: { name: string; index: number; outFeatures: number }) => number);
  /** `rom_style` of the weight ROMs. Default `'block'`. */
  romStyle?: 'block' | 'distributed' | 'auto';
  /**
   * `rom_style` of the bias ROMs (one word per neuron group of a layer). Default: `'distributed'`
   * for bias ROMs of ≤ 64 words — a LUT6 is a 64 × 1 ROM, so they cost one LUT per bit instead of
   * a RAMB18 each — else `romStyle`.
   */
  biasRomStyle?: 'block' | 'distributed' | 'auto';
  /** `rom_style` of activation and σ lookup tables. Default `'block'`. */
  lutRomStyle?: 'block' | 'distributed' | 'auto';
  /**
   * Overlap each layer's post-processing (requantize → activation unit → requantize, one neuron
   * per clock) with the MAC of its next neuron group (see `LayerModuleOptions.pipelinePost`).
   * Same output codes, fewer cycles. Default `false`.
   */
  pipelinePost?: boolean;
  /**
   * Clock the design is built for, MHz (a positive number). Above 50 MHz every lookup-table unit,
   * the σ·ε product of the reparameterization and the layers' post-processing are fully
   * pipelined, so no register-to-register path has more than 6.5 ns of logic (Yosys `sta` on the
   * 7-series cell delays; routing takes the rest of a 10 ns period); at 50 MHz or less the short
   * forms are built: fewer cycles per vector, paths up to ~10 ns. Same output codes either way.
   * Default 100 (the Nexys4 DDR's clock).
   */
  targetClockMHz?: number;
}

const DESIGN_OPTION_KEYS = [
  'name',
  'lanes',
  'romStyle',
  'biasRomStyle',
  'lutRomStyle',
  'pipelinePost',
  'targetClockMHz',
] as const;
const ROM_STYLES: readonly string[] = ['block', 'distributed', 'auto'];

/**
 * Checks a {@link DesignOptions} object: no unknown keys (a typo such as `lane` is refused, not
 * ignored) and ROM styles from the allowed set (they are written into `(* rom_style *)`
 * attributes).
 *
 * @param options - The options as given.
 * @param where - The generator's name, for messages.
 * @throws `UnknownOptionError` for an unknown key; {@link VerilogError} (`bad-option`) for a ROM
 *   style outside `'block' | 'distributed' | 'auto'`, a `pipelinePost` that is not a boolean or
 *   a `targetClockMHz` that is not a positive number.
 */
export function checkDesignOptions(options: DesignOptions, where: string): void {
  requireKnownOptions(options, DESIGN_OPTION_KEYS, `${where} options`);
  for (const key of ['romStyle', 'biasRomStyle', 'lutRomStyle'] as const) {
    const style = options[key];
    if (style !== undefined && !ROM_STYLES.includes(style)) {
      throw new VerilogError(
        'bad-option',
        `${key} must be one of ${ROM_STYLES.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(style)}`,
      );
    }
  }
  if (options.pipelinePost !== undefined && typeof options.pipelinePost !== 'boolean') {
    throw new VerilogError('bad-option', 'pipelinePost must be a boolean');
  }
  const mhz = options.targetClockMHz;
  if (mhz !== undefined && !(typeof mhz === 'number' && Number.isFinite(mhz) && mhz > 0)) {
    throw new VerilogError(
      'bad-option',
      `targetClockMHz must be a positive number, got ${JSON.stringify(mhz)}`,
    );
  }
}

// unchecked options: reads `lanes` of options already checked by checkDesignOptions.
/**
 * The lane count of layer `index`, from {@link DesignOptions.lanes}.
 *
 * @throws {@link VerilogError} (`bad-option`) for a non-positive or non-integer value.
 */
export function lanesFor(
  options: DesignOptions,
  layer: { name: string; index: number; outFeatures: number },
): number {
  const l = options.lanes;
  const v =
    typeof l === 'function' ? l(layer) : Array.isArray(l) ? (l[layer.index] ?? 1) : (l ?? 1);
  if (!Number.isInteger(v) || (v as number) < 1) {
    throw new VerilogError(
      'bad-option',
      `lanes of layer '${layer.name}' must be a positive integer, got ${String(v)}`,
    );
  }
  return Math.min(v as number, layer.outFeatures);
}
