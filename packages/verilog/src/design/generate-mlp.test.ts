import {
  fixedFormat,
  QuantizationError,
  type QuantizedMlp,
  quantizeMlp,
} from '@latentkit/quantize';
import { buildLutUnit } from '@latentkit/quantize/internal';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { fromHex } from '../hdl/hex.js';
import { generateMlp } from './generate-mlp.js';

function tinyModel(): QuantizedMlp {
  return quantizeMlp(
    {
      layers: [
        {
          inFeatures: 2,
          outFeatures: 3,
          weight: Float64Array.from([0.5, -0.25, 0.125, -1, 0.75, 0.3]),
          bias: Float64Array.from([0.1, -0.2, 0.05]),
          activation: 'relu',
          name: 'module',
        },
        {
          inFeatures: 3,
          outFeatures: 1,
          weight: Float64Array.from([1, -0.5, 0.25]),
          bias: Float64Array.from([0]),
          activation: 'sigmoid',
          name: '2nd.layer-out',
        },
      ],
    },
    { calibration: Float64Array.from([1, -1, 0.5, 0.25, -0.75, 0.9]), bits: 12 },
  );
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('generateMlp', () => {
  const q = tinyModel();
  const d = generateMlp(q, { name: 'my mlp!' });

  it('names every module with a sanitized identifier', () => {
    expect(d.top).toBe('my_mlp');
    const modules = [
      ...Object.values(d.files)
        .join('\n')
        .matchAll(/^module (\S+)/gm),
    ].map((m) => m[1]!);
    expect(modules).toContain('my_mlp_module');
    expect(modules).toContain('my_mlp_2nd_layer_out');
    for (const m of modules) expect(m).toMatch(IDENT);
    expect(new Set(modules).size).toBe(modules.length);
  });

  it('declares block-RAM ROMs read by $readmemh, one weight and one bias file per lane', () => {
    const src = d.files['my_mlp_module.v']!;
    expect(src).toContain('(* rom_style = "block" *) reg [11:0] wrom_0 [0:5];');
    expect(src).toContain('$readmemh("my_mlp_module_w0.hex", wrom_0);');
    expect(src).toContain('$readmemh("my_mlp_module_b0.hex", brom_0);');
    expect(d.sources.every((s) => d.files[s] !== undefined)).toBe(true);
  });

  it('writes the weight codes transposed (neuron-major), as two’s-complement words', () => {
    const w = d.files['my_mlp_module_w0.hex']!.split('\n')
      .filter((l) => /^[0-9a-f]+$/.test(l))
      .map((l) => fromHex(l, 12));
    const l0 = q.layers[0]!;
    const expected: number[] = [];
    for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) expected.push(l0.weights[i * 3 + j]!);
    expect(w).toEqual(expected);
  });

  it('describes its stream interface', () => {
    expect(d.io).toMatchObject({ inputCount: 2, outputCount: 1, hasSample: false });
    expect(d.io.inputFormat.width).toBe(12);
    expect(d.layers.map((l) => l.lanes)).toEqual([1, 1]);
  });

  it('uses the requested MAC lanes, clamped to the layer width', () => {
    const p = generateMlp(q, { lanes: 8 });
    expect(p.layers.map((l) => l.lanes)).toEqual([3, 1]);
    expect(Object.keys(p.files).filter((f) => /_w\d+\.hex$/.test(f))).toHaveLength(4);
  });

  it('rejects an activation unit it has no circuit for, with a typed error', () => {
    const bad = structuredClone(q);
    (bad.layers[1]!.activation as unknown as { kind: string }).kind = 'softplus';
    expect(() => generateMlp(bad)).toThrow(VerilogError);
    try {
      generateMlp(bad);
    } catch (e) {
      expect((e as VerilogError).problem).toBe('unsupported-unit');
      expect((e as Error).message).toContain('softplus');
    }
    const badInner = structuredClone(q);
    badInner.layers[1]!.activation = {
      kind: 'tanhViaSigmoid',
      sigmoid: { kind: 'cordic' } as never,
    };
    expect(() => generateMlp(badInner)).toThrow(/cordic/);
  });

  it('rejects bad lane counts and malformed models', () => {
    expect(() => generateMlp(q, { lanes: 0 })).toThrow(VerilogError);
    expect(() => generateMlp(q, { lanes: [1, 1.5] })).toThrow(/lanes/);
    expect(() =>
      generateMlp({ format: 'latentkit.quantized-mlp', version: 1, layers: [] }),
    ).toThrow(VerilogError);
    const overflow = structuredClone(q);
    overflow.layers[0]!.accumulator = fixedFormat(4, overflow.layers[0]!.accumulator.frac);
    expect(() => generateMlp(overflow)).toThrow(QuantizationError);
  });

  it('builds for targetClockMHz: the short LUT at 50 MHz, the full pipeline by default', () => {
    const out = q.layers[1]!;
    const lut = buildLutUnit('sigmoid', out.activationInput, out.activationOutput, {
      addressBits: 6,
      interpolate: true,
    });
    const ql = { ...q, layers: [q.layers[0]!, { ...out, activation: lut }] };
    const d50 = generateMlp(ql, { targetClockMHz: 50 });
    const d100 = generateMlp(ql);
    const src = (d: typeof d50) => Object.values(d.files).join('\n');
    // the sigmoid LUT's output register and registered product exist only in the 100 MHz build
    expect(src(d100)).toContain('p4 <= slope3 * off3;');
    expect(src(d50)).not.toContain('p4 <= slope3 * off3;');
    expect(d100.layers[1]!.computeCycles).toBe(d50.layers[1]!.computeCycles + 4);
    expect(generateMlp(ql, { targetClockMHz: 100 }).files).toEqual(d100.files);
    for (const bad of [0, -5, Number.NaN, '100']) {
      expect(() => generateMlp(q, { targetClockMHz: bad as number })).toThrow(/targetClockMHz/);
    }
  });
});
