import { encodeGreyPng, type ImageGridFigure } from '@latentkit/report';
import { zlibDeflate } from '@latentkit/report/node';
import { type VgaBoardDesign, vivadoProjectFiles } from '@latentkit/verilog';
import type { SynthesisOutcome } from './verilog-run.js';
import type { VgaFrameRun } from './vga-frame.js';

const W = 640;
const H = 480;

/** Grey levels 0…15 as bytes 0…255 (level · 17). */
const bytes = (levels: Uint8Array) => levels.map((v) => v * 17);

/** The verdict: "captured frame equals golden image: yes (0 differing pixels)". */
export function vgaVerdict(v: VgaFrameRun): string {
  return `captured frame equals golden image: ${v.differing === 0 && v.captured.length > 0 ? 'yes' : 'no'} (${v.differing} differing pixels)`;
}

/** The VGA top's row of the headline table (same columns as `headlineRow`). */
export function vgaHeadlineRow(v: VgaFrameRun, s: SynthesisOutcome | undefined): string[] {
  const r = s?.ok ? s.result.resources : undefined;
  return [
    'MNIST decoder + VGA top',
    v.captured.length > 0
      ? `frame = golden: ${v.differing === 0 ? 'yes' : 'no'} (${v.simulator})`
      : `not run: ${v.note.slice(0, 80)}`,
    '',
    '',
    r ? String(r.luts) : s ? 'synthesis failed' : '',
    r ? String(r.ffs) : '',
    r ? String(r.dsp) : '',
    r ? String(r.bram36) : '',
    r ? (r.fits ? 'yes' : `no (${r.over.join(', ')})`) : '',
  ];
}

/** The notes of the VGA frame: verdict, measured syncs, what the user did, simulation time. */
export function vgaNotes(v: VgaFrameRun, s: SynthesisOutcome | undefined): string[] {
  const t = v.timing;
  const sync = t
    ? `syncs from the pins: line ${t.h.total} px (${t.hsPeriodClocks[0]}…${t.hsPeriodClocks[1]} clocks), HS ${t.h.sync} px low, back porch ${t.h.back}, front porch ${t.h.front}, ${t.h.visible} lit; ` +
      `frame ${t.v.total} lines, VS ${t.v.sync} lines low, back porch ${t.v.back}, front porch ${t.v.front}, ${t.v.visible} lit`
    : 'no timing (the run failed)';
  return [
    `MNIST VGA top (${v.simulator}): ${vgaVerdict(v)}; non-grey pixels ${v.nonGrey}, lit samples in blanking ${v.litInBlanking}${v.pass ? '' : ' — FAIL'}.`,
    `VGA ${sync}.`,
    `VGA walk: ${v.walk}; image decoded ${v.idleAt} clocks after reset; build ${(v.compileMs / 1000).toFixed(1)} s, one frame (${v.cycles} clocks) ${(v.runMs / 1000).toFixed(1)} s.`,
    ...(v.note ? [`VGA note: ${v.note}`] : []),
    ...(s && !s.ok ? [`MNIST VGA top: synthesis failed: ${s.error.slice(0, 400)}`] : []),
  ];
}

/** Captured and golden frame side by side, shown at half size (every image pixel is 16 × 16). */
export function vgaFigure(v: VgaFrameRun): ImageGridFigure {
  const half = (levels: Uint8Array) => {
    const out = new Uint8Array((W / 2) * (H / 2));
    if (levels.length === 0) return out;
    for (let y = 0; y < H / 2; y++) {
      for (let x = 0; x < W / 2; x++) out[y * (W / 2) + x] = levels[2 * y * W + 2 * x]! * 17;
    }
    return out;
  };
  const px = new Uint8Array(2 * (W / 2) * (H / 2));
  px.set(half(v.captured), 0);
  px.set(half(v.golden), (W / 2) * (H / 2));
  return {
    kind: 'images',
    title: `MNIST decoder on VGA: captured frame vs golden image (${vgaVerdict(v)})`,
    caption:
      `Left: the 640×480 frame the simulated monitor captured from VGA_R/G/B, VGA_HS, VGA_VS (${v.simulator}); ` +
      `right: the golden model's image of the same latent vector through the same 4-bit grey mapping, 16× scaled. ` +
      'Shown at half size; the full-size PNGs are in files/mnist-vga/.',
    rows: 1,
    cols: 2,
    height: H / 2,
    width: W / 2,
    pixels: Buffer.from(px).toString('base64'),
    rowLabels: ['captured | golden'],
  };
}

/**
 * The VGA top's board folder (sources, ROM images, XDC, Vivado `build.tcl` / `program.tcl`), and
 * the captured and golden frames as 640×480 PNGs.
 */
export function vgaFiles(v: VgaFrameRun, board: VgaBoardDesign, s: SynthesisOutcome | undefined) {
  const files: Record<string, string | Uint8Array> = {};
  for (const [k, text] of Object.entries(board.files)) files[`mnist-vga/${k}`] = text;
  for (const [k, text] of Object.entries(vivadoProjectFiles(board))) files[`mnist-vga/${k}`] = text;
  const png = (levels: Uint8Array) =>
    encodeGreyPng({ width: W, height: H, pixels: bytes(levels) }, { deflate: zlibDeflate });
  if (v.captured.length > 0) files['mnist-vga/captured-frame.png'] = png(v.captured);
  files['mnist-vga/golden-frame.png'] = png(v.golden);
  if (s?.ok) files['mnist-vga/synth_stat.txt'] = s.result.stat;
  return files;
}
