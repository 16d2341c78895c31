import type { FloatVae, QuantizationReport } from '@latentkit/quantize';
import { floatVaeFromModel } from '@latentkit/quantize';
import { paletteColor } from '@latentkit/report';
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MANIFEST_FILE, MODEL_FILES } from '../common/asset-files.js';
import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startBackend,
} from '../common/demo-frame.js';
import { button, figure, fmt, h, selectControl } from '../common/dom.js';
import { createLineChart } from '../common/line-chart.js';
import type { ModelManifest } from '../common/model-manifest.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { tarArchive } from '../common/tar-archive.js';
import {
  BIT_CHOICES,
  type IrisDesignFiles,
  irisDesign,
  quantizeIris,
  reconstructionErrors,
  sigmoidTable,
} from './hardware-model.js';
import { IRIS_VERILOG_NAME, type IrisRows, type IrisSynthesis, irisRows } from './iris-setup.js';

/** Options of {@link mountHardwareDemo}. */
export interface HardwareDemoOptions extends DemoOptions {
  /** Bit width shown first. Default 8. */
  bits?: number;
}

/** What {@link mountHardwareDemo} returns. */
export interface HardwareDemoHandle extends DemoHandle {
  readonly bits: number;
  setBits(bits: number): void;
  /** Test reconstruction MSE of the quantized model at the current width. */
  readonly mse: number | undefined;
  /** Generates the Verilog at the current width (as the button does) and returns its files. */
  generate(): Record<string, string>;
  /** The generated files as a tar archive (after `generate`). */
  tar(): Uint8Array | undefined;
}

const text = (s: string) => document.createTextNode(s);

/**
 * Live demo 7, hardware: the pretrained float Iris VAE (`models/iris-vae.safetensors`,
 * 4 → 16 tanh → 2-D latent → 16 ReLU → 4) quantized in the page (`@latentkit/quantize`) to the
 * chosen bit width: test reconstruction error against the float model for every width, per-layer
 * SQNR, the sigmoid units' error table at that width; then the Verilog (`@latentkit/verilog`,
 * browser entry): core, Nexys4 DDR top + XDC, self-checking testbench, one download. FPGA
 * resources come from the pretraining script's Yosys runs (8, 12, 16 bits) in `manifest.json`:
 * synthesis does not run in the page.
 *
 * Numbers for tests on `section.lk-live[data-live="hardware"]`: `data-bits`, `data-mse`,
 * `data-float-mse`, `data-sigmoid-unit`, and after Generate `data-verilog-files`,
 * `data-verilog-bytes`, `data-verilog-top`.
 */
