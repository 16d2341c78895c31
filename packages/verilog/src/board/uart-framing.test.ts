import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './board-frame.js';
import {
  bytesPerCode,
  bytesToCodes,
  codesToBytes,
  parseReply,
  replyFrame,
  replyPayloadBytes,
  requestFrame,
  requestPayloadBytes,
} from './uart-framing.js';

describe('UART byte framing', () => {
  it('sends codes little-endian in whole bytes, sign-extended', () => {
    expect(bytesPerCode(16)).toBe(2);
    expect(bytesPerCode(12)).toBe(2);
    expect(bytesPerCode(8)).toBe(1);
    expect(codesToBytes([0x1234, -2], 16)).toEqual([0x34, 0x12, 0xfe, 0xff]);
    expect(codesToBytes([-2], 12)).toEqual([0xfe, 0xff]);
  });

  it('round-trips codes of odd widths', () => {
    const codes = [-2048, -1, 0, 1, 2047];
    expect(bytesToCodes(codesToBytes(codes, 12), 12)).toEqual(codes);
  });

  it('builds request and reply frames a host and the board agree on', () => {
    const io = { inputCount: 2, inputWidth: 12, outputCount: 3, outputWidth: 16 };
    expect(requestPayloadBytes(io)).toBe(4);
    expect(replyPayloadBytes(io)).toBe(7);
    const req = new FrameDecoder(4).pushAll(requestFrame(io, 5, [-1, 0x7e]))[0]!;
    expect(req.tag).toBe(5);
    expect(bytesToCodes(req.payload, 12)).toEqual([-1, 0x7e]);
    const rep = new FrameDecoder(7).pushAll(replyFrame(io, 5, 258, [-32768, 32767, 0x7d7e]))[0]!;
    expect(parseReply(io, rep)).toEqual({ tag: 5, discarded: 2, codes: [-32768, 32767, 0x7d7e] });
    expect(() => requestFrame(io, 0, [1])).toThrow(RangeError);
  });
});
