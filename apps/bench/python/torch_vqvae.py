#!/usr/bin/env python3
"""PyTorch twin of the latentkit `vqvae` suite's "EMA + restarts" run.

The conv VQ-VAE of `mnistVqvaeConfig` (packages/models), layer for layer, NCHW:
  encoder  conv 1->32 3x3 stride 2, ReLU; conv 32->64 3x3 stride 2, ReLU (padding 'same' as
           TensorFlow/tfjs pad it: the odd extra row and column at the bottom/right);
           1x1 conv 64->16 (z_e: a 7x7 grid of D = 16 vectors)
  quantizer K = 128 codes; nearest code, straight-through; loss beta * ||z_e - sg[e]||^2 summed
           over the 7x7x16 latent (beta = 0.25); EMA codebook (decay 0.9, epsilon 1e-5, Laplace
           smoothing, state N = 1, m = e after init), dead-code restarts (EMA size < 2: the code
           restarts on a random batch vector, N = 2, m = 2 * vector); k-means init (k-means++
           seeding, 10 Lloyd iterations) on the first batch's z_e before the first step
  decoder  conv 16->64 3x3 stride 1, ReLU; transposed conv 64->32 3x3 stride 2, ReLU; transposed
           conv 32->1 3x3 stride 2 (the tfjs 'same' transposed convolution: the full output
           cropped to the first 2x rows and columns)
  loss     Gaussian NLL of the pixels (pixels / 255) with fixed sigma = --output-std, summed over
           the 784 pixels, plus the commitment term, averaged over the batch
  training Adam lr 1e-3 (eps 1e-8), batch 128, reshuffled every epoch, on the first --train-n
           training images; PyTorch's default layer initialization (latentkit's default too)
Written for latentkit (not from another project's code). The EMA step runs after the optimizer
step on that step's (pre-update) encoder outputs and codes, as latentkit's train loop does.

Prints one JSON object on stdout (progress goes to stderr):
  samples_per_second  training images / training seconds over all epochs (evaluation excluded)
  epochs[]            per epoch: seconds, loss, recon, restarted, test nmse / usage / perplexity
  test                the last epoch's test figures: nmse (MSE per pixel / --variance), usage
                      (fraction of the K codes used on the test images), perplexity
With --probe-steps N it only times N training steps (after k-means and 3 untimed steps) and prints
{"probe": true, "samples_per_second": ...}.
"""

import argparse
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

from torch_vae import find, probe, read_idx, result_json

K, D, BETA, DECAY, EPS, THRESHOLD = 128, 16, 0.25, 0.9, 1e-5, 2.0


def load(directory, name, limit):
    images = read_idx(find(directory, name), 16).reshape(-1, 1, 28, 28)[:limit]
    return images.float().div_(255.0)


def same_conv(x, conv):
    """A stride-2 3x3 conv with TensorFlow's 'same' padding (extra row/column at the end)."""
    return conv(F.pad(x, (0, 1, 0, 1)))


def same_deconv(x, deconv):
    """A stride-2 3x3 transposed conv with tfjs's 'same' output: the first 2h x 2w of the full one."""
    h, w = x.shape[2], x.shape[3]
    return deconv(x)[:, :, :2 * h, :2 * w]


class VqVae(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, stride=2)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2)
        self.head = nn.Conv2d(64, D, 1)
        self.proj = nn.Conv2d(D, 64, 3, padding=1)
        self.up1 = nn.ConvTranspose2d(64, 32, 3, stride=2)
        self.out = nn.ConvTranspose2d(32, 1, 3, stride=2)
        self.register_buffer('codebook', torch.zeros(K, D))
        self.register_buffer('cluster_size', torch.ones(K))
        self.register_buffer('embed_sum', torch.zeros(K, D))

    def encode(self, x):
        h = F.relu(same_conv(x, self.conv1))
        h = F.relu(same_conv(h, self.conv2))
        return self.head(h)  # [n, D, 7, 7]

    def decode(self, zq):
        h = F.relu(self.proj(zq))
        h = F.relu(same_deconv(h, self.up1))
        return same_deconv(h, self.out)

    def nearest(self, flat):
        d = (flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.codebook.t()
             + self.codebook.pow(2).sum(1)[None, :])
        return d.argmin(1)

    def forward(self, x):
        ze = self.encode(x)
        n = ze.shape[0]
        flat = ze.permute(0, 2, 3, 1).reshape(-1, D)
        idx = self.nearest(flat.detach())
        e = self.codebook[idx]
        commitment = BETA * (flat - e).pow(2).mean() * (49 * D)
        zq = (flat + (e - flat).detach()).reshape(n, 7, 7, D).permute(0, 3, 1, 2)
        return self.decode(zq), commitment, flat.detach(), idx

    @torch.no_grad()
    def kmeans_init(self, x, generator, iterations=10):
        flat = self.encode(x).permute(0, 2, 3, 1).reshape(-1, D)
        n = flat.shape[0]
        chosen = [int(torch.randint(n, (1,), generator=generator))]
        best = torch.full((n,), float('inf'), dtype=torch.float64)
        flat64 = flat.double()
        for c in range(1, K + 1):
            best = torch.minimum(best, (flat64 - flat64[chosen[-1]]).pow(2).sum(1))
            if c == K:
                break
            total = float(best.sum())
            if total > 0:
                u = float(torch.rand((), generator=generator, dtype=torch.float64)) * total
                pick = int(torch.searchsorted(best.cumsum(0), torch.tensor([u], dtype=torch.float64)))
                chosen.append(min(pick, n - 1))
            else:
                chosen.append(int(torch.randint(n, (1,), generator=generator)))
        centres = flat[chosen].clone()
        for _ in range(iterations):
            d = flat.pow(2).sum(1, keepdim=True) - 2 * flat @ centres.t() + centres.pow(2).sum(1)[None, :]
            idx = d.argmin(1)
            counts = torch.bincount(idx, minlength=K).float()
            sums = torch.zeros(K, D).index_add_(0, idx, flat)
            means = sums / counts.clamp(min=1)[:, None]
            centres = torch.where(counts[:, None] > 0, means, centres)
        self.codebook.copy_(centres)
        self.embed_sum.copy_(centres)
        self.cluster_size.fill_(1.0)

    @torch.no_grad()
    def ema_update(self, flat, idx, generator):
        counts = torch.bincount(idx, minlength=K).double()
        sums = torch.zeros(K, D, dtype=torch.float64).index_add_(0, idx, flat.double())
        size = DECAY * self.cluster_size.double() + (1 - DECAY) * counts
        total = size.sum()
        smoothed = (size + EPS) / (total + K * EPS) * total
        embed_sum = DECAY * self.embed_sum.double() + (1 - DECAY) * sums
        self.cluster_size.copy_(size.float())
        self.embed_sum.copy_(embed_sum.float())
        self.codebook.copy_((embed_sum / smoothed[:, None]).float())
        dead = (self.cluster_size < THRESHOLD).nonzero().flatten()
        if dead.numel() == 0:
            return 0
        n = flat.shape[0]
        perm = torch.randperm(n, generator=generator)
        rows = torch.cat([perm, torch.randint(n, (max(0, dead.numel() - n),), generator=generator)])
        src = flat[rows[:dead.numel()]]
        self.cluster_size[dead] = THRESHOLD
        self.codebook[dead] = src
        self.embed_sum[dead] = src * THRESHOLD
        return int(dead.numel())


