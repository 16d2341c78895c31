import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startWorkerBackend,
} from '../common/demo-frame.js';
import type { ModelSession } from '../common/model-client.js';
import { BIT_CHOICES } from './hardware-model.js';
import type {
  HardwareDesign,
  HardwareInfo,
  HardwareSessionOptions,
  SigmoidRows,
} from './hardware-session.js';
import { designData, entryAt, initialBits, numbersData } from './hardware-state.js';
import { createHardwareView } from './hardware-view.js';

/** Options of {@link mountHardwareDemo}. */
export interface HardwareDemoOptions extends DemoOptions {
  /** Bit width shown first. Default 8. */
  bits?: number;
}

/** What {@link mountHardwareDemo} returns. */
export interface HardwareDemoHandle extends DemoHandle {
  /** The bit width chosen (its numbers show once the worker has sent them). */
  readonly bits: number;
  /** Chooses a width (as the select does); resolves when its numbers are shown. */
  setBits(bits: number): Promise<void>;
  /** Test reconstruction MSE of the quantized model at the chosen width. */
  readonly mse: number | undefined;
  /** Generates the Verilog at the chosen width (as the button does); resolves with its files. */
  generate(): Promise<Record<string, string>>;
  /** The generated files as a tar archive (after `generate`). */
  tar(): Uint8Array | undefined;
}

/**
 * Live demo 7, hardware: the pretrained float Iris VAE (`models/iris-vae.safetensors`,
 * 4 → 16 tanh → 2-D latent → 16 ReLU → 4) quantized (`@latentkit/quantize`) to the chosen bit
 * width: test reconstruction error against the float model for every width, per-layer SQNR, the
 * sigmoid units' error table at that width; then the Verilog (`@latentkit/verilog`, browser
 * entry): core, Nexys4 DDR top + XDC, self-checking testbench, one download. Quantization,
 * golden model, error tables, Verilog and archive are computed in the page's model worker
 * (`hardware-session.ts`); the page draws and offers the download. FPGA resources come from the
 * pretraining script's Yosys runs (8, 12, 16 bits) in `manifest.json`: synthesis does not run in
 * the page.
 *
 * Numbers for tests on `section.lk-live[data-live="hardware"]`: `data-bits`, `data-mse`,
 * `data-float-mse`, `data-sigmoid-unit` (all set together once a width's numbers show), and after
 * Generate `data-verilog-files`, `data-verilog-bytes`, `data-verilog-top`.
 */
export function mountHardwareDemo(
  element: HTMLElement,
  options: HardwareDemoOptions,
): HardwareDemoHandle {
  const frame = createDemoFrame(element, 'hardware');
  let bits = initialBits(options.bits);
  let session: ModelSession | undefined;
  let info: HardwareInfo | undefined;
  let design: HardwareDesign | undefined;
  const sigmoids = new Map<number, Promise<SigmoidRows>>();
  let shown: Promise<void> = Promise.resolve();
  let numbersCalls = 0;
  let generateCalls = 0;

  /** A failed request from the controls: said in the status line (the demo keeps running). */
  const failed = (what: string) => (error: unknown) => {
    if (!frame.disposed) {
      frame.setStatus(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const view = createHardwareView(bits, {
    onBits: (b) => void handle.setBits(b).catch(failed('Measuring this width')),
    onGenerate: () => void handle.generate().catch(failed('Generating the Verilog')),
  });
  frame.body.append(...view.panels);
  frame.onDispose(() => {
    session?.close();
    view.dispose();
  });
  const setData = (data: Record<string, string>) => {
    for (const [key, value] of Object.entries(data)) frame.setData(key, value);
  };

  function sigmoidAt(b: number): Promise<SigmoidRows> {
    let rows = sigmoids.get(b);
    if (!rows) {
      rows = session!.call<SigmoidRows>('sigmoid', { bits: b });
      rows.catch(() => sigmoids.delete(b));
      sigmoids.set(b, rows);
    }
    return rows;
  }

  /** Shows the numbers of `bits` once the worker has measured them (a newer call wins). */
  function showNumbers(): Promise<void> {
    if (!session || !info) return shown;
    const call = ++numbersCalls;
    const b = bits;
    const report = info.report;
    const synthesis = info.synthesis;
    shown = sigmoidAt(b).then((sigmoid) => {
      if (call !== numbersCalls || frame.disposed) return;
      view.showNumbers(report, sigmoid, synthesis);
      setData(numbersData(report, sigmoid));
    });
    return shown;
  }

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus('Loading the pretrained Iris VAE and quantizing it at every width…');
    const sessionOptions: HardwareSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
    };
    const opened = await worker.open('hardware', sessionOptions);
    if (frame.disposed) {
      opened.close();
      return;
    }
    session = opened;
    const loaded = await opened.call<HardwareInfo>('info');
    if (frame.disposed) return;
    info = loaded;
    await showNumbers();
    view.setGenerateEnabled(true);
    frame.setStatus(
      `Float Iris VAE (4-16-2-16-4, ${loaded.training.epochs} epochs, seed ${loaded.training.seed}) quantized in the page (in a Web Worker); ` +
        `calibration: the 120 training rows of the seeded split.`,
    );
  });

  const handle: HardwareDemoHandle = {
    ready,
    dispose: () => frame.dispose(),
    get bits() {
      return bits;
    },
    async setBits(b: number) {
      if (!BIT_CHOICES.includes(b)) return;
      bits = b;
      view.setBits(b);
      const numbers = showNumbers();
      if (design) void handle.generate().catch(failed('Generating the Verilog'));
      await numbers;
    },
    get mse() {
      return info ? entryAt(info.report, bits).mse : undefined;
    },
    async generate() {
      if (!session) throw new Error('the model is not loaded yet');
      const call = ++generateCalls;
      const made = await session.call<HardwareDesign>('generate', { bits });
      if (call === generateCalls && !frame.disposed) {
        design = made;
        view.showDesign(made);
        setData(designData(made));
      }
      return { ...made.files };
    },
    tar: () => design?.tar,
  };
  return handle;
}
