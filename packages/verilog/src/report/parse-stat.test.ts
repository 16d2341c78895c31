import { describe, expect, it } from 'vitest';
import { parseStat, renderResources } from './parse-stat.js';
import { XC7A100T } from './xc7a100t-budget.js';

// The tail of a real `stat` printout of Yosys 0.55 after `synth_xilinx -flatten`.
const STAT = `
=== top ===

   Number of wires:                364
   Number of cells:                541
     BUFG                            1
     CARRY4                         31
     DSP48E1                         5
     FDRE                          211
     FDSE                            3
     LUT2                           30
     LUT3                          102
     LUT6                           26
     MUXF7                           8
     RAM32M                          4
     RAM64X1D                        2
     RAMB18E1                        9
     RAMB36E1                        2
`;

describe('parseStat', () => {
  it('counts LUTs (logic + LUT-RAM), FFs, DSPs and block RAM in RAMB36 units', () => {
    const r = parseStat(STAT);
    expect(r.luts).toBe(30 + 102 + 26 + 4 * 4 + 2 * 2);
    expect(r.lutsAsMemory).toBe(20);
    expect(r.ffs).toBe(214);
    expect(r.dsp).toBe(5);
    expect(r.ramb36).toBe(2);
    expect(r.ramb18).toBe(9);
    expect(r.bram36).toBe(6.5);
    expect(r.fits).toBe(true);
    expect(r.utilization.dsp).toBeCloseTo(5 / 240, 12);
    expect(r.cells.CARRY4).toBe(31);
  });

  it('flags every resource over the XC7A100T budget', () => {
    const r = parseStat('Number of cells: 3\n  DSP48E1 241\n  RAMB36E1 136\n  LUT6 10\n');
    expect(r.over).toEqual(['dsp', 'bram36']);
    expect(r.fits).toBe(false);
    expect(XC7A100T).toEqual({
      device: 'xc7a100t',
      luts: 63400,
      ffs: 126800,
      dsp: 240,
      ramb36: 135,
    });
  });

  it('renders a Markdown table', () => {
    expect(renderResources(parseStat(STAT))).toContain('| DSP48E1 | 5 | 240 |');
  });
});
