/**
 * The Nexys4 DDR top of the Iris VAE — the UART decodes the request frames sent
 * by the testbench and returns the right reply frames (CXXRTL at the real 115200-baud divider 868;
 * Icarus Verilog at a fast divider, more vectors), and the design fits the XC7A100T after
 * `synth_xilinx`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BoardDesign,
  generateVae,
  nexysTop,
  renderResources,
  type TestVectors,
  uartDivider,
  vaeVectors,
} from '../src/index.js';
import { simulateUart, synthesize } from '../src/node.js';
import { irisSetup } from './iris.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

let board: BoardDesign;
let vectors: TestVectors;

beforeAll(async () => {
  const { q, inputs } = await irisSetup(160);
  board = nexysTop(generateVae(q, { name: 'iris_vae' }));
  vectors = vaeVectors(q, inputs.slice(140, 160), { sample: true });
});

describe('Iris VAE on the Nexys4 DDR top', () => {
  it('uses the 115200-baud divider of the 100 MHz clock', () => {
    const d = uartDivider();
    expect(d.clksPerBit).toBe(868);
    expect(Math.abs(d.errorPercent)).toBeLessThan(0.01);
    expect(board.uart.clksPerBit).toBe(868);
    expect(board.xdc).toMatch(/PACKAGE_PIN E3 .*CLK100MHZ/);
    expect(board.xdc).toMatch(/PACKAGE_PIN C4 .*UART_TXD_IN/);
    expect(board.xdc).toMatch(/PACKAGE_PIN D4 .*UART_RXD_OUT/);
    expect(board.xdc).toMatch(/PACKAGE_PIN C12 .*CPU_RESETN/);
    expect(board.xdc).toContain('-period 10.00');
  });

  it('marks both synchronizers ASYNC_REG and wires UART_RXD_OUT to the TX register', () => {
    const top = board.files[`${board.top}.v`]!;
    expect(top).toMatch(/\(\* ASYNC_REG = "TRUE" \*\) reg \[1:0\] rst_sync/);
    expect(top).toMatch(/\(\* ASYNC_REG = "TRUE" \*\) reg \[1:0\] sw_sync/);
    expect(top).toContain('.tx(UART_RXD_OUT)');
    expect(top).not.toMatch(/assign UART_RXD_OUT/);
    expect(board.files['lk_uart_rx.v']).toContain('(* ASYNC_REG = "TRUE" *) reg [1:0] sync;');
  });

  it('CXXRTL: bytes in over UART_TXD_IN at 868 clocks/bit, the right bytes back', async () => {
    const v: TestVectors = {
      ...vectors,
      inputs: vectors.inputs.slice(0, 3),
      expected: vectors.expected.slice(0, 3),
    };
    const r = await simulateUart(board, v, { simulator: 'cxxrtl' });
    expect(r.byteMismatches).toEqual([]);
    expect(r.bytes).toEqual(r.expectedBytes);
    expect(r.replies.map((x) => x.tag)).toEqual([0, 1, 2]);
    expect(r.outputs).toEqual(v.expected);
    expect(r.framing).toBe(0);
    expect(r.pass).toBe(true);
    // ≥ 11 frame bytes in + ≥ 12 out, 10 bits of 868 cycles each, dominate the round trip.
    expect(r.latency).toBeGreaterThan(16 * 10 * 868 * 0.95);
    console.log(`UART round trip of one Iris vector at 115200 baud: ${r.latency} cycles`);
  });

  it('Icarus Verilog: 20 vectors through the UART at 16 clocks/bit', async () => {
    if (!iverilogAvailable()) return;
    const r = await simulateUart(board, vectors, { simulator: 'iverilog', clksPerBit: 16 });
    expect(r.byteMismatches).toEqual([]);
    expect(r.outputs).toEqual(vectors.expected);
    expect(r.pass).toBe(true);
  });

  it('fits the XC7A100T (synth_xilinx -family xc7)', async () => {
    const s = await synthesize(board);
    const r = s.resources;
    expect(r.fits).toBe(true);
    // One DSP48E1 per layer MAC lane (4) plus the interpolating LUT and sigma*eps multipliers.
    expect(r.dsp).toBeGreaterThanOrEqual(4);
    // Weights and lookup tables in block RAM; the 16-word bias ROMs in LUTs (distributed by
    // default since they are ≤ 64 words: one RAMB18 each before).
    expect(r.ramb18 + r.ramb36).toBeGreaterThanOrEqual(6);
    expect(r.ramb18 + r.ramb36).toBeLessThan(10);
    // Timing at 100 MHz: every register-to-register path within 6.5 ns of logic (Yosys sta).
    expect(s.timing?.budgetNs).toBe(6.5);
    expect(s.timing?.worstNs).toBeLessThanOrEqual(6.5);
    expect(s.timing?.pass).toBe(true);
    console.log(`Iris VAE Nexys4 DDR top, synth_xilinx in ${s.ms} ms:\n${renderResources(r)}`);
  });
});
