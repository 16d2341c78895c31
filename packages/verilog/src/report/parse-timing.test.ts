import { describe, expect, it } from 'vitest';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { parseSta } from './parse-timing.js';
import { describePath, renderTiming, timingBudget, timingReport } from './timing-report.js';

// Captured from Yosys 0.23 (`synth_xilinx -family xc7 -flatten`, then
// `read_verilog -lib -specify +/xilinx/cells_sim.v; sta`) on the MNIST decoder before the
// interpolating LUT was pipelined: the review's 9.4 ns path.
const MNIST = String.raw`8. Executing STA pass (static timing analysis).
Warning: Module 'RAM256X1S' has no timing arcs!
Latest arrival time in 'mnist_decoder' is 9400:
    9400 $auto$ff.cc:266:slice$31435 (FDRE.D)
           \u_mnist_decoder_decoder_out.u_act.y [0]
    9400 $abc$61823$auto$blifparse.cc:525:parse_blif$63143 (LUT3.I2->O)
           $techmap68799$abc$61823$auto$blifparse.cc:525:parse_blif$63143.A [2]
    9273 $abc$61823$auto$blifparse.cc:525:parse_blif$63144 (LUT4.I0->O)
           \u_mnist_decoder_decoder_out.u_act.u_round.r [15]
    8801 $auto$alumacc.cc:485:replace_alu$6139.genblk1.slice[3].genblk1.carry4 (CARRY4.CI->O)
           $auto$alumacc.cc:485:replace_alu$6139.CO [11]
    8488 $auto$alumacc.cc:485:replace_alu$6139.genblk1.slice[2].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$6139.CO [7]
    8374 $auto$alumacc.cc:485:replace_alu$6139.genblk1.slice[1].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$6139.CO [3]
    8260 $auto$alumacc.cc:485:replace_alu$6139.genblk1.slice[0].genblk1.carry4 (CARRY4.S->CO)
           $auto$alumacc.cc:485:replace_alu$6139.X [0]
    7752 $abc$61823$auto$blifparse.cc:525:parse_blif$64120 (LUT3.I0->O)
           $techmap69465$abc$61823$auto$blifparse.cc:525:parse_blif$63810.A [0]
    7345 $abc$61823$auto$blifparse.cc:525:parse_blif$63811 (LUT6.I0->O)
           \u_mnist_decoder_decoder_out.u_act.u_round.g_right.x [2]
    6703 $flatten\u_mnist_decoder_decoder_out.\u_act.$mul$mnist_decoder_decoder_out.v:33$185 (DSP48E1.A->P)
           \u_mnist_decoder_decoder_out.u_act.slope [16]
    3880 $auto$alumacc.cc:485:replace_alu$6166.genblk1.slice[4].genblk1.carry4 (CARRY4.CI->O)
           $auto$alumacc.cc:485:replace_alu$6166.CO [15]
    3658 $auto$alumacc.cc:485:replace_alu$6166.genblk1.slice[3].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$6166.CO [11]
    3544 $auto$alumacc.cc:485:replace_alu$6166.genblk1.slice[2].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$6166.CO [7]
    3430 $auto$alumacc.cc:485:replace_alu$6166.genblk1.slice[1].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$6166.CO [3]
    3316 $auto$alumacc.cc:485:replace_alu$6166.genblk1.slice[0].genblk1.carry4 (CARRY4.S->CO)
           $auto$alumacc.cc:485:replace_alu$6166.X [1]
    2788 $abc$61823$auto$blifparse.cc:525:parse_blif$64122 (LUT2.I0->O)
           \u_mnist_decoder_decoder_out.u_act.ta [1]
    2550 u_mnist_decoder_decoder_out.u_act.rom.0.0 (RAMB18E1.CLKBWRCLK->DOBDO)
           \u_mnist_decoder_decoder_fc1.clk
      96 $auto$clkbufmap.cc:261:execute$69999 (BUFG.I->O)
           $auto$clkbufmap.cc:262:execute$70000
       0 $iopadmap$mnist_decoder.clk (IBUF.I->O)
       0   \clk (<primary input>)

Arrival histogram:
 legend: * represents 37 endpoint(s)
         + represents [1,37) endpoint(s)
(  9410,   8955] |+
(  8955,   8500] |+
(  8500,   8045] | 
(  8045,   7590] | 
(  7590,   7135] | 
(  7135,   6680] | 
(  6680,   6225] | 
(  6225,   5770] |+
(  5770,   5315] | 
(  5315,   4860] |+
(  4860,   4405] | 
(  4405,   3950] |+
(  3950,   3495] |************************+
(  3495,   3040] | 
(  3040,   2585] | 
(  2585,   2130] |+
(  2130,   1675] |**+
(  1675,   1220] |******************************************+
(  1220,    765] |**********+
(   765,    310] |************************************************************ `;