def gaussian_nll(mean, x, std):
    """-log N(x; mean, std^2) summed over each image's pixels, [n]."""
    z = (x - mean) / std
    return (0.5 * z * z + math.log(std) + 0.5 * math.log(2 * math.pi)).flatten(1).sum(1)


@torch.no_grad()
def evaluate(model, x, variance, batch_size=500):
    model.eval()
    sse = 0.0
    counts = torch.zeros(K, dtype=torch.float64)
    for start in range(0, x.shape[0], batch_size):
        xb = x[start:start + batch_size]
        flat = model.encode(xb).permute(0, 2, 3, 1).reshape(-1, D)
        idx = model.nearest(flat)
        zq = model.codebook[idx].reshape(xb.shape[0], 7, 7, D).permute(0, 3, 1, 2)
        sse += float((model.decode(zq).double() - xb.double()).pow(2).sum())
        counts += torch.bincount(idx, minlength=K).double()
    model.train()
    p = counts / counts.sum()
    entropy = float(-(p[p > 0] * p[p > 0].log()).sum())
    return {'nmse': sse / x.numel() / variance, 'usage': float((counts > 0).double().mean()),
            'perplexity': math.exp(entropy)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data-dir', required=True, help='directory with the MNIST IDX files')
    parser.add_argument('--epochs', type=int, default=2)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--train-n', type=int, default=60000)
    parser.add_argument('--test-n', type=int, default=10000)
    parser.add_argument('--output-std', type=float, required=True, help='sigma of the decoder')
    parser.add_argument('--variance', type=float, required=True, help='the NMSE denominator')
    parser.add_argument('--batch-size', type=int, default=128)
    parser.add_argument('--lr', type=float, default=1e-3)
    parser.add_argument('--threads', type=int, default=0,
                        help="intra-op threads (default: torch's own default)")
    parser.add_argument('--probe-steps', type=int, default=0,
                        help='only time this many training steps and print samples/s')
    args = parser.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    train_x = load(args.data_dir, 'train-images-idx3-ubyte', args.train_n)
    test_x = load(args.data_dir, 't10k-images-idx3-ubyte', args.test_n)
    n = train_x.shape[0]
    model = VqVae()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-8)
    initialized = False

    def step(xb):
        nonlocal initialized
        if not initialized:
            model.kmeans_init(xb, generator)
            initialized = True
        optimizer.zero_grad()
        mean, commitment, flat, idx = model(xb)
        recon = gaussian_nll(mean, xb, args.output_std).mean()
        loss = recon + commitment
        loss.backward()
        optimizer.step()
        restarted = model.ema_update(flat, idx, generator)
        return loss.item(), recon.item(), restarted

    if args.probe_steps > 0:
        print(json.dumps(probe(step, train_x, args.batch_size, args.probe_steps, warmup=3)))
        return

    epochs = []
    for epoch in range(args.epochs):
        order = torch.randperm(n)
        total = recon_total = 0.0
        restarted = 0
        t0 = time.perf_counter()
        for start in range(0, n, args.batch_size):
            xb = train_x[order[start:start + args.batch_size]]
            loss, recon, r = step(xb)
            total += loss * xb.shape[0]
            recon_total += recon * xb.shape[0]
            restarted += r
        seconds = time.perf_counter() - t0
        test = evaluate(model, test_x, args.variance)
        epochs.append({'epoch': epoch + 1, 'seconds': seconds, 'loss': total / n,
                       'recon': recon_total / n, 'restarted': restarted, 'test': test})
        print('torch vqvae seed %d epoch %d/%d: %.1f s, %.0f samples/s, %d restarts; test NMSE %.4f, '
              'usage %.0f%%, perplexity %.1f'
              % (args.seed, epoch + 1, args.epochs, seconds, n / seconds, restarted, test['nmse'],
                 100 * test['usage'], test['perplexity']), file=sys.stderr, flush=True)

    print(result_json(args, epochs, n, test=epochs[-1]['test'] if epochs else None))

if __name__ == '__main__':
    main()
