"""latentkit_torch: latentkit's createModel architectures as torch.nn modules, latentkit's losses,
and latentkit safetensors files (PyTorch layouts, latentkit names, config in the metadata).

Depends on torch and numpy only."""

from .config import UnsupportedConfigError, resolve_config
from .io import load_latentkit, save_latentkit
from .losses import bernoulli_nll, elbo_terms, gaussian_nll, kl_standard_normal, reconstruction_nll
from .model import LatentkitModel
from .safetensors_io import read_safetensors, write_safetensors

__all__ = [
    "LatentkitModel",
    "UnsupportedConfigError",
    "bernoulli_nll",
    "elbo_terms",
    "gaussian_nll",
    "kl_standard_normal",
    "load_latentkit",
    "read_safetensors",
    "reconstruction_nll",
    "resolve_config",
    "save_latentkit",
    "write_safetensors",
]
