"""Minimal safetensors writer/reader (8-byte LE header length + JSON header + raw LE data)."""
import json
import struct

import numpy as np

_DT = {np.dtype("float16"): "F16", np.dtype("float32"): "F32", np.dtype("int32"): "I32",
       np.dtype("int64"): "I64", np.dtype("uint8"): "U8", np.dtype("float64"): "F64"}
_ND = {v: k for k, v in _DT.items()}


def save(path, tensors, metadata=None):
    """tensors: dict name -> numpy array (F16/F32/I32/I64/U8). Names sorted, data 8-byte aligned header."""
    header = {}
    blobs = []
    off = 0
    for name in sorted(tensors):
        a = np.ascontiguousarray(tensors[name])
        a = a.astype(a.dtype.newbyteorder("<"), copy=False)
        b = a.tobytes()
        header[name] = {"dtype": _DT[a.dtype], "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n].decode("utf-8"))
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        s, e = info["data_offsets"]
        dt = np.dtype(_ND[info["dtype"]]).newbyteorder("<")
        out[name] = np.frombuffer(data[base + s:base + e], dtype=dt).reshape(info["shape"]).copy()
    return out, header.get("__metadata__", {})