// A small block-RAM → subtract → DSP design whose path ends in no recognised end point.
const SMALL = String.raw`
4. Executing STA pass (static timing analysis).
Latest arrival time in 't' is 6703:
    6703 (<unknown>)
Warning: Critical-path does not terminate in a recognised endpoint.
           $auto$xilinx_dsp.cc:480:xilinx_dsp_pack$1660 [23]
    6703 $mul$t.v:7$6 (DSP48E1.A->P)
           \slope [16]
    3880 $auto$alumacc.cc:485:replace_alu$1663.genblk1.slice[4].genblk1.carry4 (CARRY4.CI->O)
           $auto$alumacc.cc:485:replace_alu$1663.CO [15]
    3658 $auto$alumacc.cc:485:replace_alu$1663.genblk1.slice[3].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$1663.CO [11]
    3544 $auto$alumacc.cc:485:replace_alu$1663.genblk1.slice[2].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$1663.CO [7]
    3430 $auto$alumacc.cc:485:replace_alu$1663.genblk1.slice[1].genblk1.carry4 (CARRY4.CI->CO)
           $auto$alumacc.cc:485:replace_alu$1663.CO [3]
    3316 $auto$alumacc.cc:485:replace_alu$1663.genblk1.slice[0].genblk1.carry4 (CARRY4.S->CO)
           $auto$alumacc.cc:485:replace_alu$1663.X [1]
    2788 $abc$2312$auto$blifparse.cc:525:parse_blif$2314 (LUT2.I0->O)
           \ta [1]
    2550 rom.0.0 (RAMB18E1.CLKBWRCLK->DOBDO)
           $iopadmap$clk
      96 $auto$clkbufmap.cc:261:execute$2364 (BUFG.I->O)
           $auto$clkbufmap.cc:262:execute$2365
       0 $iopadmap$t.clk (IBUF.I->O)
       0   \clk (<primary input>)

Arrival histogram:
 legend: * represents 1 endpoint(s)
         + represents [1,1) endpoint(s)
(  6704,   6385] |**************** 
(  6385,   6066] | 
(  6066,   5747] | 
(  5747,   5428] | 
(  5428,   5109] | 
(  5109,   4790] | 
(  4790,   4471] | 
(  4471,   4152] | 
(  4152,   3833] | 
(  3833,   3514] | 
(  3514,   3195] | 
(  3195,   2876] | 
(  2876,   2557] | 
(  2557,   2238] | 
(  2238,   1919] | 
(  1919,   1600] | 
(  1600,   1281] | 
(  1281,    962] | 
(   962,    643] | 
(   643,    324] |******************************************** `;

describe('parseSta', () => {
  it('reads the critical path of the MNIST decoder, launch to end point', () => {
    const r = parseSta(MNIST);
    expect(r.module).toBe('mnist_decoder');
    const p = r.path;
    expect(p.arrivalNs).toBeCloseTo(9.4, 6);
    // the clock reaches the block RAM through the BUFG at 0.096 ns
    expect(p.delayNs).toBeCloseTo(9.304, 6);
    expect(p.start).toEqual({
      cell: 'u_mnist_decoder_decoder_out.u_act.rom.0.0',
      cellType: 'RAMB18E1',
    });
    expect(p.end).toEqual({
      cell: '$auto$ff.cc:266:slice$31435',
      cellType: 'FDRE.D',
      net: String.raw`\u_mnist_decoder_decoder_out.u_act.y [0]`,
    });
    const types = p.steps.map((s) => s.cellType);
    expect(types[0]).toBe('RAMB18E1');
    expect(types).toContain('DSP48E1');
    expect(types.at(-1)).toBe('LUT3');
    expect(types).not.toContain('BUFG');
    expect(p.steps[0]!.arc).toBe('CLKBWRCLK->DOBDO');
    const dsp = p.steps.find((s) => s.cellType === 'DSP48E1')!;
    expect(dsp.arc).toBe('A->P');
    expect(dsp.arrivalNs).toBeCloseTo(6.703, 6);
    // arrivals grow along the path
    for (let i = 1; i < p.steps.length; i++) {
      expect(p.steps[i]!.arrivalNs).toBeGreaterThanOrEqual(p.steps[i - 1]!.arrivalNs);
    }
  });

  it('reads the histogram bins and the legend scale', () => {
    const h = parseSta(MNIST).histogram;
    expect(h).toHaveLength(20);
    expect(h[0]).toEqual({ upperNs: 9.41, lowerNs: 8.955, minEndpoints: 1, maxEndpoints: 36 });
    // "|************************************************************ " with * = 37 endpoints
    expect(h[19]).toEqual({
      upperNs: 0.765,
      lowerNs: 0.31,
      minEndpoints: 2220,
      maxEndpoints: 2220,
    });
    expect(h[5]!.maxEndpoints).toBe(0);
  });

  it('takes a path that ends in no recognised end point', () => {
    const p = parseSta(SMALL).path;
    expect(p.end.cellType).toBe('unknown');
    expect(p.end.net).toContain('xilinx_dsp_pack');
    expect(p.steps.at(-1)!.cellType).toBe('DSP48E1');
    expect(p.delayNs).toBeCloseTo(6.607, 6);
  });

  it('refuses text without a path', () => {
    expect(() => parseSta('4. Executing STA pass\n')).toThrow(VerilogToolError);
    expect(() => parseSta("Latest arrival time in 'x' is 0:\n\n")).toThrow(/no path cells/);
  });
});

describe('timingReport', () => {
  it('checks the worst path against the budget and counts endpoints wholly over it', () => {
    const t = timingReport(MNIST, 6.5);
    expect(t.worstNs).toBeCloseTo(9.304, 6);
    expect(t.pass).toBe(false);
    // bins (9.41, 8.955] and (8.955, 8.5] hold at least one endpoint each; (6.68, 6.225] straddles
    expect(t.endpointsOverBudget).toBe(2);
    expect(timingReport(MNIST, 9.5).pass).toBe(true);
    expect(renderTiming(t)).toMatch(/worst 9\.30 ns, budget 6\.5 ns — FAIL/);
    expect(describePath(t.paths[0]!)).toMatch(
      /^9\.30 ns: u_mnist_decoder_decoder_out\.u_act\.rom\.0\.0 \(RAMB18E1\) → LUT2 → CARRY4 ×5 → DSP48E1 → /,
    );
  });

  it('refuses a bad budget and unknown keys', () => {
    expect(timingBudget({}, 'x')).toBe(6.5);
    expect(() => timingBudget({ budgetNs: -1 }, 'x')).toThrow(/positive/);
    expect(() => timingBudget({ budget: 5 } as never, 'x')).toThrow(/budget/);
  });
});
