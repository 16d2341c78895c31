import { type DecodedFrame, encodeFrame } from './board-frame.js';

/**
 * How codes become bytes in the payload of a board frame (`board-frame.ts`): every code travels
 * as `ceil(width / 8)` bytes, little-endian, two's complement (sign-extended to whole bytes on the
 * way out; on the way in the bits above the width are ignored). A request frame carries the
 * `inputCount` codes of a vector; a reply frame a status byte and the `outputCount` codes of the
 * result (see {@link requestFrame}, {@link replyFrame}).
 *
 * @example
 * ```ts
 * import { bytesPerCode } from '@latentkit/verilog';
 *
 * bytesPerCode(8); // → 1
 * bytesPerCode(12); // → 2 (codes travel as whole bytes, little-endian)
 * ```
 */
export function bytesPerCode(width: number): number {
  return Math.ceil(width / 8);
}

/**
 * The bytes of codes (see {@link bytesPerCode}).
 *
 * @example
 * ```ts
 * import { codesToBytes } from '@latentkit/verilog';
 *
 * codesToBytes([0x234, -1], 12); // → [0x34, 0x02, 0xff, 0xff] (little-endian, sign-extended)
 * ```
 */
export function codesToBytes(codes: readonly number[], width: number): number[] {
  const nb = bytesPerCode(width);
  const out: number[] = [];
  for (const c of codes) {
    let v = BigInt(c);
    if (v < 0n) v += 1n << BigInt(8 * nb);
    for (let b = 0; b < nb; b++) out.push(Number((v >> BigInt(8 * b)) & 0xffn));
  }
  return out;
}

/**
 * Codes from bytes (inverse of {@link codesToBytes}).
 *
 * @example
 * ```ts
 * import { bytesToCodes } from '@latentkit/verilog';
 *
 * bytesToCodes([0x34, 0x12, 0xff, 0x0f], 12); // → [0x234, −1] (12-bit two's complement)
 * ```
 */
export function bytesToCodes(bytes: readonly number[], width: number): number[] {
  const nb = bytesPerCode(width);
  const out: number[] = [];
  for (let i = 0; i + nb <= bytes.length; i += nb) {
    let v = 0n;
    for (let b = nb - 1; b >= 0; b--) v = (v << 8n) | BigInt(bytes[i + b]! & 0xff);
    const m = v & ((1n << BigInt(width)) - 1n);
    out.push(Number(m >= 1n << BigInt(width - 1) ? m - (1n << BigInt(width)) : m));
  }
  return out;
}

/** The code layout of a board's frames: what a host needs to talk to it. */
export interface BoardCodes {
  /** Codes per request (the core's input count). */
  inputCount: number;
  /** Bits per input code. */
  inputWidth: number;
  /** Codes per reply (the core's output count). */
  outputCount: number;
  /** Bits per output code. */
  outputWidth: number;
}

/**
 * Payload bytes of a request frame: the input codes.
 *
 * @example
 * ```ts
 * import { requestPayloadBytes } from '@latentkit/verilog';
 *
 * requestPayloadBytes({ inputCount: 20, inputWidth: 12, outputCount: 784, outputWidth: 8 }); // → 40
 * ```
 */
export function requestPayloadBytes(io: BoardCodes): number {
  return io.inputCount * bytesPerCode(io.inputWidth);
}

/**
 * Payload bytes of a reply frame: the status byte and the output codes.
 *
 * @example
 * ```ts
 * import { replyPayloadBytes } from '@latentkit/verilog';
 *
 * replyPayloadBytes({ inputCount: 20, inputWidth: 8, outputCount: 784, outputWidth: 8 }); // → 785
 * ```
 */
export function replyPayloadBytes(io: BoardCodes): number {
  return 1 + io.outputCount * bytesPerCode(io.outputWidth);
}

/**
 * The line bytes of a request: one frame with `tag` and the input codes of one vector.
 *
 * @throws RangeError when `codes` does not hold `io.inputCount` codes.
 *
 * @example
 * ```ts
 * import { requestFrame } from '@latentkit/verilog';
 *
 * const io = { inputCount: 4, inputWidth: 8, outputCount: 2, outputWidth: 8 };
 * const bytes = requestFrame(io, 0, [1, 2, 3, 4]); // the line bytes for one input vector, tag 0
 * ```
 */
export function requestFrame(io: BoardCodes, tag: number, codes: readonly number[]): number[] {
  if (codes.length !== io.inputCount) {
    throw new RangeError(`a request holds ${io.inputCount} codes, got ${codes.length}`);
  }
  return encodeFrame(tag, codesToBytes(codes, io.inputWidth));
}

/**
 * The line bytes of the board's reply: the request's `tag`, a status byte — the number of frames
 * the board has discarded since reset, modulo 256 — and the output codes.
 *
 * @example
 * ```ts
 * import { replyFrame } from '@latentkit/verilog';
 *
 * const io = { inputCount: 4, inputWidth: 8, outputCount: 2, outputWidth: 8 };
 * const bytes = replyFrame(io, 5, 0, [3, -3]); // what the board sends back for request 5
 * ```
 */
export function replyFrame(
  io: BoardCodes,
  tag: number,
  discarded: number,
  codes: readonly number[],
): number[] {
  return encodeFrame(tag, [discarded & 0xff, ...codesToBytes(codes, io.outputWidth)]);
}

/** A decoded reply. */
export interface BoardReply {
  /** The tag of the request it answers. */
  tag: number;
  /** Frames the board had discarded since reset when it sent this reply (mod 256). */
  discarded: number;
  /** The output codes. */
  codes: number[];
}

/**
 * Reads a reply frame (from a `FrameDecoder` of {@link replyPayloadBytes}).
 *
 * @example
 * ```ts
 * import { FrameDecoder, parseReply, replyFrame, replyPayloadBytes } from '@latentkit/verilog';
 *
 * const io = { inputCount: 4, inputWidth: 8, outputCount: 2, outputWidth: 8 };
 * const [frame] = new FrameDecoder(replyPayloadBytes(io)).pushAll(replyFrame(io, 5, 0, [3, -3]));
 * parseReply(io, frame!); // → { tag: 5, discarded: 0, codes: [3, −3] }
 * ```
 */
export function parseReply(io: BoardCodes, frame: DecodedFrame): BoardReply {
  return {
    tag: frame.tag,
    discarded: frame.payload[0]!,
    codes: bytesToCodes(frame.payload.slice(1), io.outputWidth),
  };
}
