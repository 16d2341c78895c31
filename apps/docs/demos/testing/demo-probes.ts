/**
 * Browser-test helpers for the live demos (playwright-core): each drives one demo on a page that
 * shows it and returns numbers read from the page — `data-*` attributes of the demo's
 * `section.lk-live[data-live=<name>]` and canvas pixels — so tests check output, not markup.
 * Node side only (imported by `*.e2e.test.ts`).
 */
import type { Locator, Page } from 'playwright-core';

/** The module names of the demos (`<LiveDemo name=…>`, `section.lk-live[data-live=…]`). */
export const DEMO_NAMES = [
  'pca',
  'latent-explorer',
  'cvae',
  'beta-vae',
  'train-in-browser',
  'hardware',
  'vq-vae',
] as const;

/** A demo's name. */
export type DemoName = (typeof DEMO_NAMES)[number];

/** The root of demo `name` on the page. */
export function demoRoot(page: Page, name: DemoName): Locator {
  return page.locator(`section.lk-live[data-live="${name}"]`);
}

/** Every `data-*` attribute of the demo's root, camel-cased as `dataset` does. */
export async function demoData(page: Page, name: DemoName): Promise<Record<string, string>> {
  return demoRoot(page, name).evaluate(
    (el) => ({ ...(el as HTMLElement).dataset }) as Record<string, string>,
  );
}

/**
 * Waits until the demo is ready (`data-state="ready"`) and returns its data.
 *
 * @throws Error with the demo's message when it reports `data-state="error"`.
 */
export async function waitForDemo(
  page: Page,
  name: DemoName,
  timeoutMs = 60_000,
): Promise<Record<string, string>> {
  const root = demoRoot(page, name);
  await root.waitFor({ timeout: timeoutMs });
  await page.waitForFunction(
    (n) => {
      const s = document
        .querySelector(`section.lk-live[data-live="${n}"]`)
        ?.getAttribute('data-state');
      return s === 'ready' || s === 'error';
    },
    name,
    { timeout: timeoutMs },
  );
  const data = await demoData(page, name);
  if (data.state === 'error')
    throw new Error(`demo ${name} failed: ${data.error ?? 'unknown error'}`);
  return data;
}

/**
 * The intensities of a demo canvas that shows a `width × height` greyscale image (red channel /
 * 255; the demos draw white ink on black at native resolution).
 */
export async function canvasIntensities(canvas: Locator): Promise<Float32Array> {
  const values = await canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(data[i]! / 255);
    return out;
  });
  return Float32Array.from(values);
}

/**
 * Starts a 10 ms page timer that records how late it fires at worst: a frozen main thread (a
 * demo computing without yielding) shows as a large lateness. Read it with
 * {@link stopLatenessWatch}.
 */
async function startLatenessWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lkLate: number; __lkTimer: number };
    w.__lkLate = 0;
    let t = performance.now();
    w.__lkTimer = window.setInterval(() => {
      const now = performance.now();
      w.__lkLate = Math.max(w.__lkLate, now - t - 10);
      t = now;
    }, 10);
  });
}

/** Stops the timer of {@link startLatenessWatch}; its worst lateness in ms. */
function stopLatenessWatch(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __lkLate: number; __lkTimer: number };
    clearInterval(w.__lkTimer);
    return w.__lkLate;
  });
}

/**
 * Latent explorer: the decoding's checksum before and after moving the point with the arrow
 * keys, then after a mouse drag on the plane.
 */
export async function probeLatentExplorer(
  page: Page,
): Promise<{ before: string; afterKeys: string; afterDrag: string; point: [number, number] }> {
  const root = demoRoot(page, 'latent-explorer');
  const checksum = async () => (await demoData(page, 'latent-explorer')).decodedChecksum ?? '';
  // The decoding arrives from the model worker: wait until it differs from `previous` and has
  // stopped changing (the last move's decoding is shown).
  const settled = async (previous: string) => {
    await page.waitForFunction(
      (p) =>
        document
          .querySelector('section.lk-live[data-live="latent-explorer"]')
          ?.getAttribute('data-decoded-checksum') !== p,
      previous,
    );
    for (let now = await checksum(); ; ) {
      await page.waitForTimeout(150);
      const later = await checksum();
      if (later === now) return later;
      now = later;
    }
  };
  const before = await checksum();
  const plane = root.locator('canvas.lk-plane');
  await plane.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowUp');
  const afterKeys = await settled(before);
  const box = (await plane.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35, { steps: 5 });
  await page.mouse.up();
  const afterDrag = await settled(afterKeys);
  const d = await demoData(page, 'latent-explorer');
  return {
    before,
    afterKeys,
    afterDrag,
    point: [Number(d.z1), Number(d.z2)],
  };
}

/**
 * CVAE: chooses `digit` and returns the pixels of the samples shown (`[n × 784]`, from the
 * canvases) with the demo's own classifier labels, for the test to classify independently.
 */
export async function probeCvae(
  page: Page,
  digit: number,
): Promise<{ images: Float32Array; n: number; demoPredicted: number[] }> {
  const root = demoRoot(page, 'cvae');
  await root.locator('select').first().selectOption(String(digit));
  await page.waitForFunction(
    (d) =>
      document.querySelector('section.lk-live[data-live="cvae"]')?.getAttribute('data-digit') ===
      String(d),
    digit,
  );
  const canvases = root.locator('button.lk-sample canvas');
  const n = await canvases.count();
  const images = new Float32Array(n * 784);
  for (let i = 0; i < n; i++) images.set(await canvasIntensities(canvases.nth(i)), i * 784);
  const data = await demoData(page, 'cvae');
  return { images, n, demoPredicted: (data.predicted ?? '').split(',').map(Number) };
}

