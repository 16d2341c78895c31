"""latentkit safetensors files: PyTorch layouts under latentkit's parameter names, with the
createModel config as JSON in ``__metadata__["config"]``."""

import json

from .model import LatentkitModel
from .safetensors_io import read_safetensors, write_safetensors

CONFIG_KEY = "config"


def save_latentkit(module, path, metadata=None):
    """Writes ``module`` (a LatentkitModel, or a DistributedDataParallel around one) to ``path``:
    every parameter as F32 in PyTorch layout under its latentkit name, and the resolved config."""
    module = getattr(module, "module", module)
    meta = {"format": "pt", CONFIG_KEY: json.dumps(module.config, separators=(",", ":"))}
    meta.update(metadata or {})
    state = {k: v.detach().float().contiguous() for k, v in module.state_dict().items()}
    write_safetensors(path, state, meta)


def load_latentkit(path):
    """A LatentkitModel built from the file's config, its weights loaded with strict=True
    (so a missing, extra or mis-shaped tensor is an error naming it). Returned in eval mode."""
    tensors, metadata = read_safetensors(path)
    if CONFIG_KEY not in metadata:
        raise ValueError(f"{path}: no '{CONFIG_KEY}' entry in __metadata__ (not a latentkit file)")
    model = LatentkitModel(json.loads(metadata[CONFIG_KEY]))
    model.load_state_dict(tensors, strict=True)
    return model.eval()
