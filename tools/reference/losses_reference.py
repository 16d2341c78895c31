#!/usr/bin/env python3
"""PyTorch float64 references for the losses and KL terms of @latentkit/tensor.

Draws seeded inputs (4 rows: 6 latent dimensions, 10 data dimensions) and computes, with
torch.distributions and torch.nn.functional (not with the closed forms latentkit implements),
summed over the last axis, in nats:
  kl_to_standard_normal_nats                           KL(N(mu, exp(logvar)) || N(0, I))
  kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats  KL(N(mu, exp(logvar)) || N(mu2, exp(logvar2)))
  bce_with_logits_sum_nats_x[_binary]                  Bernoulli NLL of x (soft) / x > 0.5 from logits
  gaussian_nll_sum_nats                                -log N(x; logits, std^2), std = exp(0.5*logvar[:,0])

  /usr/bin/python3 tools/reference/losses_reference.py            # writes the fixture
  /usr/bin/python3 tools/reference/losses_reference.py --check F  # recomputes F's outputs from
                                                                  # F's inputs and compares
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DEFAULT_OUT = os.path.join(REPO_ROOT, 'packages', 'tensor', 'test', 'fixtures', 'losses.json')
OUTPUT_KEYS = ('kl_to_standard_normal_nats', 'kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats',
               'bce_with_logits_sum_nats_x', 'bce_with_logits_sum_nats_x_binary')


def draw_inputs(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, size=(4, 10))
    return {
        'mu': rng.normal(0.0, 1.0, size=(4, 6)),
        'logvar': rng.normal(0.0, 1.0, size=(4, 6)),
        'mu2': rng.normal(0.0, 1.0, size=(4, 6)),
        'logvar2': rng.normal(0.0, 1.0, size=(4, 6)),
        'x': x,
        'x_binary': (x > 0.5).astype(np.float64),
        'logits': rng.normal(0.0, 2.0, size=(4, 10)),
    }


def compute(inputs):
    t = {k: torch.tensor(np.asarray(v), dtype=torch.float64) for k, v in inputs.items()}
    q = Normal(t['mu'], torch.exp(0.5 * t['logvar']))
    p = Normal(t['mu2'], torch.exp(0.5 * t['logvar2']))
    standard = Normal(torch.zeros_like(t['mu']), torch.ones_like(t['mu']))
    row_std = torch.exp(0.5 * t['logvar'][:, :1]).expand_as(t['logits'])
    out = {
        'kl_to_standard_normal_nats': kl_divergence(q, standard).sum(-1),
        'kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats': kl_divergence(q, p).sum(-1),
        'bce_with_logits_sum_nats_x':
            F.binary_cross_entropy_with_logits(t['logits'], t['x'], reduction='none').sum(-1),
        'bce_with_logits_sum_nats_x_binary':
            F.binary_cross_entropy_with_logits(t['logits'], t['x_binary'], reduction='none').sum(-1),
        'gaussian_nll': -Normal(t['logits'], row_std).log_prob(t['x']).sum(-1),
    }
    return {k: v.tolist() for k, v in out.items()}


def document(inputs, outputs):
    doc = {'what': 'loss references computed with PyTorch %s in float64; rows are examples, sums '
                   'run over the last axis' % torch.__version__.split('+')[0]}
    as_list = {k: np.asarray(v).tolist() for k, v in inputs.items()}
    for key in ('mu', 'logvar'):
        doc[key] = as_list[key]
    doc['kl_to_standard_normal_nats'] = outputs['kl_to_standard_normal_nats']
    doc['mu2'], doc['logvar2'] = as_list['mu2'], as_list['logvar2']
    doc['kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats'] = \
        outputs['kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats']
    for key in ('x', 'x_binary', 'logits'):
        doc[key] = as_list[key]
    doc['bce_with_logits_sum_nats_x'] = outputs['bce_with_logits_sum_nats_x']
    doc['bce_with_logits_sum_nats_x_binary'] = outputs['bce_with_logits_sum_nats_x_binary']
    doc['gaussian_nll_sum_nats'] = {'mean': 'logits', 'std': 'exp(0.5*logvar[:,0]) per row',
                                    'target': 'x', 'values': outputs['gaussian_nll']}
    return doc


def check(path):
    with open(path) as f:
        recorded = json.load(f)
    inputs = {k: recorded[k] for k in ('mu', 'logvar', 'mu2', 'logvar2', 'x', 'x_binary', 'logits')}
    outputs = compute(inputs)
    worst = 0.0
    pairs = [(k, recorded[k], outputs[k]) for k in OUTPUT_KEYS]
    pairs.append(('gaussian_nll_sum_nats', recorded['gaussian_nll_sum_nats']['values'],
                  outputs['gaussian_nll']))
    for key, want, got in pairs:
        rel = np.max(np.abs(np.subtract(got, want)) / np.maximum(np.abs(want), 1e-300))
        worst = max(worst, rel)
        print('%-55s max relative difference %.3g' % (key, rel))
    return 0 if worst < 1e-12 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seed', type=int, default=20261206)
    parser.add_argument('--out', default=DEFAULT_OUT)
    parser.add_argument('--check', metavar='FILE',
                        help='recompute FILE\'s outputs from its inputs and compare (exit 1 if any '
                             'differs by more than 1e-12 relative)')
    args = parser.parse_args()
    if args.check:
        sys.exit(check(args.check))
    inputs = draw_inputs(args.seed)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(document(inputs, compute(inputs)), f, indent=1)
        f.write('\n')
    print('wrote', args.out)


if __name__ == '__main__':
    main()
