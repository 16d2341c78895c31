/**
 * The host side of the board protocol against the real RTL: `exchangeVectors` (the code path of
 * the `latentkit-board` command) talks to the Iris VAE's Nexys4 DDR top running in Icarus
 * Verilog through `openSimulatedBoard` — request encoding → simulated UART → reply decoding —
 * and gets the golden model's codes; a transport that loses a byte makes it retry that frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BoardDesign,
  type BoardTransport,
  exchangeVectors,
  generateVae,
  nexysTop,
  type TestVectors,
  vaeVectors,
} from '../src/index.js';
import { openSimulatedBoard } from '../src/node.js';
import { irisSetup } from './iris.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

let board: BoardDesign;
let vectors: TestVectors;
let link: BoardTransport | undefined;

beforeAll(async () => {
  const { q, inputs } = await irisSetup(200);
  board = nexysTop(generateVae(q, { name: 'iris_vae' }));
  vectors = vaeVectors(q, inputs.slice(100, 108), { sample: false });
  if (iverilogAvailable()) link = await openSimulatedBoard(board, { clksPerBit: 16 });
});

afterAll(async () => {
  await link?.close();
});

const io = () => ({
  inputCount: board.io.inputCount,
  inputWidth: board.io.inputFormat.width,
  outputCount: board.io.outputCount,
  outputWidth: board.io.outputFormat.width,
});

describe('latentkit-board host code against the simulated board (iverilog)', () => {
  it('round-trips 5 vectors bit-exactly, no retries', async () => {
    if (!link) return;
    const r = await exchangeVectors(link, io(), vectors.inputs.slice(0, 5));
    expect(r.outputs).toEqual(vectors.expected.slice(0, 5));
    expect(r.replies.map((x) => x.tag)).toEqual([0, 1, 2, 3, 4]);
    expect(r.retries).toBe(0);
    expect(r.discarded).toBe(0);
  });

  it('retries a frame that lost a byte on the way, and the board counts the loss', async () => {
    if (!link) return;
    const inner = link;
    let writes = 0;
    const lossy: BoardTransport = {
      write: (bytes) => {
        writes++;
        // the first attempt of the second vector loses its 6th byte
        return inner.write(writes === 2 ? bytes.filter((_, i) => i !== 5) : bytes);
      },
      read: (ms) => inner.read(ms),
      close: () => inner.close(),
    };
    const retried: number[] = [];
    const r = await exchangeVectors(lossy, io(), vectors.inputs.slice(5, 8), {
      firstTag: 100,
      onRetry: (v) => retried.push(v),
    });
    expect(r.outputs).toEqual(vectors.expected.slice(5, 8));
    expect(retried).toEqual([1]);
    expect(r.retries).toBe(1);
    // the cut frame is discarded when the retry's FLAG arrives
    expect(r.replies.map((x) => x.discarded)).toEqual([0, 1, 1]);
  });
});
