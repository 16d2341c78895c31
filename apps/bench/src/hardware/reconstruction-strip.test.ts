import { describe, expect, it } from 'vitest';
import { reconstructionStrip } from './reconstruction-strip.js';

describe('reconstructionStrip', () => {
  it('stacks one row per source, image-major, with row labels', () => {
    const f = reconstructionStrip(
      [
        { label: 'a', images: [0, 1, 0.5, 1] },
        { label: 'b', images: [1, 0, 0, 0.2] },
      ],
      { title: 't', cols: 2, height: 1, width: 2 },
    );
    expect([f.rows, f.cols, f.height, f.width]).toEqual([2, 2, 1, 2]);
    expect(f.rowLabels).toEqual(['a', 'b']);
    expect(Array.from(Buffer.from(f.pixels, 'base64'))).toEqual([0, 255, 128, 255, 255, 0, 0, 51]);
  });

  it('refuses rows of the wrong size, or none', () => {
    expect(() =>
      reconstructionStrip([{ label: 'a', images: [0, 1, 0] }], {
        title: 't',
        cols: 2,
        height: 1,
        width: 2,
      }),
    ).toThrow(/row 'a' has 3 values, expected 4/);
    expect(() => reconstructionStrip([], { title: 't', cols: 1 })).toThrow(RangeError);
  });
});
