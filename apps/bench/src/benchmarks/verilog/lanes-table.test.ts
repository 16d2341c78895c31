import { parseStat } from '@latentkit/verilog';
import { timingReport } from '@latentkit/verilog/node';
import { describe, expect, it } from 'vitest';
import { lanesTable } from './lanes-table.js';

const STAT =
  '=== top ===\n\n   Number of cells: 10\n     LUT6 100\n     FDRE 200\n     DSP48E1 57\n     RAMB36E1 98\n     RAMB18E1 9\n';
const STA =
  "Latest arrival time in 'top' is 5000:\n    5000 q (FDRE.D)\n           \\d\n    5000 l (LUT6.I0->O)\n" +
  '           \\x\n     399 r (FDRE.C->Q)\n           \\clk\n      96 b (BUFG.I->O)\n           \\c\n       0   \\clk (<primary input>)\n';

describe('lanesTable', () => {
  it('lists lanes against resources, cycles, µs and timing; a failed point says so', () => {
    const t = lanesTable(
      [
        {
          lanes: [8, 49],
          cycles: 5000,
          synth: { ok: true, resources: parseStat(STAT), timing: timingReport(STA, 6.5) },
        },
        { lanes: [4, 28], cycles: 9000, synth: { ok: false, error: 'yosys ran out of memory' } },
      ],
      100,
    );
    expect(t.columns).toContain('µs per image @ 100 MHz');
    expect(t.rows[0]).toEqual([
      '8 / 49',
      '100',
      '200',
      '57',
      '102.5',
      'yes',
      '5000',
      '50.0',
      '4.90',
      'pass (≤ 6.5)',
    ]);
    expect(t.rows[1]!.slice(0, 2)).toEqual(['4 / 28', 'synthesis failed']);
    expect(t.rows[1]!.slice(6, 8)).toEqual(['9000', '90.0']);
    expect(t.rows[1]![9]).toContain('out of memory');
  });
});
