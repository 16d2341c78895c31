import { describe, expect, it } from 'vitest';
import { smallBoard } from './vivado-board.testutil.js';
import { planVivadoFiles } from './vivado-files.js';

describe('planVivadoFiles', () => {
  it('classifies sources (in order), the ROM images they read (sorted) and the XDC', () => {
    const plan = planVivadoFiles(smallBoard(), 'test');
    expect(plan.sources).toEqual(['rom.v', 'demo_top.v']);
    expect(plan.memories).toEqual(['b.hex', 'w.hex']);
    expect(plan.constraints).toEqual(['demo_top.xdc']);
    expect(plan.files).toEqual(smallBoard().files);
  });

  it('counts a ROM image read by two sources once and ignores non-literal names', () => {
    const d = smallBoard();
    d.files['demo_top.v'] =
      'module demo_top;\n  initial $readmemh("w.hex", x);\n  initial $readmemh(NAME, y);\nendmodule\n';
    expect(planVivadoFiles(d, 'test').memories).toEqual(['b.hex', 'w.hex']);
  });

  it('names the caller in its errors', () => {
    expect(() => planVivadoFiles({ ...smallBoard(), top: '' }, 'myCall')).toThrow(
      /^myCall: design\.top/,
    );
    expect(() => planVivadoFiles(null as never, 'myCall')).toThrow(/^myCall: design must/);
  });
});
