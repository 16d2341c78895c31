import { readFileSync, writeFileSync } from 'node:fs';
import { requireKnownOptions } from '@latentkit/core';
import { quantize } from '@latentkit/quantize';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { BoardCodes } from '../board/uart-framing.js';
import type { BoardTransport } from '../host/board-transport.js';
import { exchangeVectors } from '../host/exchange-vectors.js';
import { loadSerialPort, openSerialTransport } from './serial-transport.js';

/** What {@link runBoardCli} needs from the outside world (replaceable in tests). */
export interface BoardCliEnv {
  /** Opens the link for `--port` at `--baud`. Default: {@link openSerialTransport}. */
  openTransport?: (path: string, baudRate: number) => Promise<BoardTransport>;
  /** Where normal output goes. Default `process.stdout`. */
  print?: (text: string) => void;
}

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be an integer`);
  return n;
};

/**
 * Reads vectors from a `.json` file (an array of number arrays) or a CSV file (one vector per
 * line, comma/semicolon/space separated; a first line that is not numeric is a header).
 *
 * @example
 * ```ts
 * import { readVectorFile } from '@latentkit/verilog/node';
 *
 * const inputs = readVectorFile('inputs.csv'); // one vector per line → number[][]
 * const same = readVectorFile('inputs.json'); // [[…], […]]
 * ```
 */
export function readVectorFile(path: string): number[][] {
  const text = readFileSync(path, 'utf8');
  if (path.toLowerCase().endsWith('.json')) {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) {
      throw new InvalidArgumentError(`${path}: expected an array of number arrays`);
    }
    return data.map((r: unknown[]) => r.map(Number));
  }
  const rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(/[,;\s]+/).map(Number));
  if (rows.length > 0 && rows[0]!.some(Number.isNaN)) rows.shift();
  return rows;
}

/**
 * The `latentkit-board` command: talks to a Nexys4 DDR top over a serial port with the frame
 * protocol (`exchangeVectors`).
 *
 * ```
 * latentkit-board send --port /dev/ttyUSB1 --inputs 4 --outputs 4 --file rows.csv --in-frac 12
 * latentkit-board send --port COM5 --inputs 2 --outputs 784 --vector 0.5,-1 --in-frac 12 --out results.json
 * latentkit-board ports
 * ```
 *
 * `send` reads vectors from `--file` (JSON or CSV) and/or `--vector a,b,…` (repeatable). Without
 * `--in-frac` the numbers are the input codes; with it they are real values quantized like the
 * golden model (`quantize`, round half to even, saturating). Results (output codes, real values
 * with `--out-frac`, retries, the board's discarded-frame count) are printed as JSON or saved to
 * `--out`. Each frame waits `--timeout` ms for its reply and is resent up to `--retries` times.
 *
 * @param argv - Arguments after the program name.
 * @param env - Replaces the serial port and the output (for tests and embedding).
 * @throws {@link UnknownOptionError} for an unknown key in `env`.
 * @returns The process exit code (0 on success).
 *
 * @example
 * ```ts
 * import { runBoardCli } from '@latentkit/verilog/node';
 *
 * // what `latentkit-board` runs; returns the exit code
 * const code = await runBoardCli(
 *   ['send', '--port', '/dev/ttyUSB1', '--inputs', '4', '--outputs', '4', '--file', 'rows.csv'],
 * ); // 0 on success; the results are printed as JSON
 * ```
 */
export async function runBoardCli(argv: readonly string[], env: BoardCliEnv = {}): Promise<number> {
  requireKnownOptions(env, ['openTransport', 'print'], 'runBoardCli env');
  const print = env.print ?? ((t: string) => process.stdout.write(t));
  const open = env.openTransport ?? ((path, baudRate) => openSerialTransport(path, { baudRate }));
  const program = new Command('latentkit-board')
    .description('Send vectors to a @latentkit/verilog Nexys4 DDR top over its serial port')
    .exitOverride();
  program
    .command('ports')
    .description('list serial ports')
    .action(async () => {
      const { SerialPort } = await loadSerialPort();
      for (const p of await SerialPort.list()) print(`${p.path}\t${p.manufacturer ?? ''}\n`);
    });
  program
    .command('send')
    .description('send input vectors (latent vectors for a decoder, data rows for a VAE)')
    .requiredOption('--port <path>', 'serial port, e.g. /dev/ttyUSB1 or COM5')
    .requiredOption('--inputs <n>', 'codes per input vector', int('--inputs'))
    .requiredOption('--outputs <n>', 'codes per result', int('--outputs'))
    .addOption(
      new Option('--in-width <bits>', 'bits per input code')
        .default(16)
        .argParser(int('--in-width')),
    )
    .addOption(
      new Option('--out-width <bits>', 'bits per output code')
        .default(16)
        .argParser(int('--out-width')),
    )
    .option(
      '--in-frac <bits>',
      'inputs are real values with this many fraction bits',
      int('--in-frac'),
    )
    .option(
      '--out-frac <bits>',
      'also report outputs as reals with this many fraction bits',
      int('--out-frac'),
    )
    .option('--file <path>', 'vectors from a .json or .csv file')
    .option(
      '--vector <values>',
      'one vector, comma separated (repeatable)',
      (v, acc: string[]) => [...acc, v],
      [],
    )
    .addOption(new Option('--baud <rate>', 'baud rate').default(115200).argParser(int('--baud')))
    .addOption(
      new Option('--timeout <ms>', 'reply timeout per frame')
        .default(1000)
        .argParser(int('--timeout')),
    )
    .addOption(
      new Option('--retries <n>', 'resends per frame').default(3).argParser(int('--retries')),
    )
    .option('--out <path>', 'save the results as JSON here instead of printing them')
    .action(async (o) => {
      const io: BoardCodes = {
        inputCount: o.inputs,
        inputWidth: o.inWidth,
        outputCount: o.outputs,
        outputWidth: o.outWidth,
      };
      const raw = [
        ...(o.file ? readVectorFile(o.file) : []),
        ...(o.vector as string[]).map((v) => v.split(/[,;\s]+/).map(Number)),
      ];
      if (raw.length === 0) throw new InvalidArgumentError('no vectors: give --file or --vector');
      const inputs = raw.map((row, i) => {
        if (row.length !== io.inputCount || row.some((x) => !Number.isFinite(x))) {
          throw new InvalidArgumentError(`vector ${i} needs ${io.inputCount} numbers`);
        }
        if (o.inFrac === undefined) {
          if (!row.every(Number.isInteger)) {
            throw new InvalidArgumentError(
              `vector ${i}: codes must be integers (or give --in-frac)`,
            );
          }
          return row;
        }
        return row.map((x) => quantize(x, { width: io.inputWidth, frac: o.inFrac, signed: true }));
      });
      const link = await open(o.port, o.baud);
      try {
        const r = await exchangeVectors(link, io, inputs, {
          timeoutMs: o.timeout,
          retries: o.retries,
        });
        const result = {
          inputs,
          outputs: r.outputs,
          ...(o.outFrac === undefined
            ? {}
            : { values: r.outputs.map((v) => v.map((c) => c * 2 ** -o.outFrac)) }),
          retries: r.retries,
          boardDiscardedFrames: r.discarded,
        };
        const json = `${JSON.stringify(result, null, 2)}\n`;
        if (o.out) writeFileSync(o.out, json);
        else print(json);
      } finally {
        await link.close();
      }
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    if (typeof code === 'number' && (e as { code?: string }).code?.startsWith('commander.')) {
      return code;
    }
    process.stderr.write(`latentkit-board: ${(e as Error).message}\n`);
    return 1;
  }
}
