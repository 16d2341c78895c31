import { describe, expect, it } from 'vitest';
import { runYosysWasm } from '../node/yosys-wasm.js';
import { UART_RX_MODULE, UART_TX_MODULE, UART_TX_NAME } from './uart-modules.js';

interface JsonCell {
  type: string;
  port_directions: Record<string, string>;
  connections: Record<string, (number | string)[]>;
}
interface JsonModule {
  ports: Record<string, { direction: string; bits: (number | string)[] }>;
  cells: Record<string, JsonCell>;
}

/** The cells driving net bit `bit`. */
function drivers(m: JsonModule, bit: number | string): JsonCell[] {
  return Object.values(m.cells).filter((c) =>
    Object.entries(c.connections).some(
      ([pin, bits]) => c.port_directions[pin] === 'output' && bits.includes(bit),
    ),
  );
}

describe('UART modules', () => {
  it('marks the RX synchronizer ASYNC_REG and drives tx from a register bit', () => {
    expect(UART_RX_MODULE).toMatch(/\(\* ASYNC_REG = "TRUE" \*\) reg \[1:0\] sync;/);
    expect(UART_TX_MODULE).toMatch(/assign tx = frame\[0\];/);
  });

  // Generic LUT6 mapping (half the time of synth_xilinx in WebAssembly); with synth_xilinx the
  // same flip-flop maps to an FDSE feeding the OBUF directly.
  it('after LUT mapping, the tx pin is driven by a flip-flop, not a LUT', async () => {
    const y = await runYosysWasm(
      [
        '-q',
        '-p',
        `read_verilog ${UART_TX_NAME}.v; synth -top ${UART_TX_NAME} -lut 6; write_json out.json`,
      ],
      { [`${UART_TX_NAME}.v`]: UART_TX_MODULE },
    );
    const json = JSON.parse(y.files['out.json'] as string) as {
      modules: Record<string, JsonModule>;
    };
    const m = json.modules[UART_TX_NAME]!;
    const src = drivers(m, m.ports.tx!.bits[0]!);
    expect(src).toHaveLength(1);
    // $_SDFFE_PP1P_: a flip-flop with synchronous set (reset to idle-high) and enable
    expect(src[0]!.type).toMatch(/^\$_S?DFFE?_/);
  });
});
