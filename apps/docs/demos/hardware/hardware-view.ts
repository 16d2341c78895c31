/**
 * The hardware demo's elements: the bit-width select, the MSE line and chart, the SQNR, sigmoid
 * and resources tables, and the Verilog panel with its download links (object URLs, revoked when
 * replaced or on `dispose`). It draws what it is given and reports the user's choices through
 * callbacks; it holds no model and no numbers of its own.
 */
import { button, figure, fmt, h, selectControl } from '../common/dom.js';
import { createLineChart } from '../common/line-chart.js';
import { BIT_CHOICES } from './hardware-model.js';
import type { ErrorReport, HardwareDesign, SigmoidRows } from './hardware-session.js';
import {
  designSummary,
  entryAt,
  errorSeries,
  mseRemark,
  resourceCells,
  resourcesNote,
  sigmoidCaption,
  sigmoidCells,
  sigmoidNote,
  sqnrCells,
} from './hardware-state.js';
import type { IrisSynthesis } from './iris-setup.js';

/** What the view tells the demo. */
export interface HardwareViewEvents {
  onBits(bits: number): void;
  onGenerate(): void;
}

/** The demo's view; see the module comment. */
export interface HardwareView {
  /** The demo's panels (appended to the frame's body, which lays them out side by side). */
  panels: HTMLElement[];
  /** Shows the numbers of one width (and marks it in the resources table). */
  showNumbers(report: ErrorReport, sigmoid: SigmoidRows, synthesis: IrisSynthesis[] | string): void;
  /** Shows a design's links, summary and core source. */
  showDesign(design: HardwareDesign): void;
  /** Sets the select without reporting it. */
  setBits(bits: number): void;
  setGenerateEnabled(enabled: boolean): void;
  /** Revokes the download links' object URLs. */
  dispose(): void;
}

const text = (s: string) => document.createTextNode(s);

function row(cells: (string | Node)[], header = false, selected = false): HTMLTableRowElement {
  const tr = h('tr', selected ? { class: 'lk-selected' } : {});
  for (const c of cells) tr.append(h(header ? 'th' : 'td', {}, c));
  return tr;
}

/** Builds the view with `bits` selected. */
export function createHardwareView(bits: number, events: HardwareViewEvents): HardwareView {
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
  const urls: string[] = [];
  const revoke = () => {
    for (const u of urls.splice(0)) URL.revokeObjectURL(u);
  };
  const link = (name: string, data: string | Uint8Array, type: string) => {
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
    urls.push(url);
    return h('a', { href: url, download: name }, name);
  };
  const bitsSelect = selectControl(
    'Bit width',
    BIT_CHOICES.map((b) => ({ value: String(b), text: `${b} bits` })),
    String(bits),
    (v) => events.onBits(Number(v)),
  );
  const generateButton = button('Generate Verilog', () => events.onGenerate(), { disabled: true });

  function showResources(synthesis: IrisSynthesis[] | string, shown: number): void {
    const note = h('p', { class: 'lk-note' }, resourcesNote(synthesis, shown));
    if (typeof synthesis === 'string') {
      resourcesEl.replaceChildren(note);
      return;
    }
    const cells = resourceCells(synthesis);
    resourcesEl.replaceChildren(
      h(
        'table',
        {},
        h('caption', {}, 'Nexys4 DDR design (UART top + core), Yosys synth_xilinx, XC7A100T'),
        row(['bits', 'LUT', 'FF', 'DSP48E1', 'BRAM (RAMB36)'], true),
        ...synthesis.map((s, i) => row(cells[i]!, false, s.bits === shown)),
      ),
      note,
    );
  }

  return {
    panels: [
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
    ],
    showNumbers(report, sigmoid, synthesis) {
      const shown = sigmoid.bits;
      const entry = entryAt(report, shown);
      mseEl.replaceChildren(
        text('Test reconstruction MSE at '),
        h('strong', {}, `${shown} bits`),
        text(': '),
        h('span', { class: 'lk-number' }, fmt(entry.mse, 5)),
        text(mseRemark(report, shown)),
      );
      chart.draw(errorSeries(report), { markerX: shown });
      sqnrTable.replaceChildren(
        h('caption', {}, `Per-layer SQNR at ${shown} bits (dB; activations end to end)`),
        row(['layer', 'weights', 'activations'], true),
        ...sqnrCells(entry).map((cells) => row(cells)),
      );
      sigmoidEl.replaceChildren(
        h(
          'table',
          {},
          h('caption', {}, sigmoidCaption(shown)),
          row(['unit', 'max |error|', 'mean |error|', 'ROM entries', 'multipliers'], true),
          ...sigmoid.rows.map((c) => row(sigmoidCells(c), false, c.label === sigmoid.chosen)),
        ),
        h('p', { class: 'lk-note' }, sigmoidNote(sigmoid.chosen)),
      );
      showResources(synthesis, shown);
    },
    showDesign(design) {
      revoke();
      const summary = designSummary(design);
      const top = design.files[`${design.core.top}.v`] ?? '';
      verilogEl.replaceChildren(
        h(
          'p',
          {},
          link(`${design.archiveName}.tar`, design.tar, 'application/x-tar'),
          text(summary.archiveText),
        ),
        h('p', { class: 'lk-note' }, summary.note),
        h(
          'details',
          {},
          h('summary', {}, 'Files'),
          h(
            'ul',
            {},
            ...summary.names.map((n) =>
              h(
                'li',
                {},
                link(n, design.files[n]!, 'text/plain'),
                text(` ${design.files[n]!.length} B`),
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
    },
    setBits(b) {
      bitsSelect.select.value = String(b);
    },
    setGenerateEnabled(enabled) {
      generateButton.disabled = !enabled;
    },
    dispose: revoke,
  };
}
