import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../board/board-frame.js';
import { bytesToCodes, replyFrame } from '../board/uart-framing.js';
import type { BoardTransport } from '../host/board-transport.js';
import { readVectorFile, runBoardCli } from './board-cli.js';

const io = { inputCount: 2, inputWidth: 16, outputCount: 3, outputWidth: 16 };

/** A board in TypeScript: answers each request with (a + b, a − b, −a), losing the first frame. */
function fakeBoard(): BoardTransport & { frames: number } {
  const parser = new FrameDecoder(4);
  let out: number[] = [];
  const board = {
    frames: 0,
    write: async (bytes: Uint8Array) => {
      for (const f of parser.pushAll(bytes)) {
        board.frames++;
        if (board.frames === 1) continue; // lost on the line: the host must resend
        const [a, b] = bytesToCodes(f.payload, 16) as [number, number];
        out.push(...replyFrame(io, f.tag, 0, [a + b, a - b, -a]));
      }
    },
    read: async () => {
      const r = Uint8Array.from(out);
      out = [];
      return r;
    },
    close: async () => {},
  };
  return board;
}

describe('latentkit-board', () => {
  it('reads JSON and CSV vectors (a non-numeric first CSV line is a header)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lk-board-'));
    writeFileSync(join(dir, 'v.json'), '[[1, 2], [3, -4]]');
    writeFileSync(join(dir, 'v.csv'), 'x,y\n1,2\n# comment\n3;-4\n');
    expect(readVectorFile(join(dir, 'v.json'))).toEqual([
      [1, 2],
      [3, -4],
    ]);
    expect(readVectorFile(join(dir, 'v.csv'))).toEqual([
      [1, 2],
      [3, -4],
    ]);
  });

  it('send: quantizes, exchanges frames with retries, saves JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lk-board-'));
    const board = fakeBoard();
    const opened: string[] = [];
    const code = await runBoardCli(
      [
        'send',
        '--port',
        '/dev/fake',
        '--inputs',
        '2',
        '--outputs',
        '3',
        '--in-frac',
        '4',
        '--out-frac',
        '4',
        '--vector',
        '1.5,-0.25',
        '--vector',
        '2,0.03',
        '--timeout',
        '20',
        '--out',
        join(dir, 'r.json'),
      ],
      {
        openTransport: async (p, baud) => {
          opened.push(`${p}@${baud}`);
          return board;
        },
        print: () => {},
      },
    );
    expect(code).toBe(0);
    expect(opened).toEqual(['/dev/fake@115200']);
    const r = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    // 1.5 → 24, −0.25 → −4; 2 → 32, 0.03·16 = 0.48 → 0 (half-even rounding)
    expect(r.inputs).toEqual([
      [24, -4],
      [32, 0],
    ]);
    expect(r.outputs).toEqual([
      [20, 28, -24],
      [32, 32, -32],
    ]);
    expect(r.values[0]).toEqual([1.25, 1.75, -1.5]);
    expect(r.retries).toBe(1);
    expect(board.frames).toBe(3);
  });

  it('send: rejects a vector of the wrong length with exit code 1', async () => {
    const code = await runBoardCli(
      ['send', '--port', 'x', '--inputs', '2', '--outputs', '3', '--vector', '1,2,3'],
      { openTransport: async () => fakeBoard(), print: () => {} },
    );
    expect(code).toBe(1);
  });
});
