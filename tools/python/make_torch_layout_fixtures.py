"""Makes the PyTorch-layout fixtures of @latentkit/models (packages/models/test/fixtures/torch-*).

Run from the repository root with Debian's PyTorch (python3-torch 1.13):

    /usr/bin/python3 tools/python/make_torch_layout_fixtures.py

Each case is a plain PyTorch model written the way a PyTorch user writes it (nn.Sequential with
its own indices, pytorch/examples-style `fc1` names, PixelShuffle and ConvTranspose2d decoders),
NOT latentkit_torch's modules: the JS tests load its state dict through latentkit's name maps
and layout conversions and must reproduce the outputs recorded here. Weights are seeded
(torch.manual_seed per case) and scaled up a little so the outputs are far from zero; inputs
are seeded uniform [0, 1). Conv images are stored NHWC in the JSON (latentkit's layout), flat.
"""

import json
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from latentkit_torch.safetensors_io import write_safetensors  # noqa: E402

torch.set_num_threads(1)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "packages", "models", "test", "fixtures")
BATCH = 3


class SequentialVae(nn.Module):
    """MLP VAE 784-16-12 ReLU → μ, log σ² (8) → 12-16 ReLU-784 (logits); Sequential names."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 16), nn.ReLU(), nn.Linear(16, 12), nn.ReLU())
        self.fc_mu = nn.Linear(12, 8)
        self.fc_logvar = nn.Linear(12, 8)
        self.decoder = nn.Sequential(
            nn.Linear(8, 12), nn.ReLU(), nn.Linear(12, 16), nn.ReLU(), nn.Linear(16, 784)
        )

    def encode(self, x, c=None):
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode(self, z, c=None):
        return self.decoder(z)


class FcAe(nn.Module):
    """pytorch/examples-style names, an AE: fc1 20→24 Tanh, fc2 24→5 (code), fc3 5→24 Tanh,
    fc4 24→20 (Gaussian means)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 24)
        self.fc2 = nn.Linear(24, 5)
        self.fc3 = nn.Linear(5, 24)
        self.fc4 = nn.Linear(24, 20)

    def encode(self, x, c=None):
        return self.fc2(torch.tanh(self.fc1(x))), None

    def decode(self, z, c=None):
        return self.fc4(torch.tanh(self.fc3(z)))


class PixelShuffleVae(nn.Module):
    """Conv VAE on 12×12×2 NCHW: two stride-2 3×3 convs (TensorFlow 'same' = ZeroPad2d((0, 1, 0,
    1)) + padding 0), Flatten, 72-16 ReLU, μ/log σ² (4); decoder 4-16 ReLU, 16-72 ReLU,
    Unflatten (8, 3, 3), Conv2d 3×3 (pad 1) + PixelShuffle(2) twice (8→4→2 channels)."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(2, 4, 3, stride=2), nn.ReLU(),
            nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(4, 8, 3, stride=2), nn.ReLU(),
            nn.Flatten(), nn.Linear(72, 16), nn.ReLU(),
        )  # fmt: skip
        self.fc_mu = nn.Linear(16, 4)
        self.fc_logvar = nn.Linear(16, 4)
        self.decoder = nn.Sequential(
            nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 72), nn.ReLU(), nn.Unflatten(1, (8, 3, 3)),
            nn.ZeroPad2d(1), nn.Conv2d(8, 16, 3), nn.PixelShuffle(2), nn.ReLU(),
            nn.ZeroPad2d(1), nn.Conv2d(4, 8, 3), nn.PixelShuffle(2),
        )  # fmt: skip

    def encode(self, x, c=None):
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode(self, z, c=None):
        return self.decoder(z)


class TransposedAe(nn.Module):
    """Conv AE on 8×8×1 with 4×4 stride-2 padding-1 convs (= TensorFlow 'same' for k − s = 2):
    Conv 1→4, Conv 4→6 (ELU), Flatten, code 24→3; decoder Linear 3→24 ELU, Unflatten (6, 2, 2),
    ConvTranspose2d 6→4, ELU, ConvTranspose2d 4→1 (logits)."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 4, 4, 2, 1), nn.ELU(), nn.Conv2d(4, 6, 4, 2, 1), nn.ELU(), nn.Flatten()
        )
        self.fc_mu = nn.Linear(24, 3)
        self.decoder = nn.Sequential(
            nn.Linear(3, 24), nn.ELU(), nn.Unflatten(1, (6, 2, 2)),
            nn.ConvTranspose2d(6, 4, 4, 2, 1), nn.ELU(), nn.ConvTranspose2d(4, 1, 4, 2, 1),
        )  # fmt: skip

    def encode(self, x, c=None):
        return self.fc_mu(self.encoder(x)), None

    def decode(self, z, c=None):
        return self.decoder(z)


