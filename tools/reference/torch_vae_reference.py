#!/usr/bin/env python3
"""A PyTorch-trained VAE for @latentkit/models' import tests.

Trains the pytorch/examples VAE (fc1 784->400, fc21/fc22 400->20, fc3 20->400, fc4 400->784,
ReLU; BCE summed over pixels + closed-form KL; Adam 1e-3, batch 128; grey-level MNIST, pixels / 255)
for one epoch with a fixed seed on one thread, and writes into packages/models/test/fixtures/:
  torch-vae-mnist.safetensors  its weights as torch.nn.Linear stores them ([out, in]), float32
  torch-vae-mnist.json         what loading it must reproduce: mu and logvar of the first 5 test
                               images, decoder logits at z = mu (pixels 150..169 of the first 5),
                               and over the first 1000 test images the mean per-image BCE at
                               z = mu and the mean KL, in nats.
Safetensors is written directly (8-byte little-endian header length, JSON header, raw data): the
format is that simple, and Debian has no package for the Python `safetensors` library.

  /usr/bin/python3 tools/reference/torch_vae_reference.py                  # train and write both
  /usr/bin/python3 tools/reference/torch_vae_reference.py --weights W.safetensors --out-json O.json
                                                                            # outputs of given weights
"""

import argparse
import json
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from mnist_idx import REPO_ROOT, find_mnist_dir, load_images

DEFAULT_DIR = os.path.join(REPO_ROOT, 'packages', 'models', 'test', 'fixtures')
DESCRIPTION = ('pytorch/examples vae: fc1 784-400, fc21/fc22 400-20, fc3 20-400, fc4 400-784; '
               'weight is [out, in] as in torch.nn.Linear')


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h = F.relu(self.fc1(x))
        return self.fc21(h), self.fc22(h)

    def decode_logits(self, z):
        return self.fc4(F.relu(self.fc3(z)))


def loss_terms(model, x, z):
    mu, logvar = model.encode(x)
    z = mu if z is None else z(mu, logvar)
    bce = F.binary_cross_entropy_with_logits(model.decode_logits(z), x, reduction='none').sum(-1)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return bce, kl


def train(model, images, seed):
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    order = torch.randperm(images.shape[0], generator=generator)
    sample = lambda mu, logvar: mu + torch.randn(mu.shape, generator=generator) * (0.5 * logvar).exp()
    model.train()
    for start in range(0, images.shape[0], 128):
        x = images[order[start:start + 128]]
        bce, kl = loss_terms(model, x, sample)
        optimizer.zero_grad()
        (bce.sum() + kl.sum()).backward()
        optimizer.step()


def write_safetensors(path, state):
    header, blobs, offset = {}, [], 0
    for name in sorted(state):
        data = state[name].detach().to(torch.float32).contiguous().numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(state[name].shape),
                        'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header['__metadata__'] = {'format': 'pt', 'model': DESCRIPTION}
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)  # align the data to 8 bytes, as the reference library does
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def read_safetensors(path):
    with open(path, 'rb') as f:
        raw = f.read()
    (size,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + size])
    state = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        if entry['dtype'] != 'F32':
            raise SystemExit('%s: %s is %s, expected F32' % (path, name, entry['dtype']))
        start, end = entry['data_offsets']
        data = np.frombuffer(raw, dtype='<f4', count=(end - start) // 4, offset=8 + size + start)
        state[name] = torch.from_numpy(data.copy()).reshape(entry['shape'])
    return state


@torch.no_grad()
def outputs(model, test):
    model.eval()
    mu, logvar = model.encode(test[:5])
    logits = model.decode_logits(mu)[:, 150:170]
    bce, kl = loss_terms(model, test[:1000], None)
    return {
        'what': 'pytorch/examples VAE trained 1 epoch on grey-level MNIST (Adam 1e-3, batch 128), '
                'PyTorch %s; outputs for the first test images' % torch.__version__.split('+')[0],
        'weights': 'torch-vae-mnist.safetensors',
        'test_images': 'the first images of t10k-images-idx3-ubyte, pixels / 255',
        'mu_first5': mu.tolist(),
        'logvar_first5': logvar.tolist(),
        'decoder_logits_at_mu_first5_first20_pixels_from_150': logits.tolist(),
        'first1000_bce_sum_per_image_at_z_eq_mu_nats': float(bce.mean()),
        'first1000_kl_per_image_nats': float(kl.mean()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--mnist-dir', help='directory of the MNIST IDX files')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--weights', help='evaluate these weights instead of training')
    parser.add_argument('--out-weights', default=os.path.join(DEFAULT_DIR,
                                                              'torch-vae-mnist.safetensors'))
    parser.add_argument('--out-json', default=os.path.join(DEFAULT_DIR, 'torch-vae-mnist.json'))
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    mnist_dir = args.mnist_dir or find_mnist_dir()
    test = torch.from_numpy(load_images(mnist_dir, 't10k')).float()
    model = Vae()
    if args.weights:
        model.load_state_dict(read_safetensors(args.weights))
    else:
        train(model, torch.from_numpy(load_images(mnist_dir, 'train')).float(), args.seed)
        os.makedirs(os.path.dirname(args.out_weights), exist_ok=True)
        write_safetensors(args.out_weights, model.state_dict())
        print('wrote', args.out_weights)
    with open(args.out_json, 'w') as f:
        json.dump(outputs(model, test), f, indent=1)
        f.write('\n')
    print('wrote', args.out_json)


if __name__ == '__main__':
    main()
