import { timingReport } from '@latentkit/verilog/node';
import { describe, expect, it } from 'vitest';
import { timingTable } from './timing-table.js';

/** A short `sta` listing: FF → LUT → FF with the clock through IBUF and BUFG. */
function sta(endPs: number): string {
  return [
    `Latest arrival time in 'top' is ${endPs}:`,
    `    ${endPs} q_reg (FDRE.D)`,
    '           \\q_d [0]',
    `    ${endPs} lut_a (LUT6.I0->O)`,
    '           \\a_q [3]',
    '     399 a_reg (FDRE.C->Q)',
    '           \\clk_buf',
    '      96 bufg (BUFG.I->O)',
    '           \\clk_ibuf',
    '       0 ibuf (IBUF.I->O)',
    '       0   \\clk (<primary input>)',
    '',
    'Arrival histogram:',
    ' legend: * represents 1 endpoint(s)',
    '         + represents [1,1) endpoint(s)',
    `(  ${Math.max(endPs, 7000)},   7000] |${endPs > 7000 ? '**' : ''}`,
    '(  7000,   300] |*',
  ].join('\n');
}

describe('timingTable', () => {
  it('shows worst delay, budget, result and the path per design', () => {
    const t = timingTable([
      { design: 'fast', timing: timingReport(sta(1000), 6.5) },
      { design: 'slow', timing: timingReport(sta(9000), 6.5) },
      { design: 'failed', timing: undefined },
    ]);
    expect(t.columns).toEqual([
      'design',
      'worst path (ns, logic)',
      'budget (ns)',
      'result',
      'worst path',
    ]);
    expect(t.rows[0]!.slice(0, 4)).toEqual(['fast', '0.90', '6.5', 'pass']);
    expect(t.rows[0]![4]).toBe('0.90 ns: a_reg (FDRE) → LUT6 → FDRE.D \\q_d [0]');
    expect(t.rows[1]!.slice(0, 4)).toEqual(['slow', '8.90', '6.5', 'FAIL (≥ 2 endpoints over)']);
    expect(t.rows[2]).toEqual(['failed', '', '', 'no estimate', '']);
  });
});
