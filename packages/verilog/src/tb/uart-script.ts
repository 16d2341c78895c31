import { FrameDecoder } from '../board/board-frame.js';
import {
  type BoardCodes,
  codesToBytes,
  replyFrame,
  requestFrame,
  requestPayloadBytes,
} from '../board/uart-framing.js';
import { VerilogError } from '../errors/verilog-error.js';
import type { TestVectors } from './test-vectors.js';

/**
 * A line fault injected into the request stream of a UART bench, on the frame of `vector`
 * (byte indices count the frame's line bytes, FLAG = 0):
 * `drop` leaves byte `byte` out; `flip` inverts bit `bit` of byte `byte`; `extra` inserts `value`
 * before byte `byte`; `garbage` sends `bytes` just before the frame (the frame itself is intact).
 */
export type UartFault =
  | {
      /** Leave one byte of the request frame out. */
      kind: 'drop';
      /** Index of the vector (request frame) hit. */
      vector: number;
      /** Index of the byte in the frame as sent on the line (stuffed). */
      byte: number;
    }
  | {
      /** Invert one bit of one byte of the request frame. */
      kind: 'flip';
      /** Index of the vector (request frame) hit. */
      vector: number;
      /** Index of the byte in the frame as sent on the line (stuffed). */
      byte: number;
      /** Bit 0–7 to invert. */
      bit: number;
    }
  | {
      /** Insert one byte into the request frame. */
      kind: 'extra';
      /** Index of the vector (request frame) hit. */
      vector: number;
      /** Index in the line bytes before which the byte goes. */
      byte: number;
      /** The inserted byte, 0–255. */
      value: number;
    }
  | {
      /** Send these bytes on the line before the request frame. */
      kind: 'garbage';
      /** Index of the vector (request frame) they precede. */
      vector: number;
      /** The bytes, 0–255 each. */
      bytes: readonly number[];
    };

/** One step of a UART bench: send these bytes, then wait until these bytes came back. */
export interface UartSegment {
  /** Line bytes the host sends. */
  send: number[];
  /** Line bytes the board must answer before the host sends the next segment. */
  expect: number[];
}

/** The whole conversation of a UART bench. */
export interface UartScript {
  /** One segment per `window` vectors, in order. */
  segments: UartSegment[];
  /** Indices of the vectors whose frames the board must answer. */
  answered: number[];
  /** Frames the board discards over the whole stream (as its status byte counts them). */
  discarded: number;
}

/**
 * The conversation of a UART bench: vector `i` goes out as a request frame with tag `i mod 256`
 * (with its faults applied); which frames are answered, and the status byte of each reply, come
 * from running the host's own parser model (`FrameDecoder`, the model of `lk_frame_rx`) over
 * the stream, so the expected bytes follow from the protocol's definition, not from a second
 * copy of its rules. The host sends `window` frames (default 1), then waits for their answers
 * before sending the next segment; a window of 2 or more exercises the board's input FIFO (frames
 * arrive while one computes).
 *
 * @throws {@link VerilogError} (`bad-vectors`) for a fault on a vector or byte that does not
 *   exist, a fault that turns a frame into another good frame, or a window below 1.
 *
 * @example
 * ```ts
 * import { mlpVectors, uartScript } from '@latentkit/verilog';
 *
 * const io = { inputCount: 4, inputWidth: 8, outputCount: 4, outputWidth: 8 };
 * const script = uartScript(io, mlpVectors(q, inputs), [{ kind: 'drop', vector: 1, byte: 3 }]);
 * script.answered; // which vectors the board answers (vector 1's frame is broken)
 * ```
 */
export function uartScript(
  io: BoardCodes,
  vectors: TestVectors,
  faults: readonly UartFault[] = [],
  window = 1,
): UartScript {
  if (!Number.isInteger(window) || window < 1) {
    throw new VerilogError('bad-vectors', `window must be an integer ≥ 1, got ${window}`);
  }
  const n = vectors.inputs.length;
  if (n === 0) throw new VerilogError('bad-vectors', 'no vectors to send');
  if (faults.some((f) => !Number.isInteger(f.vector) || f.vector >= n || f.vector < 0)) {
    throw new VerilogError('bad-vectors', `a fault names a vector outside 0…${n - 1}`);
  }
  const parser = new FrameDecoder(requestPayloadBytes(io));
  const segments: UartSegment[] = [];
  const answered: number[] = [];
  for (let v = 0; v < n; v++) {
    const payload = codesToBytes(vectors.inputs[v]!, io.inputWidth);
    const frame = requestFrame(io, v & 0xff, vectors.inputs[v]!);
    let before: number[] = [];
    for (const f of faults.filter((x) => x.vector === v)) {
      if (f.kind === 'garbage') {
        before = [...before, ...f.bytes.map((b) => b & 0xff)];
        continue;
      }
      if (!Number.isInteger(f.byte) || f.byte < 0 || f.byte >= frame.length) {
        throw new VerilogError('bad-vectors', `fault byte ${f.byte} outside frame ${v}`);
      }
      if (f.kind === 'drop') frame.splice(f.byte, 1);
      else if (f.kind === 'extra') frame.splice(f.byte, 0, f.value & 0xff);
      else frame[f.byte] = frame[f.byte]! ^ (1 << (f.bit & 7));
    }
    const send = [...before, ...frame];
    const expect: number[] = [];
    for (const got of parser.pushAll(send)) {
      const same = got.tag === (v & 0xff) && got.payload.every((b, i) => b === payload[i]);
      if (!same) throw new VerilogError('bad-vectors', `faults on frame ${v} made another frame`);
      answered.push(v);
      expect.push(...replyFrame(io, got.tag, parser.discarded, vectors.expected[v]!));
    }
    segments.push({ send, expect });
  }
  const grouped: UartSegment[] = [];
  for (let i = 0; i < segments.length; i += window) {
    const g = segments.slice(i, i + window);
    grouped.push({ send: g.flatMap((x) => x.send), expect: g.flatMap((x) => x.expect) });
  }
  return { segments: grouped, answered, discarded: parser.discarded };
}
