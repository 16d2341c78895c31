import { simulateUart } from '@latentkit/verilog/node';
import type { IrisHardware } from '../../hardware/iris-vae-flow.js';
import type { SimulatorRun } from '../../hardware/simulate-all.js';
import type { UartRun } from './verilog-run.js';

/**
 * UART round trips of the Iris top: Icarus Verilog at 16 clocks per bit (20 vectors) when it
 * ran the core, CXXRTL at the board's 868 clocks per bit (3 vectors) when asked or when Icarus is
 * missing. A failing tool gives a failed row, not an exception.
 */
export async function irisUart(
  iris: IrisHardware,
  sims: readonly SimulatorRun[],
  withCxxrtl: boolean,
): Promise<UartRun[]> {
  const out: UartRun[] = [];
  const runs: { simulator: 'cxxrtl' | 'iverilog'; clksPerBit: number; vectors: number }[] = [];
  const iverilog = sims.some((s) => s.simulator === 'iverilog' && s.ran);
  if (withCxxrtl || !iverilog) {
    runs.push({ simulator: 'cxxrtl', clksPerBit: iris.board.uart.clksPerBit, vectors: 3 });
  }
  if (iverilog) runs.push({ simulator: 'iverilog', clksPerBit: 16, vectors: 20 });
  for (const r of runs) {
    const v = {
      ...iris.vectors,
      inputs: iris.vectors.inputs.slice(0, r.vectors),
      expected: iris.vectors.expected.slice(0, r.vectors),
    };
    try {
      const u = await simulateUart(iris.board, v, {
        simulator: r.simulator,
        clksPerBit: r.clksPerBit,
      });
      out.push({
        ...r,
        pass: u.pass && u.byteMismatches.length === 0,
        latency: u.latency,
        byteMismatches: u.byteMismatches.length,
        note: '',
      });
    } catch (error) {
      out.push({ ...r, pass: false, latency: 0, byteMismatches: 0, note: String(error) });
    }
  }
  return out;
}
