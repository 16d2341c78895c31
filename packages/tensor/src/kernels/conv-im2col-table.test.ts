import { describe, expect, it } from 'vitest';
import { convIm2colTable } from './conv-im2col-table.js';
import { type Im2colGeometry, im2colTable } from './im2col-table.js';

const list = (t: { table: Int32Array }) => Array.from(t.table);

describe('convIm2colTable', () => {
  const g: Im2colGeometry = {
    h: 9,
    w: 11,
    cin: 3,
    kh: 4,
    kw: 2,
    sh: 2,
    sw: 3,
    top: 1,
    left: 0,
    oh: 4,
    ow: 3,
  };

  it('is the im2col table of the geometry its shapes name', () => {
    const t = convIm2colTable({
      xShape: [2, 9, 11, 3],
      kernel: [4, 2],
      strides: [2, 3],
      before: [1, 0],
      out: [4, 3],
    });
    expect(t.entries).toBe(im2colTable(g).entries);
    expect(list(t)).toEqual(list(im2colTable(g)));
  });

  it.each([
    ['h', 'w'],
    ['kh', 'kw'],
    ['sh', 'sw'],
    ['top', 'left'],
    ['oh', 'ow'],
  ] as const)(
    'tells %s from %s (the geometry above has another table with them swapped)',
    (a, b) => {
      expect(list(im2colTable({ ...g, [a]: g[b], [b]: g[a] }))).not.toEqual(list(im2colTable(g)));
    },
  );

  it('serves the same cached table for the same shapes whatever the batch size', () => {
    const shapes = { kernel: [3, 3], strides: [1, 1], before: [1, 1], out: [5, 5] } as const;
    const a = convIm2colTable({ xShape: [1, 5, 5, 2], ...shapes });
    expect(convIm2colTable({ xShape: [7, 5, 5, 2], ...shapes })).toBe(a);
  });
});
