"""A small safetensors reader and writer (float tensors, string metadata).

Why not the `safetensors` package: latentkit_torch depends on torch and numpy only (Debian's
python3-torch ships neither `safetensors` nor pip), and the format is simple: an 8-byte
little-endian header length, a JSON header (``{"__metadata__": {str: str}, name: {"dtype",
"shape", "data_offsets"}}``) padded with spaces to a multiple of 8 bytes, then the raw
little-endian data. Files written here load in latentkit (`safetensorsToRecord`,
`loadTorchStateDict`) and with `safetensors.torch.load_file`.
"""

import json
import struct

import numpy as np
import torch

_NUMPY = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4", "U8": "u1"}


def write_safetensors(path, tensors, metadata=None):
    """Writes ``tensors`` (name -> torch.Tensor or numpy array, float32) and ``metadata``
    (str -> str) to ``path``. Tensors are stored as F32 in the given order."""
    header = {}
    if metadata:
        for key, value in metadata.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"metadata must map str to str, got {key!r}: {type(value).__name__}")
        header["__metadata__"] = dict(metadata)
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        if name == "__metadata__":
            raise ValueError("'__metadata__' is not a tensor name")
        array = tensor.detach().cpu().numpy() if isinstance(tensor, torch.Tensor) else np.asarray(tensor)
        if array.dtype != np.float32:
            raise TypeError(f"tensor '{name}' must be float32, got {array.dtype}")
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    """Reads a safetensors file: ``(tensors, metadata)`` with tensors as float32 torch tensors
    (F16/BF16/F64 converted) in file order and metadata as a dict of strings."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (length,) = struct.unpack("<Q", raw[:8])
    if 8 + length > len(raw):
        raise ValueError(f"{path}: header length {length} exceeds the file")
    header = json.loads(raw[8 : 8 + length].decode("utf-8"))
    data = raw[8 + length :]
    metadata = header.pop("__metadata__", None) or {}
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = info["dtype"]
        chunk = data[begin:end]
        if dtype == "BF16":
            bits = np.frombuffer(chunk, dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        elif dtype in _NUMPY:
            array = np.frombuffer(chunk, dtype=_NUMPY[dtype])
        else:
            raise ValueError(f"tensor '{name}': unsupported dtype {dtype}")
        if dtype not in ("F32", "F64", "F16", "BF16"):
            raise ValueError(f"tensor '{name}': dtype {dtype} is not a float parameter")
        tensors[name] = torch.from_numpy(array.astype(np.float32).reshape(info["shape"]).copy())
    return tensors, metadata
