/**
 * The framed UART protocol on the Iris VAE's Nexys4 DDR top, in Icarus Verilog at 16 clocks per
 * bit: frames round-trip, and a dropped, flipped or extra byte, garbage between frames or a lost
 * FLAG costs exactly the frame it hits — the board resynchronizes on the next FLAG and answers
 * every later frame correctly, counting the discarded frames in its status byte.
 */
import { createRng } from '@latentkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BoardDesign,
  generateVae,
  nexysTop,
  type TestVectors,
  type UartFault,
  vaeVectors,
} from '../src/index.js';
import { simulateUart } from '../src/node.js';
import { irisSetup } from './iris.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

let board: BoardDesign;
let vectors: TestVectors;

beforeAll(async () => {
  const { q, inputs } = await irisSetup(200);
  board = nexysTop(generateVae(q, { name: 'iris_vae' }));
  // z = mu: every answered frame's result is independent of which frames were lost (with
  // sampling on, the noise stream would advance only for the frames the board computed).
  vectors = vaeVectors(q, inputs.slice(150, 162), { sample: false });
});

describe('board frames through the simulated UART (iverilog)', () => {
  it('round-trips 12 vectors: tags echoed, status 0, outputs bit-exact', async () => {
    if (!iverilogAvailable()) return;
    const r = await simulateUart(board, vectors, { simulator: 'iverilog', clksPerBit: 16 });
    expect(r.byteMismatches).toEqual([]);
    expect(r.replies.map((x) => x.tag)).toEqual([...Array(12).keys()]);
    expect(r.replies.every((x) => x.discarded === 0)).toBe(true);
    expect(r.outputs).toEqual(vectors.expected);
    expect(r.pass).toBe(true);
  });

  it('answers frames sent back to back (3 before waiting): full duplex, in order', async () => {
    if (!iverilogAvailable()) return;
    const r = await simulateUart(board, vectors, {
      simulator: 'iverilog',
      clksPerBit: 16,
      window: 3,
    });
    expect(r.byteMismatches).toEqual([]);
    expect(r.replies.map((x) => x.discarded)).toEqual(Array(12).fill(0));
    expect(r.outputs).toEqual(vectors.expected);
    expect(r.pass).toBe(true);
  });

  it('a dropped, flipped or extra byte, garbage or a lost FLAG costs only its frame', async () => {
    if (!iverilogAvailable()) return;
    const rng = createRng(20);
    const garbage = Array.from({ length: 9 }, () => Math.floor(rng.next() * 256));
    garbage[4] = 0x7e; // a stray FLAG inside the garbage opens a frame the real one cuts
    const faults: UartFault[] = [
      { kind: 'drop', vector: 1, byte: 5 },
      { kind: 'flip', vector: 3, byte: 7, bit: 2 },
      { kind: 'garbage', vector: 5, bytes: garbage },
      { kind: 'extra', vector: 7, byte: 4, value: 0x33 },
      { kind: 'drop', vector: 9, byte: 0 },
      { kind: 'flip', vector: 10, byte: 11, bit: 7 },
    ];
    const r = await simulateUart(board, vectors, {
      simulator: 'iverilog',
      clksPerBit: 16,
      faults,
    });
    // The garbage before frame 5 leaves frame 5 intact; every other faulted frame is lost.
    const lost = [1, 3, 7, 9, 10];
    const kept = [...Array(12).keys()].filter((v) => !lost.includes(v));
    expect(r.answered).toEqual(kept);
    expect(r.byteMismatches).toEqual([]);
    expect(r.replies.map((x) => x.tag)).toEqual(kept);
    expect(r.outputs).toEqual(kept.map((v) => vectors.expected[v]));
    // Status bytes: frames discarded so far (the cut frame 1 is counted when frame 2's FLAG
    // arrives; the stray FLAG in the garbage adds one; frame 9 without its FLAG is never seen).
    expect(r.replies.map((x) => x.discarded)).toEqual([0, 1, 2, 3, 3, 4, 5]);
    expect(r.pass).toBe(true);
  });
});
