/**
 * The VGA top end to end: a small seeded decoder (4 → 32 → 784) behind `nexysVgaTop`, the
 * harness walks the latent space with the buttons (load start vector 1, step two dimensions),
 * then captures one whole frame from the pins like a monitor. The frame must equal the golden
 * picture — the golden model's codes of the walked vector, through `greyLevel`, scaled — pixel
 * for pixel, and the syncs must have the 640×480 @ 60 Hz timing. Verilator when installed (≈ 40 s
 * to build on a loaded machine, ≈ 1 s per frame), else CXXRTL.
 */
import { describe, expect, it } from 'vitest';
import {
  generateMlp,
  greyLevel,
  mlpVectors,
  nexysVgaTop,
  type VgaBoardDesign,
  vgaScreen,
  type WalkAction,
  walkLatent,
} from '../src/index.js';
import { availableSimulators, simulateVgaFrame } from '../src/node.js';
import { smallImageDecoder } from './vga.testutil.js';

const q = smallImageDecoder();
const core = generateMlp(q, { name: 'tiny_dec', lanes: [4, 16] });
const frac = q.layers[0]!.input.frac;
const board: VgaBoardDesign = nexysVgaTop(core, {
  startVectors: [[0, 0, 0, 0], [1, -1, 0.5, 2].map((v) => Math.round(v * 2 ** frac))],
});
const actions: WalkAction[] = [
  { switches: 0x1000 | 1, button: 'center' },
  { switches: 0x1000 | 1, button: 'up' },
  { switches: 0x1000 | 1, button: 'up' },
  { switches: 0x1000 | 3, button: 'down' },
  { switches: 0x1000 | 2 }, // switches only
];

function golden(z: number[]): Uint8Array {
  const codes = mlpVectors(q, [z]).expected[0]!;
  return vgaScreen(
    codes.map((c) => greyLevel(c, core.io.outputFormat)),
    board.vga.layout,
  );
}

const differing = (a: Uint8Array, b: Uint8Array) =>
  a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);

describe('nexysVgaTop: one frame from the pins', () => {
  it('refuses an unknown option before running anything', async () => {
    await expect(simulateVgaFrame(board, { simulater: 'x' } as never)).rejects.toThrow(/simulater/);
  });

  it('shows the golden image of the walked latent vector, with 640×480 @ 60 Hz timing', async () => {
    const z = walkLatent(board.vga.controls, 0, actions);
    const step = board.vga.controls.step;
    expect(z).toEqual([2 ** frac, -(2 ** frac) + 2 * step, 2 ** (frac - 1), 2 * 2 ** frac - step]);
    const want = golden(z);
    // the comparison can fail: the picture has many levels and differs from the start vector's
    expect(new Set(want).size).toBeGreaterThan(8);
    expect(differing(want, golden(board.vga.controls.startVectors[1]!))).toBeGreaterThan(1000);
    const simulator = availableSimulators().verilator ? 'verilator' : 'cxxrtl';
    const r = await simulateVgaFrame(board, { simulator, actions });
    console.log(
      `VGA frame (${simulator}): build ${r.compileMs} ms, ${r.cycles} clocks in ${r.runMs} ms; ` +
        `idle after ${r.idleAt} clocks; ${differing(r.screen, want)} differing pixels`,
    );
    expect(r.timedOut).toBe(false);
    expect(differing(r.screen, want)).toBe(0);
    expect(r.nonGrey).toBe(0);
    expect(r.litInBlanking).toBe(0);
    expect(r.timing).toEqual({
      hsPeriodClocks: [3200, 3200],
      hsLowClocks: [384, 384],
      vsPeriodClocks: 3200 * 525,
      vsLowClocks: 3200 * 2,
      h: { total: 800, sync: 96, back: 48, front: 16, visible: 640 },
      v: { total: 525, sync: 2, back: 33, front: 10, visible: 480 },
    });
  });
});