class SequentialCvae(nn.Module):
    """MLP CVAE: [x (30), one-hot (3)] 33-16 LeakyReLU(0.01) → μ, log σ² (2);
    [z, one-hot] 5-16 LeakyReLU-30."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(33, 16), nn.LeakyReLU(0.01))
        self.fc_mu = nn.Linear(16, 2)
        self.fc_logvar = nn.Linear(16, 2)
        self.decoder = nn.Sequential(nn.Linear(5, 16), nn.LeakyReLU(0.01), nn.Linear(16, 30))

    def encode(self, x, c=None):
        h = self.encoder(torch.cat([x, c], 1))
        return self.fc_mu(h), self.fc_logvar(h)

    def decode(self, z, c=None):
        return self.decoder(torch.cat([z, c], 1))


CASES = [
    {
        "name": "sequential-mlp-vae",
        "model": SequentialVae,
        "config": {"kind": "vae", "inputShape": [784], "latentDim": 8,
                   "encoder": {"type": "mlp", "hidden": [16, 12]}},
        "nameMapOptions": {"convention": "sequential"},
    },
    {
        "name": "fc-mlp-ae",
        "model": FcAe,
        "config": {"kind": "ae", "inputShape": [20], "latentDim": 5, "likelihood": "gaussian",
                   "encoder": {"type": "mlp", "hidden": [24], "activation": "tanh"}},
        "nameMapOptions": {"convention": "fc"},
    },
    {
        "name": "sequential-conv-vae",
        "model": PixelShuffleVae,
        "config": {"kind": "vae", "inputShape": [12, 12, 2], "latentDim": 4,
                   "encoder": {"type": "conv", "channels": [4, 8], "hidden": [16]}},
        "nameMapOptions": {"convention": "sequential", "encoderIndices": [1, 4, 7],
                           "decoderIndices": [0, 2, 6, 10]},
    },
    {
        "name": "sequential-conv-transpose-ae",
        "model": TransposedAe,
        "config": {"kind": "ae", "inputShape": [8, 8, 1], "latentDim": 3,
                   "encoder": {"type": "conv", "channels": [4, 6], "kernel": 4,
                               "activation": "elu", "upsample": "transpose"}},
        "nameMapOptions": {"convention": "sequential"},
    },
    {
        "name": "sequential-mlp-cvae",
        "model": SequentialCvae,
        "config": {"kind": "cvae", "inputShape": [30], "latentDim": 2, "numClasses": 3,
                   "encoder": {"type": "mlp", "hidden": [16], "activation": "leakyRelu"}},
        "nameMapOptions": {"convention": "sequential"},
    },
]  # fmt: skip


def nhwc(t):
    return t.permute(0, 2, 3, 1) if t.dim() == 4 else t


def flat(t):
    """Flat float32 values, each written as the shortest decimal that reads back as it."""
    return [float(str(v)) for v in nhwc(t).detach().reshape(-1).numpy()]


def main():
    reference = {"torch": torch.__version__, "batch": BATCH, "cases": []}
    for index, case in enumerate(CASES):
        torch.manual_seed(20261207 + index)
        model = case["model"]()
        with torch.no_grad():
            for p in model.parameters():
                p.mul_(1.5)
        shape = case["config"]["inputShape"]
        if len(shape) == 3:  # NCHW for PyTorch
            x = torch.rand(BATCH, shape[2], shape[0], shape[1])
        else:
            x = torch.rand(BATCH, *shape)
        classes = case["config"].get("numClasses", 0)
        labels = [i % classes for i in range(BATCH)] if classes else None
        c = nn.functional.one_hot(torch.tensor(labels), classes).float() if classes else None
        z = torch.randn(BATCH, case["config"]["latentDim"])
        with torch.no_grad():
            mu, logvar = model.encode(x, c)
            raw_at_mu = model.decode(mu, c)
            raw_at_z = model.decode(z, c)
        path = os.path.join(OUT, f"torch-{case['name']}.safetensors")
        write_safetensors(path, model.state_dict(), {"format": "pt"})
        entry = {
            "name": case["name"],
            "file": os.path.basename(path),
            "config": case["config"],
            "nameMapOptions": case["nameMapOptions"],
            "x": flat(x),
            "labels": labels,
            "z": flat(z),
            "mu": flat(mu),
            "logVar": None if logvar is None else flat(logvar),
            "decodedAtMu": flat(raw_at_mu),
            "decodedAtZ": flat(raw_at_z),
        }
        reference["cases"].append(entry)
        print(f"{case['name']}: {sum(p.numel() for p in model.parameters())} parameters")
    with open(os.path.join(OUT, "torch-layouts.json"), "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
