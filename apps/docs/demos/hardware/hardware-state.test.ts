import { describe, expect, it } from 'vitest';
import type { ErrorReport, HardwareDesign, WidthErrors } from './hardware-session.js';
import {
  designData,
  designSummary,
  entryAt,
  errorSeries,
  initialBits,
  mseRemark,
  numbersData,
  resourceCells,
  resourcesNote,
  sigmoidCaption,
  sigmoidCells,
  sqnrCells,
} from './hardware-state.js';

const width = (bits: number, mse: number, floatMse: number): WidthErrors => ({
  bits,
  mse,
  bce: null,
  mseRelativeChange: (mse - floatMse) / floatMse,
  layers: [
    { part: 'encoder', name: 'dense0', weightSqnrDb: 30.04, activationSqnrDb: -1.25 },
    { part: 'decoder', name: 'out', weightSqnrDb: Number.POSITIVE_INFINITY, activationSqnrDb: 12 },
  ],
});

const report = (widest: number): ErrorReport => ({
  rows: 30,
  features: 4,
  likelihood: 'gaussian',
  float: { mse: 0.01, bce: null },
  entries: [width(4, 0.1, 0.01), width(8, 0.0105, 0.01), width(16, widest, 0.01)],
});

describe('hardware demo state', () => {
  it('finds a width or says it has none', () => {
    expect(entryAt(report(0.01), 8).mse).toBe(0.0105);
    expect(() => entryAt(report(0.01), 5)).toThrow(RangeError);
    expect(initialBits(undefined)).toBe(8);
    expect(initialBits(12)).toBe(12);
    expect(initialBits(9)).toBe(8);
  });

  it('states the change against float, and saturation only when the widest width stays above it', () => {
    expect(mseRemark(report(0.01), 8)).toBe(
      ' (float 0.01000; +5.00 %). Standardized units, 30 test rows, z = μ.',
    );
    const saturated = mseRemark(report(0.0125), 4);
    expect(saturated).toContain('(float 0.01000; +900.00 %)');
    expect(saturated).toContain('Even at 16 bits the error stays 25.0 % above float');
    const below = report(0.01);
    below.entries[1] = width(8, 0.009, 0.01);
    expect(mseRemark(below, 8)).toContain('−10.00 %');
  });

  it('draws log10 MSE per width and the float level across the offered widths', () => {
    const [quantized, float] = errorSeries(report(0.01));
    expect(Array.from(quantized!.x!)).toEqual([4, 8, 16]);
    expect(quantized!.y[0]).toBeCloseTo(-1, 12);
    expect(quantized!.y[2]).toBeCloseTo(-2, 12);
    expect(Array.from(float!.x!)).toEqual([4, 16]);
    expect(Array.from(float!.y)).toEqual([-2, -2]);
    expect(float!.dashed).toBe(true);
  });

  it('formats the tables', () => {
    expect(sqnrCells(entryAt(report(0.01), 8))).toEqual([
      ['encoder dense0', '30.0', '−1.3'],
      ['decoder out', 'Infinity', '12.0'],
    ]);
    expect(sigmoidCaption(8)).toBe(
      'Sigmoid units for input s8.4, output s8.6: |error| against σ(x) over every input code',
    );
    expect(
      sigmoidCells({
        label: 'lut6+interp',
        maxAbsError: 0.001234,
        meanAbsError: 0.0000567,
        lutEntries: 64,
        multipliers: 1,
      }),
    ).toEqual(['lut6+interp', '1.23e-3', '5.67e-5', '64', '1']);
    const synthesis = [
      { bits: 8, luts: 1200, ffs: 800, dsp: 4, bram36: 0, seconds: 20 },
      { bits: 16, luts: 2100, ffs: 1500, dsp: 8, bram36: 1, seconds: 31 },
    ];
    expect(resourceCells(synthesis)).toEqual([
      ['8', '1200', '800', '4', '0'],
      ['16', '2100', '1500', '8', '1'],
    ]);
    expect(resourcesNote(synthesis, 8)).toMatch(/^Technology mapping/);
    expect(resourcesNote(synthesis, 12)).toBe(
      'No synthesis figures for 12 bits: synthesis runs outside the page (pretraining script or bench) at 8, 16 bits.',
    );
    expect(resourcesNote('not recorded', 8)).toMatch(/^FPGA resources: synthesis not recorded\./);
  });

  it('summarizes a design and sets the numbers tests read', () => {
    const design: HardwareDesign = {
      bits: 8,
      files: { 'b.v': 'x'.repeat(1000), 'a.v': 'y'.repeat(2072), 'tb_a.v': 'z' },
      tar: new Uint8Array(0),
      archiveName: 'iris_vae_8bit',
      core: {
        top: 'a',
        sources: ['a.v', 'b.v'],
        layers: [
          {
            layer: 'enc0',
            inFeatures: 4,
            outFeatures: 16,
            unit: 'tanh',
            lanes: 4,
            computeCycles: 20,
          },
          {
            layer: 'dec1',
            inFeatures: 16,
            outFeatures: 4,
            unit: 'none',
            lanes: 2,
            computeCycles: 35,
          },
        ],
      },
      boardTop: 'nexys_a',
      testbenchTop: 'tb_a',
    };
    const s = designSummary(design);
    expect(s.names).toEqual(['a.v', 'b.v', 'tb_a.v']);
    expect(s.bytes).toBe(3073);
    expect(s.archiveText).toBe(' — all 3 files (3.0 KiB) in one tar archive.');
    expect(s.note).toContain(
      'enc0 4→16 (tanh, 4 MAC); dec1 16→4 (none, 2 MAC); ≈ 55 compute cycles',
    );
    expect(s.note).toContain('iverilog -o tb a.v b.v tb_a.v && vvp tb.');
    expect(designData(design)).toEqual({
      'verilog-files': '3',
      'verilog-bytes': '3073',
      'verilog-top': 'a',
    });
    expect(numbersData(report(0.01), { bits: 8, rows: [], chosen: 'lut8' })).toEqual({
      bits: '8',
      mse: '1.050000e-2',
      'float-mse': '1.000000e-2',
      'sigmoid-unit': 'lut8',
    });
  });
});
