import type { ResolvedModelConfig } from '../../model/model-config.js';
import type { ObjectiveOptions } from '../objective.js';

/** One dense layer of a {@link DenseVaePlan}: `y = act(x·W + b)`, W `[inF, outF]`. @internal */
export interface DenseLayerPlan {
  /** Parameter names of W and b. */
  weight: string;
  bias: string;
  inF: number;
  outF: number;
  /** ReLU after the bias (else linear). */
  relu: boolean;
}

/**
 * The layers of an MLP VAE or autoencoder that {@link createDenseVaeStep} runs without tfjs:
 * encoder trunk, the latent head(s), decoder trunk and output layer. @internal
 */
export interface DenseVaePlan {
  kind: 'vae' | 'ae';
  /** Features per example (flattened input = output). */
  inputSize: number;
  latentDim: number;
  encoder: DenseLayerPlan[];
  /** μ head (the AE's code head). */
  mu: DenseLayerPlan;
  /** log σ² head (VAE only). */
  logVar: DenseLayerPlan | undefined;
  /** Decoder trunk, then the output layer (logits, linear). */
  decoder: DenseLayerPlan[];
}

/**
 * The plan of the tape-free step for a model and objective, or `undefined` when the step does not
 * cover them and the tfjs path must run: it covers unconditional MLP VAEs and autoencoders with
 * ReLU trunks and a Bernoulli likelihood over a multiple of 4 features, trained on recon + w·KL
 * (β, β schedules and KL warm-up; not free bits or capacity annealing).
 *
 * @param shapes - Parameter shapes by name, to check that the model has exactly these layers.
 * @internal
 */
export function denseVaePlan(
  config: ResolvedModelConfig,
  objective: ObjectiveOptions | undefined,
  shapes: ReadonlyMap<string, readonly number[]>,
): DenseVaePlan | undefined {
  const { kind, encoder, decoder } = config;
  if (kind !== 'vae' && kind !== 'ae') return undefined;
  if (config.numClasses !== 0 || config.likelihood !== 'bernoulli') return undefined;
  if (encoder.type !== 'mlp' || decoder.type !== 'mlp') return undefined;
  if (encoder.activation !== 'relu' || decoder.activation !== 'relu') return undefined;
  if (objective?.freeBits !== undefined || objective?.capacity !== undefined) return undefined;
  const inputSize = config.inputShape.reduce((a, b) => a * b, 1);
  if (inputSize % 4 !== 0) return undefined;
  const d = config.latentDim;
  const layers: DenseLayerPlan[] = [];
  const layer = (name: string, inF: number, outF: number, relu: boolean): DenseLayerPlan => {
    const l = { weight: `${name}.weight`, bias: `${name}.bias`, inF, outF, relu };
    layers.push(l);
    return l;
  };
  let width = inputSize;
  const enc = encoder.hidden.map((w, i) => {
    const l = layer(`encoder.fc${i + 1}`, width, w, true);
    width = w;
    return l;
  });
  const mu = layer('encoder.mu', width, d, false);
  const logVar = kind === 'vae' ? layer('encoder.logVar', width, d, false) : undefined;
  width = d;
  const dec = decoder.hidden.map((w, i) => {
    const l = layer(`decoder.fc${i + 1}`, width, w, true);
    width = w;
    return l;
  });
  dec.push(layer('decoder.out', width, inputSize, false));
  // Exactly these parameters with these shapes, or the model is not what the plan assumes.
  if (shapes.size !== 2 * layers.length) return undefined;
  for (const l of layers) {
    const w = shapes.get(l.weight);
    const b = shapes.get(l.bias);
    if (!w || !b || w.length !== 2 || w[0] !== l.inF || w[1] !== l.outF) return undefined;
    if (b.length !== 1 || b[0] !== l.outF) return undefined;
  }
  return { kind, inputSize, latentDim: d, encoder: enc, mu, logVar, decoder: dec };
}
