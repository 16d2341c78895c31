import type { QuantizedLayer } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { lutMlp } from '../../test/rom-check.testutil.js';
import { layerModule } from './layer-module.js';
import { DISTRIBUTED_BIAS_MAX_WORDS, defaultBiasRomStyle, layerRoms } from './layer-roms.js';

const layer = {
  inFeatures: 2,
  outFeatures: 3,
  // w[i][j] = 10·i + j
  weights: [0, 1, 2, 10, 11, 12],
  biases: [100, 101, 102],
} as unknown as QuantizedLayer;

describe('layerRoms', () => {
  it('puts neuron g·lanes + p into lane p at addresses g·in + i, zero-padding the last group', () => {
    const r = layerRoms(layer, 2);
    expect(r.groups).toBe(2);
    expect(r.weights[0]).toEqual([0, 10, 2, 12]);
    expect(r.weights[1]).toEqual([1, 11, 0, 0]);
    expect(r.biases).toEqual([
      [100, 102],
      [101, 0],
    ]);
  });

  it('one lane holds the transposed matrix', () => {
    const r = layerRoms(layer, 1);
    expect(r.weights[0]).toEqual([0, 10, 1, 11, 2, 12]);
  });
});

describe('defaultBiasRomStyle', () => {
  it('makes bias ROMs of up to 64 words distributed, larger ones follow the weight ROMs', () => {
    expect(DISTRIBUTED_BIAS_MAX_WORDS).toBe(64);
    expect(defaultBiasRomStyle(16)).toBe('distributed');
    expect(defaultBiasRomStyle(64, 'block')).toBe('distributed');
    expect(defaultBiasRomStyle(65)).toBe('block');
    expect(defaultBiasRomStyle(65, 'auto')).toBe('auto');
  });

  it('is what layerModule writes unless biasRomStyle is given', () => {
    const l = lutMlp().layers[0]!; // 5 neurons: 5 bias words on one lane
    const bias = (o: Parameters<typeof layerModule>[2]) => {
      const m =
        /(?:\(\* rom_style = "(\w+)" \*\)\s*`endif\s*|\(\* rom_style = "(\w+)" \*\) )?reg \[\d+:0\] brom_0/.exec(
          layerModule('m', l, o).text,
        );
      return m?.[1] ?? m?.[2];
    };
    expect(bias({})).toBe('distributed');
    expect(bias({ romStyle: 'block' })).toBe('distributed');
    expect(bias({ biasRomStyle: 'block' })).toBe('block');
    expect(bias({ biasRomStyle: 'auto' })).toBeUndefined();
    // Yosys cannot map a ROM onto LUTRAM: it gets "logic" (the same LUTs) under `YOSYS.
    expect(layerModule('m', l).text).toContain(
      '`ifdef YOSYS\n  (* rom_style = "logic" *)\n  `else\n  (* rom_style = "distributed" *)\n  `endif\n  reg [',
    );
    // The weight ROM keeps its block style.
    expect(layerModule('m', l).text).toMatch(/rom_style = "block" \*\) reg \[\d+:0\] wrom_0/);
  });
});
