import { fixedFormat } from '@latentkit/quantize';
import { buildLutUnit } from '@latentkit/quantize/internal';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { MAX_WIRE_WIDTH } from '../hdl/verilog-text.js';
import { activationModule } from './activation-module.js';

const s16_12 = fixedFormat(16, 12);
const s16_14 = fixedFormat(16, 14);

describe('activationModule', () => {
  it('gives each circuit its documented latency and ROM file', () => {
    expect(activationModule('a', { kind: 'relu' }, s16_12, s16_12, 'half-even').latency).toBe(1);
    expect(
      activationModule('a', { kind: 'sigmoidPlan' }, s16_12, s16_14, 'half-even').latency,
    ).toBe(1);
    expect(
      activationModule('a', { kind: 'sigmoidTaylor', guardBits: 6 }, s16_12, s16_14, 'truncate')
        .latency,
    ).toBe(5);
    const lut = buildLutUnit('sigmoid', s16_12, s16_14, { addressBits: 6, interpolate: true });
    const m = activationModule('act', lut, s16_12, s16_14, 'half-up');
    expect(m.latency).toBe(6); // full pipeline at the default 100 MHz
    expect(Object.keys(m.files)).toEqual(['act.hex']);
    expect(m.text).toContain('$readmemh("act.hex", rom);');
    const t = activationModule(
      't',
      { kind: 'tanhViaSigmoid', sigmoid: { kind: 'sigmoidPlan' } },
      s16_12,
      s16_14,
      'half-even',
    );
    expect(t.latency).toBe(2);
    expect(t.text).toContain('module t_sig');
  });

  it('pipelines the interpolating LUT above 50 MHz and keeps the short form below', () => {
    const lut = buildLutUnit('sigmoid', s16_12, s16_14, { addressBits: 6, interpolate: true });
    const full = activationModule('act', lut, s16_12, s16_14, 'half-up', { targetClockMHz: 100 });
    const short = activationModule('act', lut, s16_12, s16_14, 'half-up', { targetClockMHz: 50 });
    expect(full.latency).toBe(6);
    expect(short.latency).toBe(2);
    // block-RAM output register, then slope, product and sum each in a register of their own
    expect(full.text).toContain('ta2 <= ta1;');
    expect(full.text).toContain('slope3 <= tb2 - ta2;');
    expect(full.text).toContain('p4 <= slope3 * off3;');
    expect(full.text).toMatch(/v5 <= \(ta4 <<< \d+\) \+ p4;/);
    expect(short.text).toContain('wire signed [16:0] slope = tb - ta;');
    expect(full.files).toEqual(short.files);
    // a table without interpolation has latency 1 at any clock
    const plain = buildLutUnit('sigmoid', s16_12, s16_14, { addressBits: 6, interpolate: false });
    expect(activationModule('p', plain, s16_12, s16_14, 'half-up').latency).toBe(1);
    // tanh around the pipelined sigmoid: one more stage
    const tanh = activationModule(
      't',
      { kind: 'tanhViaSigmoid', sigmoid: lut },
      s16_12,
      s16_14,
      'half-even',
    );
    expect(tanh.latency).toBe(7);
  });

  it('throws typed errors for unknown units and impossible formats', () => {
    expect(() =>
      activationModule('a', { kind: 'gelu' } as never, s16_12, s16_12, 'half-even'),
    ).toThrow(VerilogError);
    const planNeg = () =>
      activationModule('a', { kind: 'sigmoidPlan' }, fixedFormat(16, -2), s16_14, 'half-even');
    expect(planNeg).toThrow(/PLAN/);
    const wide = () =>
      activationModule(
        'a',
        { kind: 'sigmoidTaylor', guardBits: 40 },
        fixedFormat(53, 50),
        fixedFormat(53, 51),
        'half-even',
      );
    expect(wide).toThrow(VerilogError);
    try {
      wide();
    } catch (e) {
      expect((e as VerilogError).problem).toBe('unsupported-width');
      expect((e as Error).message).toContain(String(MAX_WIRE_WIDTH));
    }
  });
});
