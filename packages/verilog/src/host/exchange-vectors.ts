import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { FrameDecoder } from '../board/board-frame.js';
import {
  type BoardCodes,
  type BoardReply,
  parseReply,
  replyPayloadBytes,
  requestFrame,
} from '../board/uart-framing.js';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import type { BoardTransport } from './board-transport.js';

/** Options of {@link exchangeVectors}. */
export interface ExchangeOptions {
  /** How long to wait for each reply, ms (simulated time on a simulated board). Default 1000. */
  timeoutMs?: number;
  /** Extra attempts per vector after a timeout. Default 3. */
  retries?: number;
  /** Tag of the first vector; vector `i` gets `(firstTag + i) mod 256`. Default 0. */
  firstTag?: number;
  /** Called before each retry with the vector index and the attempt number (1, 2, …). */
  onRetry?: (vector: number, attempt: number) => void;
}

/** Result of {@link exchangeVectors}. */
export interface ExchangeResult {
  /** Output codes, one array per input vector. */
  outputs: number[][];
  /** The reply frames, one per input vector. */
  replies: BoardReply[];
  /** Requests sent again after a timeout, summed over all vectors. */
  retries: number;
  /** Frames the board had discarded since its reset, from the last reply's status byte. */
  discarded: number;
}

/**
 * Sends input vectors to a board over the frame protocol and collects its answers, one vector at
 * a time: each vector goes out as a request frame (`requestFrame`, tag `firstTag + i`); the host
 * reads until a good reply frame with that tag arrives (`FrameDecoder`; replies with another tag
 * — late answers to an earlier attempt — are skipped) or `timeoutMs` passes, and then sends the
 * frame again, up to `retries` times. Since the board drops a damaged frame and resynchronizes on
 * the next one, a retry is all a lost byte costs.
 *
 * @param transport - The byte link (serial port, simulated board…).
 * @param io - Code counts and widths of the board's core.
 * @param inputs - Input codes, `io.inputCount` per vector.
 * @throws {@link VerilogToolError} (`tool: 'board'`) when a vector gets no reply after all
 *   attempts.
 * @throws {@link InvalidArgumentError} for a vector of the wrong length or a bad option value.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { exchangeVectors } from '@latentkit/verilog';
 * import { openSerialTransport } from '@latentkit/verilog/node';
 *
 * const transport = await openSerialTransport('/dev/ttyUSB1', { baudRate: 115200 });
 * const io = { inputCount: 4, inputWidth: 8, outputCount: 4, outputWidth: 8 }; // the core's codes
 * const { outputs, retries } = await exchangeVectors(transport, io, [[1, 2, 3, 4], [0, 0, 0, 0]]);
 * await transport.close(); // outputs: one code vector per input, in order
 * ```
 */
export async function exchangeVectors(
  transport: BoardTransport,
  io: BoardCodes,
  inputs: readonly (readonly number[])[],
  options: ExchangeOptions = {},
): Promise<ExchangeResult> {
  requireKnownOptions(
    options,
    ['timeoutMs', 'retries', 'firstTag', 'onRetry'],
    'exchangeVectors options',
  );
  const timeoutMs = options.timeoutMs ?? 1000;
  const retries = options.retries ?? 3;
  if (!(timeoutMs > 0) || !Number.isInteger(retries) || retries < 0) {
    throw new InvalidArgumentError(
      'exchangeVectors options',
      `timeoutMs must be > 0 and retries an integer ≥ 0, got ${timeoutMs} and ${retries}`,
    );
  }
  inputs.forEach((v, i) => {
    if (v.length !== io.inputCount) {
      throw new InvalidArgumentError(
        'inputs',
        `vector ${i} has ${v.length} codes, the board takes ${io.inputCount}`,
      );
    }
  });
  const decoder = new FrameDecoder(replyPayloadBytes(io));
  const replies: BoardReply[] = [];
  let resent = 0;
  for (let i = 0; i < inputs.length; i++) {
    const tag = ((options.firstTag ?? 0) + i) & 0xff;
    const frame = Uint8Array.from(requestFrame(io, tag, inputs[i]!));
    let reply: BoardReply | undefined;
    for (let attempt = 0; attempt <= retries && !reply; attempt++) {
      if (attempt > 0) {
        resent++;
        options.onRetry?.(i, attempt);
      }
      await transport.write(frame);
      const deadline = Date.now() + timeoutMs;
      while (!reply) {
        const chunk = await transport.read(Math.max(1, deadline - Date.now()));
        for (const b of chunk) {
          const f = decoder.push(b);
          if (f && f.tag === tag && !reply) reply = parseReply(io, f);
        }
        if (chunk.length === 0 || Date.now() >= deadline) break;
      }
    }
    if (!reply) {
      throw new VerilogToolError(
        'board',
        `no reply to vector ${i} (tag ${tag}) after ${retries + 1} attempts of ${timeoutMs} ms`,
      );
    }
    replies.push(reply);
  }
  return {
    outputs: replies.map((r) => r.codes),
    replies,
    retries: resent,
    discarded: replies.at(-1)?.discarded ?? 0,
  };
}
