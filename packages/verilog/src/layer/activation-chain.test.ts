import { describe, expect, it } from 'vitest';
import { lutMlp } from '../../test/rom-check.testutil.js';
import { activationChain } from './activation-chain.js';

// A small quantized layer is enough to read the chain's wiring; the chain's
// arithmetic is checked bit for bit against the golden model by the layer and decoder
// simulation tests.
const layer = lutMlp().layers[0]!;

describe('activationChain', () => {
  it('selects one lane without a multiplexer and issues on the given condition', () => {
    const text = activationChain({
      layer,
      lanes: 1,
      source: 'acc',
      select: 'lane',
      selectWidth: 1,
      issue: 'state == S_POST',
      unitName: 'act_unit',
    });
    expect(text).toContain('always @(*) acc_sel = acc_0;');
    expect(text).not.toContain('case (lane)');
    expect(text).toContain('a_v <= !rst && state == S_POST;');
    expect(text).toContain('act_unit u_act (');
    expect(text).toMatch(/u_to_act[\s\S]*u_to_out/);
  });

  it('multiplexes every lane by the select register', () => {
    const text = activationChain({
      layer,
      lanes: 3,
      source: 'hold',
      select: 'plane',
      selectWidth: 2,
      issue: 'p_issue',
      unitName: 'act_unit',
    });
    expect(text).toContain('case (plane)');
    for (const p of [0, 1, 2]) expect(text).toContain(`2'd${p}: acc_sel = hold_${p};`);
    expect(text).toContain('default: acc_sel = hold_0;');
    expect(text).toContain('a_v <= !rst && p_issue;');
  });
});