export function mountHardwareDemo(
  element: HTMLElement,
  options: HardwareDemoOptions,
): HardwareDemoHandle {
  const frame = createDemoFrame(element, 'hardware');
  let bits = options.bits ?? 8;
  let vae: FloatVae | undefined;
  let rows: IrisRows | undefined;
  let report: QuantizationReport | undefined;
  let synthesis: IrisSynthesis[] | string = 'not loaded';
  let design: IrisDesignFiles | undefined;
  let archive: Uint8Array | undefined;
  const urls: string[] = [];
  const revoke = () => {
    for (const u of urls.splice(0)) URL.revokeObjectURL(u);
  };
  frame.onDispose(revoke);

  const chart = createLineChart({
    width: 380,
    height: 220,
    xLabel: 'bits (weights and activations)',
    yLabel: 'log₁₀ test MSE',
    description:
      'Test reconstruction error (log10 MSE) of the quantized Iris VAE against the bit width; the float model as a dashed line.',
  });
  const mseEl = h('p', {});
  const sqnrTable = h('table', {});
  const sigmoidEl = h('div', {});
  const resourcesEl = h('div', {});
  const verilogEl = h(
    'div',
    {},
    h(
      'p',
      { class: 'lk-note' },
      'Press “Generate Verilog” to build the design for this bit width.',
    ),
  );

  function row(cells: (string | Node)[], header = false, selected = false): HTMLTableRowElement {
    const tr = h('tr', selected ? { class: 'lk-selected' } : {});
    for (const c of cells) tr.append(h(header ? 'th' : 'td', {}, c));
    return tr;
  }

  function showNumbers(): void {
    if (!report) return;
    const entry = report.entries.find((e) => e.bits === bits)!;
    const widest = report.entries[report.entries.length - 1]!;
    const saturation =
      widest.mseRelativeChange > 0.02
        ? ` Even at ${widest.bits} bits the error stays ${fmt(100 * widest.mseRelativeChange, 1)} % above float: that is saturation, not rounding — the formats come from the 120 training rows, and some test rows drive a layer past its calibrated range (see its low activation SQNR below).`
        : '';
    mseEl.replaceChildren(
      text('Test reconstruction MSE at '),
      h('strong', {}, `${bits} bits`),
      text(': '),
      h('span', { class: 'lk-number' }, fmt(entry.mse, 5)),
      text(
        ` (float ${fmt(report.float.mse, 5)}; ${entry.mseRelativeChange >= 0 ? '+' : '−'}${fmt(Math.abs(100 * entry.mseRelativeChange), 2)} %). Standardized units, 30 test rows, z = μ.${saturation}`,
      ),
    );
    chart.draw(
      [
        {
          label: 'quantized',
          color: paletteColor(0),
          x: report.entries.map((e) => e.bits),
          y: report.entries.map((e) => Math.log10(e.mse)),
        },
        {
          label: 'float',
          color: paletteColor(1),
          x: [BIT_CHOICES[0]!, BIT_CHOICES[BIT_CHOICES.length - 1]!],
          y: [Math.log10(report.float.mse), Math.log10(report.float.mse)],
          dashed: true,
        },
      ],
      { markerX: bits },
    );
    sqnrTable.replaceChildren(
      h('caption', {}, `Per-layer SQNR at ${bits} bits (dB; activations end to end)`),
      row(['layer', 'weights', 'activations'], true),
      ...entry.layers.map((l) =>
        row([`${l.part} ${l.name}`, fmt(l.weightSqnrDb, 1), fmt(l.activationSqnrDb, 1)]),
      ),
    );
    const sig = sigmoidTable(bits);
    sigmoidEl.replaceChildren(
      h(
        'table',
        {},
        h(
          'caption',
          {},
          `Sigmoid units for input s${bits}.${bits - 4}, output s${bits}.${bits - 2}: |error| against σ(x) over every input code`,
        ),
        row(['unit', 'max |error|', 'mean |error|', 'ROM entries', 'multipliers'], true),
        ...sig.rows.map((c) =>
          row(
            [
              c.label,
              c.maxAbsError.toExponential(2),
              c.meanAbsError.toExponential(2),
              String(c.lutEntries),
              String(c.multipliers),
            ],
            false,
            c.label === sig.chosen,
          ),
        ),
      ),
      h(
        'p',
        { class: 'lk-note' },
        `Highlighted: ${sig.chosen}, the unit defaultSigmoid picks (smallest max error within 1024 ROM entries and 1 multiplier). The encoder's tanh is 2σ(2x) − 1 around it. The Taylor series diverges beyond |x| ≈ 2.`,
      ),
    );
    frame.setData('bits', bits);
    frame.setData('mse', entry.mse.toExponential(6));
    frame.setData('float-mse', report.float.mse.toExponential(6));
    frame.setData('sigmoid-unit', sig.chosen);
    showResources();
  }

  function showResources(): void {
    if (typeof synthesis === 'string') {
      resourcesEl.replaceChildren(
        h(
          'p',
          { class: 'lk-note' },
          `FPGA resources: synthesis ${synthesis}. Run the pretraining script (or the verilog bench) with @yowasp/yosys installed.`,
        ),
      );
      return;
    }
    resourcesEl.replaceChildren(
      h(
        'table',
        {},
        h('caption', {}, 'Nexys4 DDR design (UART top + core), Yosys synth_xilinx, XC7A100T'),
        row(['bits', 'LUT', 'FF', 'DSP48E1', 'BRAM (RAMB36)'], true),
        ...synthesis.map((s) =>
          row(
            [String(s.bits), String(s.luts), String(s.ffs), String(s.dsp), String(s.bram36)],
            false,
            s.bits === bits,
          ),
        ),
      ),
      h(
        'p',
        { class: 'lk-note' },
        synthesis.some((s) => s.bits === bits)
          ? 'Technology mapping by the pretraining script (no place and route). The device has 63,400 LUTs, 126,800 FFs, 240 DSP48E1 and 135 RAMB36.'
          : `No synthesis figures for ${bits} bits: synthesis runs outside the page (pretraining script or bench) at ${synthesis.map((s) => s.bits).join(', ')} bits.`,
      ),
    );
  }

  function generate(): Record<string, string> {
    if (!vae || !rows) throw new Error('the model is not loaded yet');
    const q = quantizeIris(vae, rows, bits);
    design = irisDesign(q, rows);
    archive = tarArchive(design.files, `${IRIS_VERILOG_NAME}_${bits}bit`);
    revoke();
    const link = (name: string, data: string | Uint8Array, type: string) => {
      const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
      urls.push(url);
      return h('a', { href: url, download: name }, name);
    };
    const names = Object.keys(design.files).sort();
    const bytes = names.reduce((s, n) => s + design!.files[n]!.length, 0);
    const top = design.files[`${design.core.top}.v`] ?? '';
    const cycles = design.core.layers.reduce((s, l) => s + l.computeCycles, 0);
    verilogEl.replaceChildren(
      h(
        'p',
        {},
        link(`${IRIS_VERILOG_NAME}_${bits}bit.tar`, archive, 'application/x-tar'),
        text(` — all ${names.length} files (${fmt(bytes / 1024, 1)} KiB) in one tar archive.`),
      ),
      h(
        'p',
        { class: 'lk-note' },
        `Core ${design.core.top}: ${design.core.layers.map((l) => `${l.layer} ${l.inFeatures}→${l.outFeatures} (${l.unit}, ${l.lanes} MAC)`).join('; ')}; ≈ ${cycles} compute cycles per vector. ` +
          `Board top ${design.boardTop} (UART 115200 baud) with its XDC; testbench ${design.testbenchTop} checks the 30 test rows against the golden model: iverilog -o tb ${design.core.sources.join(' ')} ${design.testbenchTop}.v && vvp tb.`,
      ),
      h(
        'details',
        {},
        h('summary', {}, 'Files'),
        h(
          'ul',
          {},
          ...names.map((n) =>
            h(
              'li',
              {},
              link(n, design!.files[n]!, 'text/plain'),
              text(` ${design!.files[n]!.length} B`),
            ),
          ),
        ),
      ),
      h(
        'details',
        {},
        h('summary', {}, `${design.core.top}.v`),
        h('pre', { class: 'lk-code' }, top),
      ),
    );
    frame.setData('verilog-files', names.length);
    frame.setData('verilog-bytes', bytes);
    frame.setData('verilog-top', design.core.top);
    return { ...design.files };
  }

  const bitsSelect = selectControl(
    'Bit width',
    BIT_CHOICES.map((b) => ({ value: String(b), text: `${b} bits` })),
    String(bits),
    (v) => handle.setBits(Number(v)),
  );
  const generateButton = button('Generate Verilog', () => generate(), { disabled: true });

  const ready = runSetup(frame, async () => {
    await startBackend(frame, options);
    frame.setStatus('Loading the pretrained Iris VAE…');
    const [bytes, manifestBytes] = await Promise.all([
      fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.irisVae}`), options.fetch),
      fetchCached(assetUrl(options.assetBase, `models/${MANIFEST_FILE}`), options.fetch).catch(
        () => undefined,
      ),
    ]);
    if (frame.disposed) return;
    const loaded = pretrainedFromBytes(bytes);
    vae = floatVaeFromModel(loaded.model.config, loaded.model.store.toRecord());
    loaded.model.dispose();
    rows = irisRows();
    if (manifestBytes) {
      const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as ModelManifest;
      const extra = manifest.extras?.irisVae as
        | { synthesis?: IrisSynthesis[] | string }
        | undefined;
      synthesis = extra?.synthesis ?? 'not recorded';
    }
    report = reconstructionErrors(vae, rows);
    if (!BIT_CHOICES.includes(bits)) bits = 8;
    showNumbers();
    generateButton.disabled = false;
    frame.setStatus(
      `Float Iris VAE (4-16-2-16-4, ${loaded.training.epochs} epochs, seed ${loaded.training.seed}) quantized in the page; ` +
        `calibration: the 120 training rows of the seeded split.`,
    );
  });

  frame.body.append(
    h(
      'div',
      { class: 'lk-panel' },
      bitsSelect.root,
      mseEl,
      figure(
        'Test MSE against bit width (blue: quantized; red dashed: the float model; grey vertical line: the chosen width).',
        chart.canvas,
      ),
      sqnrTable,
    ),
    h('div', { class: 'lk-panel' }, sigmoidEl, resourcesEl),
    h('div', { class: 'lk-panel' }, h('h4', {}, 'Verilog'), generateButton, verilogEl),
  );

  const handle: HardwareDemoHandle = {
    ready,
    dispose: () => frame.dispose(),
    get bits() {
      return bits;
    },
    setBits(b: number) {
      if (!BIT_CHOICES.includes(b)) return;
      bits = b;
      bitsSelect.select.value = String(b);
      showNumbers();
      if (design) generate();
    },
    get mse() {
      return report?.entries.find((e) => e.bits === bits)?.mse;
    },
    generate,
    tar: () => archive,
  };
  return handle;
}
