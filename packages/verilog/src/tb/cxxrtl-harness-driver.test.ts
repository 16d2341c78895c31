import { describe, expect, it } from 'vitest';
import { cxxrtlHarnessDriver } from './cxxrtl-harness-driver.js';
import { RESET_CYCLES } from './testbench-protocol.js';

describe('cxxrtlHarnessDriver', () => {
  const cxx = cxxrtlHarnessDriver(
    'tb_x',
    'out.hex',
    (p) => `      if (${p('done')}.get<bool>()) { std::fclose(fd); return 0; }`,
  );

  it('holds reset for RESET_CYCLES clocks, then runs the body once per clock', () => {
    expect(cxx).toContain(`if (rst_cnt == ${RESET_CYCLES - 1}) rst_n = false;`);
    expect(cxx).toContain('cxxrtl_design::p_tb__x top;');
    expect(cxx).toContain('std::FILE *fd = std::fopen("out.hex", "w");');
    // The body sits in the branch after reset, before the rising edge.
    const body = cxx.indexOf('if (top.p_done.get<bool>())');
    expect(body).toBeGreaterThan(cxx.indexOf('} else {'));
    expect(body).toBeLessThan(cxx.indexOf('top.p_clk.set<bool>(true);'));
  });

  it('balances its braces', () => {
    const open = [...cxx].filter((c) => c === '{').length;
    expect([...cxx].filter((c) => c === '}').length).toBe(open);
  });
});
