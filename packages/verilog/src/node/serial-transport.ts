import { requireKnownOptions } from '@latentkit/core';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import type { BoardTransport } from '../host/board-transport.js';
import { UART_BAUD } from '../uart/uart-modules.js';

/** Options of {@link openSerialTransport}. */
export interface SerialTransportOptions {
  /** Baud rate. Default 115200 (the generated tops' UART). */
  baudRate?: number;
}

/** The part of a `serialport` port used here. */
export interface SerialPortLike {
  write(data: Uint8Array, cb: (err?: Error | null) => void): boolean;
  drain(cb: (err?: Error | null) => void): void;
  on(event: 'data', cb: (chunk: Uint8Array) => void): unknown;
  on(event: 'error', cb: (err: Error) => void): unknown;
  close(cb: (err?: Error | null) => void): void;
}

/** The part of `serialport`'s `SerialPort` class used here. */
export interface SerialPortClass {
  new (
    options: { path: string; baudRate: number; dataBits: 8; stopBits: 1; parity: 'none' },
    cb: (err: Error | null) => void,
  ): SerialPortLike;
  /** Serial ports on this machine. */
  list(): Promise<{ path: string; manufacturer?: string }[]>;
}

const HINT =
  'install the npm package serialport (an optional peer dependency of @latentkit/verilog)';

/**
 * Loads the `serialport` package (an optional peer dependency: its prebuilt native binding ships
 * inside the package, no install script needed).
 *
 * @throws {@link VerilogToolError} (`missing`) when it is not installed.
 */
export async function loadSerialPort(): Promise<{ SerialPort: SerialPortClass }> {
  try {
    return (await import(/* @vite-ignore */ 'serialport')) as never;
  } catch (e) {
    throw new VerilogToolError(
      'serialport',
      `cannot load serialport; ${HINT}`,
      String(e),
      'missing',
    );
  }
}

/**
 * Opens a serial port as a {@link BoardTransport}, 8N1 at `baudRate` (the Nexys4 DDR's FT2232
 * shows up as `/dev/ttyUSB1` on Linux, `COMn` on Windows). Received bytes are buffered until
 * `read` takes them.
 *
 * @throws {@link VerilogToolError} (`missing`) without the `serialport` package, (`failed`) when
 *   the port cannot be opened.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { exchangeVectors } from '@latentkit/verilog';
 * import { openSerialTransport } from '@latentkit/verilog/node';
 *
 * const port = await openSerialTransport('/dev/ttyUSB1', { baudRate: 115200 });
 * try {
 *   const { outputs } = await exchangeVectors(port, io, inputs);
 * } finally {
 *   await port.close();
 * }
 * ```
 */
export async function openSerialTransport(
  path: string,
  options: SerialTransportOptions = {},
): Promise<BoardTransport> {
  requireKnownOptions(options, ['baudRate'], 'openSerialTransport options');
  const { SerialPort } = await loadSerialPort();
  let buffered: number[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const port = await new Promise<SerialPortLike>((resolve, reject) => {
    const p = new SerialPort(
      { path, baudRate: options.baudRate ?? UART_BAUD, dataBits: 8, stopBits: 1, parity: 'none' },
      (err) =>
        err
          ? reject(new VerilogToolError('serialport', `cannot open ${path}: ${err.message}`))
          : resolve(p),
    );
  });
  port.on('data', (chunk) => {
    buffered.push(...chunk);
    wake?.();
  });
  port.on('error', (err) => {
    failure = err;
    wake?.();
  });
  const fail = (err: Error) => new VerilogToolError('serialport', `${path}: ${err.message}`);
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(bytes, (err) => {
          if (err) reject(fail(err));
          else port.drain((e) => (e ? reject(fail(e)) : resolve()));
        });
      }),
    read: async (timeoutMs) => {
      if (buffered.length === 0 && !failure) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, timeoutMs);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = null;
      }
      if (failure) throw fail(failure);
      const out = Uint8Array.from(buffered);
      buffered = [];
      return out;
    },
    close: () => new Promise<void>((resolve) => port.close(() => resolve())),
  };
}
