/**
 * The hardware demo's work in the model worker: fetches the pretrained float Iris VAE and the
 * models' manifest (from the site's own origin), quantizes the VAE at every offered width and
 * measures its error there (`info`), measures the sigmoid units of a width (`sigmoid`), and
 * generates the Verilog with its golden-model testbench and tar archive (`generate`). The page
 * keeps the DOM, the chart and the download links.
 */
import type { BitsReport, FloatVae, QuantizationReport } from '@latentkit/quantize';
import { floatVaeFromModel } from '@latentkit/quantize';
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MANIFEST_FILE, MODEL_FILES } from '../common/asset-files.js';
import type { ModelManifest } from '../common/model-manifest.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { tarArchive } from '../common/tar-archive.js';
import type { WorkerSession } from '../common/worker-host.js';
import { irisDesign, quantizeIris, reconstructionErrors, sigmoidTable } from './hardware-model.js';
import { IRIS_VERILOG_NAME, type IrisRows, type IrisSynthesis, irisRows } from './iris-setup.js';

/** Options the page sends when it opens the session. */
export interface HardwareSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
}

/** A width's figures without its quantized model (the page shows numbers only). */
export type WidthErrors = Omit<BitsReport, 'model'>;

/** A `QuantizationReport` without the quantized models: plain numbers a message can carry. */
export interface ErrorReport extends Omit<QuantizationReport, 'entries'> {
  entries: WidthErrors[];
}

/** The report without its quantized models. */
export function errorReport(report: QuantizationReport): ErrorReport {
  return {
    ...report,
    entries: report.entries.map(({ model: _, ...rest }) => ({
      ...rest,
      layers: rest.layers.map((l) => ({ ...l })),
    })),
  };
}

/** What `info` returns. */
export interface HardwareInfo {
  /** Test reconstruction error of the float model and at every offered width. */
  report: ErrorReport;
  /** The manifest's Yosys figures, or why there are none (`'not loaded'`, `'not recorded'`). */
  synthesis: IrisSynthesis[] | string;
  /** How the float model was trained. */
  training: { epochs: number; seed: number };
}

/** One row of the sigmoid table (a `SigmoidCandidate` without its unit). */
export interface SigmoidRow {
  label: string;
  maxAbsError: number;
  meanAbsError: number;
  lutEntries: number;
  multipliers: number;
}

/** What `sigmoid` returns: the units measured at one width and the one the core uses. */
export interface SigmoidRows {
  bits: number;
  rows: SigmoidRow[];
  chosen: string;
}

/** The core's layers as the page describes them. */
export interface CoreLayerSummary {
  layer: string;
  inFeatures: number;
  outFeatures: number;
  unit: string;
  lanes: number;
  computeCycles: number;
}

/** What `generate` returns: every file, the tar archive, and what the page says about them. */
export interface HardwareDesign {
  bits: number;
  /** File name → contents. */
  files: Record<string, string>;
  /** The files in one tar archive (folder `iris_vae_<bits>bit`). */
  tar: Uint8Array;
  /** Name of the archive's folder (and of the `.tar` without the extension). */
  archiveName: string;
  core: { top: string; sources: string[]; layers: CoreLayerSummary[] };
  boardTop: string;
  testbenchTop: string;
}

/**
 * The sigmoid table of `bits` as plain rows (see `sigmoidTable`).
 *
 * @throws {RangeError} for bits outside 4–24.
 */
export function sigmoidRows(bits: number): SigmoidRows {
  const table = sigmoidTable(bits);
  return {
    bits,
    chosen: table.chosen,
    rows: table.rows.map((c) => ({
      label: c.label,
      maxAbsError: c.maxAbsError,
      meanAbsError: c.meanAbsError,
      lutEntries: c.lutEntries,
      multipliers: c.multipliers,
    })),
  };
}

/**
 * The Verilog of `vae` quantized to `bits` (see `irisDesign`), as plain data the worker can post:
 * the files, their tar archive and a summary of the core.
 */
export function hardwareDesign(vae: FloatVae, rows: IrisRows, bits: number): HardwareDesign {
  const design = irisDesign(quantizeIris(vae, rows, bits), rows);
  const archiveName = `${IRIS_VERILOG_NAME}_${bits}bit`;
  return {
    bits,
    files: { ...design.files },
    tar: tarArchive(design.files, archiveName),
    archiveName,
    core: {
      top: design.core.top,
      sources: [...design.core.sources],
      layers: design.core.layers.map((l) => ({
        layer: l.layer,
        inFeatures: l.inFeatures,
        outFeatures: l.outFeatures,
        unit: l.unit,
        lanes: l.lanes,
        computeCycles: l.computeCycles,
      })),
    },
    boardTop: design.boardTop,
    testbenchTop: design.testbenchTop,
  };
}

/** The Yosys figures in the manifest's `extras.irisVae.synthesis` (or why there are none). */
export function manifestSynthesis(bytes: Uint8Array | undefined): IrisSynthesis[] | string {
  if (!bytes) return 'not loaded';
  const manifest = JSON.parse(new TextDecoder().decode(bytes)) as ModelManifest;
  const extra = manifest.extras?.irisVae as { synthesis?: IrisSynthesis[] | string } | undefined;
  return extra?.synthesis ?? 'not recorded';
}

/** Opens the session: fetches the model and the manifest, measures the error at every width. */
export async function openHardwareSession(options: HardwareSessionOptions): Promise<WorkerSession> {
  const [bytes, manifestBytes] = await Promise.all([
    fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.irisVae}`)),
    fetchCached(assetUrl(options.assetBase, `models/${MANIFEST_FILE}`)).catch(() => undefined),
  ]);
  const loaded = pretrainedFromBytes(bytes);
  let vae: FloatVae;
  try {
    vae = floatVaeFromModel(loaded.model.config, loaded.model.store.toRecord());
  } finally {
    loaded.model.dispose();
  }
  const rows = irisRows();
  const info: HardwareInfo = {
    report: errorReport(reconstructionErrors(vae, rows)),
    synthesis: manifestSynthesis(manifestBytes),
    training: { epochs: loaded.training.epochs, seed: loaded.training.seed },
  };
  return {
    methods: {
      info: () => info,
      sigmoid: (args: never) => sigmoidRows((args as { bits: number }).bits),
      generate: (args: never) => hardwareDesign(vae, rows, (args as { bits: number }).bits),
    },
  };
}
