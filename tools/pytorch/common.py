"""Shared PyTorch helpers for FedShield's reference tooling.

Contents
--------
* ``MnistCnn`` and ``AdultMlp``: the two reference models, written as plain
  ``torch.nn.Module`` classes whose attribute names (and therefore
  ``state_dict`` keys) match the parameter names FedShield uses
  (``conv1.weight``, ``conv1.bias``, ..., ``fc2.bias``).
* ``save_file`` / ``load_file``: a small, dependency-free implementation of the
  safetensors container, restricted to float32 tensors.

safetensors layout (as implemented here)
----------------------------------------
    bytes [0, 8)        N, unsigned 64-bit little-endian: length of the header
    bytes [8, 8 + N)    UTF-8 JSON object, padded with spaces so that N is a
                        multiple of 8:
                          {"name": {"dtype": "F32", "shape": [d0, d1, ...],
                                    "data_offsets": [begin, end]}, ...,
                           "__metadata__": {"key": "value", ...}}   (optional)
    bytes [8 + N, EOF)  raw little-endian tensor data; data_offsets are
                        relative to the start of this section.

``load_file`` rejects anything it does not fully understand: a truncated
file, a header length that runs past the end, malformed or duplicate JSON
keys, a dtype other than F32, an element count that does not match the byte
range, offsets outside the data section, overlapping ranges, and bytes in the
data section not covered by any tensor.

Requires Debian's ``python3-torch`` (run with ``/usr/bin/python3``); nothing
else beyond the Python standard library.
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
from array import array
from typing import Dict, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

if sys.byteorder != "little":  # pragma: no cover - every supported host is little-endian
    raise RuntimeError("these helpers assume a little-endian host")


# --------------------------------------------------------------------------
# Reference models
# --------------------------------------------------------------------------

class MnistCnn(nn.Module):
    """LeNet-style CNN for 1x28x28 inputs; 21,840 parameters.

    conv1 (1->10, 5x5) -> max-pool 2 -> ReLU -> conv2 (10->20, 5x5)
    -> max-pool 2 -> ReLU -> flatten (320) -> fc1 (320->50) -> ReLU
    -> fc2 (50->10) logits. Trained with mean cross-entropy.
    """

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class AdultMlp(nn.Module):
    """One-hidden-layer MLP for the 105-feature Adult data set; 5,137 parameters.

    fc1 (105->48) -> ReLU -> fc2 (48->1) logit, output shape (N, 1).
    Trained with mean BCEWithLogitsLoss against float targets of shape (N, 1).
    """

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(105, 48)
        self.fc2 = nn.Linear(48, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.relu(self.fc1(x)))


# Command-line / file names of the models, shared by the scripts.
MODELS = {
    "mnist-cnn": MnistCnn,
    "adult-mlp": AdultMlp,
}


def make_model(name: str) -> nn.Module:
    try:
        return MODELS[name]()
    except KeyError:
        raise SystemExit(f"unknown model {name!r}; expected one of {sorted(MODELS)}") from None


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------
# safetensors (float32 only)
# --------------------------------------------------------------------------

_METADATA_KEY = "__metadata__"
_F32_SIZE = 4
# Refuse absurd headers instead of allocating them (same order of magnitude as
# the reference implementation's limit).
_MAX_HEADER_BYTES = 100 * 1024 * 1024


class SafetensorsError(ValueError):
    """Raised when a file is not a valid float32-only safetensors file."""


def _f32_bytes(t: torch.Tensor) -> bytes:
    flat = t.detach().to(device="cpu", dtype=torch.float32).contiguous().reshape(-1)
    # Python floats are doubles, so float32 -> double -> float32 is exact.
    return array("f", flat.tolist()).tobytes()


def save_file(tensors: Dict[str, torch.Tensor], path: str,
              metadata: Optional[Dict[str, str]] = None) -> None:
    """Write ``tensors`` (converted to float32) to ``path`` as safetensors.

    Tensors are laid out contiguously in name order, so the output is a pure
    function of the inputs (byte-for-byte reproducible).
    """
    header: Dict[str, object] = {}
    if metadata is not None:
        for k, v in metadata.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise SafetensorsError("metadata keys and values must be strings")
        header[_METADATA_KEY] = dict(sorted(metadata.items()))

    blobs = []
    offset = 0
    for name in sorted(tensors):
        if name == _METADATA_KEY:
            raise SafetensorsError(f"tensor name {_METADATA_KEY!r} is reserved")
        t = tensors[name]
        if not isinstance(t, torch.Tensor):
            raise SafetensorsError(f"{name!r} is not a tensor")
        if not t.is_floating_point():
            raise SafetensorsError(f"{name!r} has dtype {t.dtype}; store it as float32")
        data = _f32_bytes(t)
        header[name] = {
            "dtype": "F32",
            "shape": list(t.shape),
            "data_offsets": [offset, offset + len(data)],
        }
        blobs.append(data)
        offset += len(data)

    header_bytes = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)

    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        for data in blobs:
            f.write(data)
    os.replace(tmp, path)


def _reject_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise SafetensorsError(f"duplicate JSON key {k!r} in header")
        out[k] = v
    return out


def _is_nonneg_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def load_file_with_metadata(path: str) -> Tuple[Dict[str, torch.Tensor], Dict[str, str]]:
    """Read a float32 safetensors file; returns (tensors, metadata)."""
    with open(path, "rb") as f:
        raw = f.read()

    if len(raw) < 8:
        raise SafetensorsError(f"{path}: file too short for the 8-byte header length")
    (n,) = struct.unpack_from("<Q", raw, 0)
    if n > _MAX_HEADER_BYTES:
        raise SafetensorsError(f"{path}: header length {n} is implausibly large")
    if 8 + n > len(raw):
        raise SafetensorsError(f"{path}: header length {n} runs past the end of the file ({len(raw)} bytes)")

    try:
        text = raw[8:8 + n].decode("utf-8")
        header = json.loads(text, object_pairs_hook=_reject_duplicates)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SafetensorsError(f"{path}: header is not valid UTF-8 JSON: {e}") from None
    except SafetensorsError as e:
        raise SafetensorsError(f"{path}: {e}") from None
    if not isinstance(header, dict):
        raise SafetensorsError(f"{path}: header must be a JSON object")

    metadata = header.pop(_METADATA_KEY, {})
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise SafetensorsError(f"{path}: __metadata__ must map strings to strings")

    data = raw[8 + n:]
    ranges = []
    for name, info in header.items():
        if not isinstance(info, dict):
            raise SafetensorsError(f"{path}: entry {name!r} is not an object")
        dtype = info.get("dtype")
        shape = info.get("shape")
        offs = info.get("data_offsets")
        if dtype != "F32":
            raise SafetensorsError(f"{path}: tensor {name!r} has dtype {dtype!r}; only F32 is supported")
        if not isinstance(shape, list) or not all(_is_nonneg_int(d) for d in shape):
            raise SafetensorsError(f"{path}: tensor {name!r} has an invalid shape {shape!r}")
        if (not isinstance(offs, list) or len(offs) != 2
                or not all(_is_nonneg_int(o) for o in offs)):
            raise SafetensorsError(f"{path}: tensor {name!r} has invalid data_offsets {offs!r}")
        begin, end = offs
        if begin > end:
            raise SafetensorsError(f"{path}: tensor {name!r} has begin {begin} > end {end}")
        if end > len(data):
            raise SafetensorsError(
                f"{path}: tensor {name!r} ends at {end}, past the data section ({len(data)} bytes)")
        expected = math.prod(shape) * _F32_SIZE
        if end - begin != expected:
            raise SafetensorsError(
                f"{path}: tensor {name!r} spans {end - begin} bytes but shape {shape} needs {expected}")
        ranges.append((begin, end, name))

    # Ranges must not overlap and must tile the data section exactly.
    ranges.sort()
    cursor = 0
    for begin, end, name in ranges:
        if begin < cursor:
            raise SafetensorsError(f"{path}: tensor {name!r} overlaps the previous tensor")
        if begin > cursor:
            raise SafetensorsError(f"{path}: {begin - cursor} unused bytes before tensor {name!r}")
        cursor = end
    if cursor != len(data):
        raise SafetensorsError(f"{path}: {len(data) - cursor} trailing bytes not covered by any tensor")

    tensors: Dict[str, torch.Tensor] = {}
    for begin, end, name in ranges:
        shape = header[name]["shape"]
        if end == begin:
            t = torch.zeros(shape, dtype=torch.float32)
        else:
            t = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(shape)
        tensors[name] = t
    return tensors, dict(metadata)


def load_file(path: str) -> Dict[str, torch.Tensor]:
    """Read a float32 safetensors file; returns {name: tensor}."""
    return load_file_with_metadata(path)[0]


def load_metadata(path: str) -> Dict[str, str]:
    """Read only the ``__metadata__`` of a (validated) safetensors file."""
    return load_file_with_metadata(path)[1]
