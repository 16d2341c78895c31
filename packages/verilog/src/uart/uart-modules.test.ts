import { describe, expect, it } from 'vitest';
import { runYosysWasm } from '../node/yosys-wasm.js';
import { UART_RX_MODULE, UART_TX_MODULE, UART_TX_NAME } from './uart-modules.js';

interface JsonCell {
  type: string;
  connections: Record<string, (number | string)[]>;
}
interface JsonModule {
  ports: Record<string, { direction: string; bits: (number | string)[] }>;
  cells: Record<string, JsonCell>;
}

/** Cell types driving net bit `bit` (through output pins named in `outputs`). */
function drivers(m: JsonModule, bit: number | string, outputs: string[]): JsonCell[] {
  return Object.values(m.cells).filter((c) =>
    outputs.some((o) => (c.connections[o] ?? []).includes(bit)),
  );
}

describe('UART modules', () => {
  it('marks the RX synchronizer ASYNC_REG and drives tx from a register bit', () => {
    expect(UART_RX_MODULE).toMatch(/\(\* ASYNC_REG = "TRUE" \*\) reg \[1:0\] sync;/);
    expect(UART_TX_MODULE).toMatch(/assign tx = frame\[0\];/);
  });

  it('synth_xilinx: the tx pin is an OBUF fed straight by an FDSE/FDRE', async () => {
    const y = await runYosysWasm(
      [
        '-q',
        '-p',
        `read_verilog ${UART_TX_NAME}.v; synth_xilinx -family xc7 -top ${UART_TX_NAME}; write_json out.json`,
      ],
      { [`${UART_TX_NAME}.v`]: UART_TX_MODULE },
    );
    const json = JSON.parse(y.files['out.json'] as string) as {
      modules: Record<string, JsonModule>;
    };
    const m = json.modules[UART_TX_NAME]!;
    const pin = m.ports.tx!.bits[0]!;
    const obuf = drivers(m, pin, ['O']);
    expect(obuf.map((c) => c.type)).toEqual(['OBUF']);
    const src = drivers(m, obuf[0]!.connections.I![0]!, ['Q', 'O']);
    expect(src.map((c) => c.type)).toHaveLength(1);
    expect(['FDSE', 'FDRE']).toContain(src[0]!.type);
  });
});