/**
 * In-browser training: presses Start, lets it run `runMs`, presses Stop and waits until it has
 * stopped. Returns the loss per step, whether Stop ended the run, and how late a 10 ms timer got
 * while training (the page's responsiveness).
 */
export async function probeTraining(
  page: Page,
  runMs = 3000,
): Promise<{
  losses: number[];
  stopped: boolean;
  stepsAfterStop: number;
  timerLatenessMs: number;
}> {
  const root = demoRoot(page, 'train-in-browser');
  await startLatenessWatch(page);
  await root.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(
    () =>
      document
        .querySelector('section.lk-live[data-live="train-in-browser"]')
        ?.getAttribute('data-running') === 'true',
  );
  await page.waitForTimeout(runMs);
  await root.getByRole('button', { name: 'Stop' }).click();
  await page.waitForFunction(
    () =>
      document
        .querySelector('section.lk-live[data-live="train-in-browser"]')
        ?.getAttribute('data-running') === 'false',
    undefined,
    { timeout: 30_000 },
  );
  const steps = Number((await demoData(page, 'train-in-browser')).steps);
  await page.waitForTimeout(500);
  const data = await demoData(page, 'train-in-browser');
  const timerLatenessMs = await stopLatenessWatch(page);
  return {
    losses: (data.lossHistory ?? '').split(',').filter(Boolean).map(Number),
    stopped: data.stopped === 'true',
    stepsAfterStop: Number(data.steps) - steps,
    timerLatenessMs,
  };
}

/**
 * Hardware: generates the Verilog at `bits` and downloads the tar archive through the page's
 * link. Returns its bytes and the demo's numbers.
 */
export async function probeHardware(
  page: Page,
  bits = 8,
): Promise<{ tar: Uint8Array; fileName: string; data: Record<string, string> }> {
  const root = demoRoot(page, 'hardware');
  await root.locator('select').first().selectOption(String(bits));
  await root.getByRole('button', { name: 'Generate Verilog' }).click();
  const link = root.locator('a[download$=".tar"]');
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  return {
    tar: new Uint8Array(await readFile(path)),
    fileName: download.suggestedFilename(),
    data: await demoData(page, 'hardware'),
  };
}

/** Intensities of every canvas in one row of the VQ-VAE demo (`[n × 784]`). */
async function vqRow(page: Page, row: string): Promise<Float32Array> {
  const canvases = demoRoot(page, 'vq-vae').locator(`[data-row="${row}"] canvas`);
  const n = await canvases.count();
  const out = new Float32Array(n * 784);
  for (let i = 0; i < n; i++) out.set(await canvasIntensities(canvases.nth(i)), i * 784);
  return out;
}

/** Waits until the VQ-VAE demo has drawn its prior samples and encoded the whole subset. */
async function vqSampled(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(
    () => {
      const root = document.querySelector('section.lk-live[data-live="vq-vae"]');
      return (
        root?.getAttribute('data-sampling') === 'false' &&
        root.getAttribute('data-subset') === 'ready'
      );
    },
    undefined,
    { timeout: 60_000 },
  );
  return demoData(page, 'vq-vae');
}

/**
 * VQ-VAE: reads the originals, reconstructions, prior samples and random-code decodings from
 * the canvases; presses "New seed" (while a 10 ms timer measures how late the page gets), then
 * lowers the temperature with the keyboard. Returns the pixels of both sample rows and the
 * demo's numbers before and after.
 */
export async function probeVqVae(page: Page): Promise<{
  originals: Float32Array;
  reconstructions: Float32Array;
  random: Float32Array;
  samples: Float32Array;
  samplesAfterSeed: Float32Array;
  before: Record<string, string>;
  afterSeed: Record<string, string>;
  afterKeys: Record<string, string>;
  timerLatenessMs: number;
}> {
  const root = demoRoot(page, 'vq-vae');
  const before = await vqSampled(page);
  const originals = await vqRow(page, 'originals');
  const reconstructions = await vqRow(page, 'reconstructions');
  const random = await vqRow(page, 'random');
  const samples = await vqRow(page, 'samples');
  await startLatenessWatch(page);
  await root.getByRole('button', { name: 'New seed' }).click();
  await page.waitForFunction(
    (s) =>
      document.querySelector('section.lk-live[data-live="vq-vae"]')?.getAttribute('data-seed') !==
      s,
    before.seed,
  );
  const afterSeed = await vqSampled(page);
  const timerLatenessMs = await stopLatenessWatch(page);
  const samplesAfterSeed = await vqRow(page, 'samples');
  await root.locator('input[type=range]').first().focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(
    (t) =>
      document
        .querySelector('section.lk-live[data-live="vq-vae"]')
        ?.getAttribute('data-temperature') !== t,
    afterSeed.temperature,
  );
  const afterKeys = await vqSampled(page);
  // Back to the first seed and temperature for the screenshot.
  await root.locator('input[type=range]').first().press('ArrowRight');
  const seedBox = root.locator('input[type=number]').first();
  await seedBox.fill(before.seed ?? '1');
  await seedBox.press('Enter');
  await seedBox.blur();
  await page.waitForFunction(
    (s) =>
      document.querySelector('section.lk-live[data-live="vq-vae"]')?.getAttribute('data-seed') ===
      s,
    before.seed,
  );
  await vqSampled(page);
  return {
    originals,
    reconstructions,
    random,
    samples,
    samplesAfterSeed,
    before,
    afterSeed,
    afterKeys,
    timerLatenessMs,
  };
}
