import { isNumericCell } from '@latentkit/report';
import { parseStat, XC7A100T } from '@latentkit/verilog';
import { describe, expect, it } from 'vitest';
import { resourceTable } from './resource-table.js';

/** A Yosys `stat` block as `synth_xilinx` prints it. */
function stat(cells: Record<string, number>): string {
  const lines = Object.entries(cells).map(([k, v]) => `     ${k.padEnd(16)} ${v}`);
  return `=== top ===\n\n   Number of cells:  ${Object.values(cells).reduce((a, b) => a + b, 0)}\n${lines.join('\n')}\n`;
}

describe('resourceTable', () => {
  it('shows counts, shares of the XC7A100T and the budget row', () => {
    const fits = parseStat(
      stat({
        LUT2: 1000,
        LUT6: 268,
        RAM32M: 2,
        FDRE: 1268,
        DSP48E1: 24,
        RAMB36E1: 27,
        RAMB18E1: 1,
      }),
    );
    const t = resourceTable([{ design: 'core', resources: fits }]);
    expect(t.rows[0]).toEqual([
      'core',
      '1276', // 1000 + 268 LUTs + 2 RAM32M × 4 LUTs
      '2.0%', // 1276 / 63400
      '8',
      '1268',
      '1.0%',
      '24',
      '10.0%', // 24 / 240
      '27',
      '1',
      '27.5',
      '20.4%', // 27.5 / 135
      'yes',
    ]);
    expect(t.rows[1]).toEqual([
      'xc7a100t (available)',
      String(XC7A100T.luts),
      '',
      '',
      String(XC7A100T.ffs),
      '',
      '240',
      '',
      '135',
      '270',
      '135',
      '',
      '',
    ]);
    for (const cell of t.rows[0]!.slice(1, 12)) expect(isNumericCell(cell)).toBe(true);
  });

  it('says which resources are over budget', () => {
    const over = parseStat(stat({ DSP48E1: 241, RAMB36E1: 136 }));
    expect(resourceTable([{ design: 'big', resources: over }]).rows[0]!.at(-1)).toBe(
      'no (dsp, bram36)',
    );
    expect(resourceTable([]).rows).toEqual([]);
  });
});
