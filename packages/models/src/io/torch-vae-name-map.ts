/**
 * How the parameters of the pytorch/examples MNIST VAE
 * (https://github.com/pytorch/examples/blob/main/vae/main.py: `fc1` 784→400, `fc21` 400→20 (μ),
 * `fc22` 400→20 (log σ²), `fc3` 20→400, `fc4` 400→784, ReLU after `fc1` and `fc3`, Bernoulli
 * logits out of `fc4`) are named in latentkit: torch name → latentkit parameter name.
 *
 * Plain data, so it can be edited, inverted ({@link invertNameMap}) or merged. Pass it as
 * `nameMap` to {@link safetensorsToRecord} together with `transpose: torchVaeTransposed`:
 * `torch.nn.Linear` stores its weight as `[out, in]`, latentkit's dense layers as `[in, out]`.
 *
 * | torch | shape in the file | latentkit | shape |
 * |---|---|---|---|
 * | `fc1.weight` / `fc1.bias` | [400, 784] / [400] | `encoder.fc1.weight` / `.bias` | [784, 400] / [400] |
 * | `fc21.*` | [20, 400] / [20] | `encoder.mu.*` | [400, 20] / [20] |
 * | `fc22.*` | [20, 400] / [20] | `encoder.logVar.*` | [400, 20] / [20] |
 * | `fc3.*` | [400, 20] / [400] | `decoder.fc1.*` | [20, 400] / [400] |
 * | `fc4.*` | [784, 400] / [784] | `decoder.out.*` | [400, 784] / [784] |
 */
export const torchVaeNameMap: Readonly<Record<string, string>> = Object.freeze({
  'fc1.weight': 'encoder.fc1.weight',
  'fc1.bias': 'encoder.fc1.bias',
  'fc21.weight': 'encoder.mu.weight',
  'fc21.bias': 'encoder.mu.bias',
  'fc22.weight': 'encoder.logVar.weight',
  'fc22.bias': 'encoder.logVar.bias',
  'fc3.weight': 'decoder.fc1.weight',
  'fc3.bias': 'decoder.fc1.bias',
  'fc4.weight': 'decoder.out.weight',
  'fc4.bias': 'decoder.out.bias',
});

/**
 * The torch names (file side) of the pytorch/examples VAE whose 2-D tensors are transposed on
 * import (`[out, in]` → `[in, out]`): every `*.weight`.
 */
export const torchVaeTransposed: readonly string[] = Object.freeze(
  Object.keys(torchVaeNameMap).filter((name) => name.endsWith('.weight')),
);
