import type { FixedFormat } from '@latentkit/quantize';

/** The stream interface of a generated core (see `generateMlp` / `generateVae`). */
export interface DesignInterface {
  /** Input codes per vector (beats of `in_data`). */
  inputCount: number;
  /** Format of the input codes (`in_data` is `inputFormat.width` bits). */
  inputFormat: FixedFormat;
  /** Output codes per vector (beats of `out_data`, `out_last` on the last). */
  outputCount: number;
  /** Format of the output codes. */
  outputFormat: FixedFormat;
  /** Whether the core has a `sample` input (VAE: 1 = z = μ + σ·ε, 0 = z = μ). */
  hasSample: boolean;
}

/** Per-layer summary of a design. */
export interface LayerSummary {
  /** Module name. */
  module: string;
  /** Layer name in the model. */
  layer: string;
  /** Input and output widths. */
  inFeatures: number;
  /** Output neurons. */
  outFeatures: number;
  /** MAC lanes (multipliers). */
  lanes: number;
  /** Activation unit kind. */
  unit: string;
  /** Modelled compute cycles per vector (see `LayerModule.computeCycles`). */
  computeCycles: number;
}

/**
 * A generated design: plain strings, nothing written anywhere (browser-safe). Write `files` into
 * one folder (Verilog sources and the `$readmemh` hex files side by side; the hex files are read
 * relative to the simulator's or synthesizer's working directory).
 */
export interface VerilogDesign {
  /** Top module name (a sanitized identifier). */
  top: string;
  /** Every file: `.v` sources, `.hex` ROM images, optionally `.xdc` / testbenches. */
  files: Record<string, string>;
  /** The `.v` files to compile, in a valid order. */
  sources: string[];
  /** The stream interface of the core. */
  io: DesignInterface;
  /** Layers, encoder first. */
  layers: LayerSummary[];
}
