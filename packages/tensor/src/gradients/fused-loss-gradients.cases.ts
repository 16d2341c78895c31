// Test-only case table for the fused loss-term kernels (kernels/bernoulli-nll-kernel.ts,
// kl-standard-normal-kernel.ts, reparameterize-kernel.ts): every input differentiated, including
// the ones training treats as data (targets, ε), on ranks 1–3 and stacked samples.
import { bernoulliNllFromLogits } from '../losses/bernoulli-nll.js';
import { klStandardNormalPerDim } from '../losses/kl-standard-normal.js';
import { reparameterizeWithNoise } from '../losses/reparameterize-with-noise.js';
import type { GradientCase } from './describe-gradient-cases.js';

/** Finite-difference cases for the fused loss-term gradients. */
export const fusedLossCases: GradientCase[] = [
  ...[[6, 7], [9], [2, 3, 5], [3, 8], [2, 2, 4]].map(
    (shape): GradientCase => ({
      kernel: 'LatentkitBernoulliNllRows',
      name: `bernoulli nll rows [${shape}] (logits and targets)`,
      inputs: [
        { shape, range: [0.05, 4], signed: true },
        { shape, range: [0, 1] },
      ],
      f: (l, x) => bernoulliNllFromLogits(l!, x!, { reduction: 'none' }),
    }),
  ),
  ...[
    [5, 4],
    [3, 2, 3],
  ].map(
    (shape): GradientCase => ({
      kernel: 'LatentkitKlStandardNormal',
      name: `kl standard normal per dim [${shape}]`,
      inputs: [
        { shape, range: [-2, 2] },
        { shape, range: [-3, 2] },
      ],
      f: (mu, lv) => klStandardNormalPerDim(mu!, lv!),
    }),
  ),
  ...[
    [
      [4, 3],
      [4, 3],
    ],
    [
      [4, 3],
      [2, 4, 3],
    ],
  ].map(
    ([shape, epsShape]): GradientCase => ({
      kernel: 'LatentkitReparameterize',
      name: `reparameterize [${shape}] with ε [${epsShape}]`,
      inputs: [
        { shape: shape!, range: [-2, 2] },
        { shape: shape!, range: [-2, 1.5] },
        { shape: epsShape!, range: [-2, 2] },
      ],
      f: (mu, lv, eps) => reparameterizeWithNoise(mu!, lv!, eps!),
    }),
  ),
];
