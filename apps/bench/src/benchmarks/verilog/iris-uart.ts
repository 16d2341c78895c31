import type { UartFault } from '@latentkit/verilog';
import { vaeVectors } from '@latentkit/verilog';
import { simulateUart } from '@latentkit/verilog/node';
import type { IrisHardware } from '../../hardware/iris-vae-flow.js';
import type { SimulatorRun } from '../../hardware/simulate-all.js';
import type { UartRun } from './verilog-run.js';

/** Faults of the resynchronization run: each one hits one frame of 12. */
const FAULTS: UartFault[] = [
  { kind: 'drop', vector: 1, byte: 5 },
  { kind: 'flip', vector: 3, byte: 7, bit: 2 },
  { kind: 'garbage', vector: 5, bytes: [0x13, 0x7e, 0xa5, 0x7d, 0x00] },
  { kind: 'extra', vector: 7, byte: 4, value: 0x33 },
  { kind: 'drop', vector: 9, byte: 0 },
];

/**
 * UART round trips of the Iris top: Icarus Verilog at 16 clocks per bit (20 vectors) when it
 * ran the core, CXXRTL at the board's 868 clocks per bit (3 vectors) when asked or when Icarus is
 * missing; with Icarus, also a resynchronization run — 12 frames (z = μ, so a lost frame does not
 * shift the noise stream), 5 of them hit by a dropped, flipped or extra byte, garbage before a
 * frame or a lost FLAG; it passes when exactly the predicted frames are lost and every other
 * reply is bit-exact. A failing tool gives a failed row, not an exception.
 */
export async function irisUart(
  iris: IrisHardware,
  sims: readonly SimulatorRun[],
  withCxxrtl: boolean,
): Promise<UartRun[]> {
  const out: UartRun[] = [];
  const runs: {
    simulator: 'cxxrtl' | 'iverilog';
    clksPerBit: number;
    vectors: number;
    faults?: UartFault[];
  }[] = [];
  const iverilog = sims.some((s) => s.simulator === 'iverilog' && s.ran);
  if (withCxxrtl || !iverilog) {
    runs.push({ simulator: 'cxxrtl', clksPerBit: iris.board.uart.clksPerBit, vectors: 3 });
  }
  if (iverilog) {
    runs.push({ simulator: 'iverilog', clksPerBit: 16, vectors: 20 });
    runs.push({ simulator: 'iverilog', clksPerBit: 16, vectors: 12, faults: FAULTS });
  }
  for (const { faults, ...r } of runs) {
    const inputs = iris.vectors.inputs.slice(0, r.vectors);
    const v = faults
      ? vaeVectors(iris.q, inputs, { sample: false })
      : { ...iris.vectors, inputs, expected: iris.vectors.expected.slice(0, r.vectors) };
    try {
      const u = await simulateUart(iris.board, v, {
        simulator: r.simulator,
        clksPerBit: r.clksPerBit,
        ...(faults ? { faults } : {}),
      });
      const lost = r.vectors - u.answered.length;
      out.push({
        ...r,
        pass: u.pass && u.byteMismatches.length === 0,
        latency: u.latency,
        byteMismatches: u.byteMismatches.length,
        note: faults
          ? `${faults.length} faults, ${lost} frames lost, ${u.replies.length} answered`
          : '',
      });
    } catch (error) {
      out.push({ ...r, pass: false, latency: 0, byteMismatches: 0, note: String(error) });
    }
  }
  return out;
}
