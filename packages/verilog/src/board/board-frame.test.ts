import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc8, encodeFrame, FRAME_ESCAPE, FRAME_FLAG, FrameDecoder } from './board-frame.js';

const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('board frame protocol', () => {
  it('uses CRC-8/SMBUS (check value 0xF4) and the CRC of body + CRC is 0', () => {
    expect(crc8(text('123456789'))).toBe(0xf4);
    const body = [7, 0x7e, 0x7d, 0, 255];
    expect(crc8([...body, crc8(body)])).toBe(0);
  });

  it('stuffs FLAG and ESCAPE so FLAG only ever starts a frame', () => {
    const f = encodeFrame(0x7e, [0x7d, 1]);
    expect(f.slice(0, 5)).toEqual([FRAME_FLAG, FRAME_ESCAPE, 0x5e, FRAME_ESCAPE, 0x5d]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.array(fc.integer({ min: 0, max: 255 })),
        (tag, payload) => {
          const line = encodeFrame(tag, payload);
          expect(line.lastIndexOf(FRAME_FLAG)).toBe(0);
          const d = new FrameDecoder(payload.length);
          expect(d.pushAll(line)).toEqual([{ tag, payload }]);
          expect(d.discarded).toBe(0);
        },
      ),
      { seed: 20, numRuns: 200 },
    );
  });

  it('rejects every single-bit error of a frame', () => {
    const line = encodeFrame(3, [0x12, 0x34, 0xfe, 0xff, 0x7e, 0x00, 0x80, 0x01]);
    for (let i = 0; i < line.length; i++) {
      for (let b = 0; b < 8; b++) {
        const bad = [...line];
        bad[i] = bad[i]! ^ (1 << b);
        const d = new FrameDecoder(8);
        expect(d.pushAll(bad)).toEqual([]);
      }
    }
  });

  it('loses only the frame a dropped, extra or garbage byte hits', () => {
    const frames = [0, 1, 2, 3].map((t) => encodeFrame(t, [t, 0x7e, 0x40 + t, 9]));
    const dropped = frames[1]!.filter((_, i) => i !== 3);
    const extra = [...frames[2]!.slice(0, 2), 0x99, ...frames[2]!.slice(2)];
    const stream = [
      ...frames[0]!,
      ...dropped,
      0x01,
      0x7d,
      0x7d,
      0x7e,
      0x55,
      ...extra,
      ...frames[3]!,
    ];
    const d = new FrameDecoder(4);
    expect(d.pushAll(stream).map((f) => f.tag)).toEqual([0, 3]);
    // frame 1 (a byte short) completed by the garbage's 0x01 fails its CRC, 0x7D 0x7D after it is
    // outside a frame (ignored), the garbage frame (0x7E 0x55) is cut by frame 2's FLAG, and
    // frame 2 (a byte long) fails its CRC
    expect(d.discarded).toBe(3);
  });

  it('discards a frame hit by a line error and repeated FLAGs cost nothing', () => {
    const d = new FrameDecoder(1);
    d.push(FRAME_FLAG);
    d.push(5);
    d.lineError();
    expect(d.discarded).toBe(1);
    expect(d.pushAll([FRAME_FLAG, FRAME_FLAG, ...encodeFrame(9, [1])])).toEqual([
      { tag: 9, payload: [1] },
    ]);
    expect(d.discarded).toBe(1);
  });
});
