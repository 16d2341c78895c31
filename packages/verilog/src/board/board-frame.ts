/**
 * The framed byte protocol of the Nexys4 DDR tops — THE definition: the RTL frame parser and
 * builder (`lk_frame_rx`, `lk_frame_tx`), the UART testbenches and the host command are all
 * written against these functions.
 *
 * A frame on the line is
 *
 * ```
 * 0x7E | stuff( tag | payload … | crc8 )
 * ```
 *
 * - `0x7E` (FLAG) starts every frame and appears nowhere else: inside a frame, a body byte
 *   `0x7E` or `0x7D` is sent as `0x7D, byte ^ 0x20` (the byte stuffing of HDLC/PPP, RFC 1662).
 * - `tag`: one byte chosen by the host, echoed in the reply, so a late or repeated reply is
 *   never taken for another request's.
 * - `payload`: a fixed number of bytes per design and direction (request: the input codes;
 *   reply: a status byte, then the output codes; see `uart-framing.ts`).
 * - `crc8`: CRC-8/SMBUS (polynomial x⁸+x²+x+1 = 0x07, initial value 0, no reflection, no final
 *   XOR) of `tag | payload`. It detects every error of up to 3 bits in frames of up to 119 bits
 *   and every burst of ≤ 8 bits. Running the CRC over the whole body including the CRC byte
 *   gives 0, which is what the receiver checks.
 *
 * Why this layout: a FLAG that can only start a frame makes resynchronization local — a receiver
 * that sees FLAG drops whatever it was assembling and starts afresh, so a dropped, extra or
 * corrupted byte (or line garbage) costs at most the frame it hits. The length needs no field
 * (it is fixed per design, so a frame cut short is simply not finished when the next FLAG
 * arrives, and one too long fails its CRC), and byte stuffing costs the RTL one flag and one
 * XOR — far smaller than a COBS block decoder, with no idle timer to tune to the host's
 * scheduling jitter. The worst-case expansion is 2× (every body byte escaped); random codes
 * expand by 2/256.
 */

/** Start-of-frame byte: the only place it ever appears on the line. */
export const FRAME_FLAG = 0x7e;
/** Escape byte: the next byte is a body byte XOR {@link FRAME_ESCAPE_XOR}. */
export const FRAME_ESCAPE = 0x7d;
/** What an escaped body byte is XORed with. */
export const FRAME_ESCAPE_XOR = 0x20;
/** The CRC-8 polynomial (x⁸ + x² + x + 1, normal form). */
export const CRC8_POLY = 0x07;

/** One CRC-8/SMBUS step: the CRC after `byte`, starting from `crc` (both 0…255). */
export function crc8Step(crc: number, byte: number): number {
  let x = (crc ^ byte) & 0xff;
  for (let i = 0; i < 8; i++) x = x & 0x80 ? ((x << 1) ^ CRC8_POLY) & 0xff : (x << 1) & 0xff;
  return x;
}

/**
 * CRC-8/SMBUS of `bytes` (check value: `crc8("123456789") = 0xF4`).
 *
 * @example
 * ```ts
 * import { crc8 } from '@latentkit/verilog';
 *
 * crc8([...'123456789'].map((c) => c.charCodeAt(0))); // → 0xf4 (the CRC-8/SMBUS check value)
 * ```
 */
export function crc8(bytes: readonly number[]): number {
  let c = 0;
  for (const b of bytes) c = crc8Step(c, b);
  return c;
}

/**
 * The line bytes of one frame: FLAG, then `tag`, `payload` and their CRC-8, stuffed.
 *
 * @param tag - 0…255, echoed by the board.
 * @param payload - Body bytes (each 0…255).
 *
 * @example
 * ```ts
 * import { FrameDecoder, encodeFrame } from '@latentkit/verilog';
 *
 * const line = encodeFrame(7, [1, 2, 3]); // FLAG, tag 7, payload, CRC-8, byte-stuffed
 * new FrameDecoder(3).pushAll(line); // → [{ tag: 7, payload: [1, 2, 3] }]
 * ```
 */
export function encodeFrame(tag: number, payload: readonly number[]): number[] {
  const body = [tag & 0xff, ...payload.map((b) => b & 0xff)];
  body.push(crc8(body));
  const out = [FRAME_FLAG];
  for (const b of body) {
    if (b === FRAME_FLAG || b === FRAME_ESCAPE) out.push(FRAME_ESCAPE, b ^ FRAME_ESCAPE_XOR);
    else out.push(b);
  }
  return out;
}

/** A frame that passed its CRC. */
export interface DecodedFrame {
  /** The tag byte. */
  tag: number;
  /** The payload bytes (without tag and CRC). */
  payload: number[];
}

/**
 * A streaming frame parser for a fixed payload length: the byte-for-byte model of the RTL parser
 * `lk_frame_rx`. FLAG always starts a new frame (an unfinished one is discarded); bytes outside a
 * frame are ignored; `0x7D 0x7D` or a failed CRC discards the frame. {@link discarded} counts
 * discarded frames exactly as the board's status byte does (a frame of zero body bytes cut by
 * the next FLAG is not counted, so repeated FLAGs are harmless).
 *
 * @example
 * ```ts
 * import { FrameDecoder, encodeFrame } from '@latentkit/verilog';
 *
 * const decoder = new FrameDecoder(3); // frames with 3 payload bytes
 * const bytes = [...encodeFrame(1, [9, 9, 9]), 0x55, ...encodeFrame(2, [4, 5, 6])]; // noise between
 * decoder.pushAll(bytes); // → [{ tag: 1, payload: [9, 9, 9] }, { tag: 2, payload: [4, 5, 6] }]
 * decoder.discarded; // frames dropped for a bad CRC or length so far
 * ```
 */
export class FrameDecoder {
  /** Frames discarded so far (bad CRC, bad escape, cut short by a FLAG, line error). */
  discarded = 0;
  private readonly length: number;
  private body: number[] = [];
  private inFrame = false;
  private escaped = false;

  /**
   * @param payloadBytes - Payload bytes per frame (tag and CRC not included).
   */
  constructor(payloadBytes: number) {
    this.length = payloadBytes + 2;
  }

  /** Feeds one line byte; returns the frame it completes, if it completes a good one. */
  push(byte: number): DecodedFrame | undefined {
    const b = byte & 0xff;
    if (b === FRAME_FLAG) {
      if (this.inFrame && (this.body.length > 0 || this.escaped)) this.discarded++;
      this.inFrame = true;
      this.escaped = false;
      this.body = [];
      return undefined;
    }
    if (!this.inFrame) return undefined;
    if (b === FRAME_ESCAPE) {
      if (this.escaped) this.abort();
      else this.escaped = true;
      return undefined;
    }
    this.body.push(this.escaped ? b ^ FRAME_ESCAPE_XOR : b);
    this.escaped = false;
    if (this.body.length < this.length) return undefined;
    this.inFrame = false;
    if (crc8(this.body) !== 0) {
      this.discarded++;
      return undefined;
    }
    return { tag: this.body[0]!, payload: this.body.slice(1, -1) };
  }

  /** Feeds many bytes; returns the good frames they complete, in order. */
  pushAll(bytes: Iterable<number>): DecodedFrame[] {
    const out: DecodedFrame[] = [];
    for (const b of bytes) {
      const f = this.push(b);
      if (f) out.push(f);
    }
    return out;
  }

  /** A receive error (a UART stop bit that was low): the frame in progress is discarded. */
  lineError(): void {
    if (this.inFrame) this.abort();
  }

  private abort(): void {
    this.discarded++;
    this.inFrame = false;
    this.escaped = false;
  }
}
