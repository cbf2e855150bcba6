"""PyTorch side of `edgecascade bench codec`: times one image through a shipped level with PyTorch.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/bench_codec.py --weights models/ec-mshp-v1/level9.safetensors \
      --image crop.ppm --threads 2 --repeat 3
  /usr/bin/python3 training/bench_codec.py --probe      # exit 3 with one line when torch or numpy is missing

The model is model.LevelModel rebuilt from the exported safetensors (export.level_from_safetensors: the F16 conv
weights and effective GDN parameters the C# engine loads), with the exported entropy-bottleneck medians.
encode = g_a, h_a, quantising z around the medians, h_s, the scale indexes and quantising y around the means;
decode = h_s, the scale indexes, y_hat = symbols + means, g_s. Python has no fast entropy coder (rans.py is pure
Python), so the rANS coding that the C# times include is not part of these times. Prints one JSON line: the best
(minimum) of --repeat timed runs after one untimed warm-up, the threads used and the reconstruction's PSNR.
"""
import argparse
import json
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MISSING = 3


def read_ppm(path):
    """binary P6 with maxval 255, as the C# PnmWriter writes it; returns (1,3,H,W) float in [0,1]."""
    import numpy as np
    import torch
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError("%s: expected a binary P6 PPM with maxval 255" % path)
    width, height = int(fields[1]), int(fields[2])
    pixels = np.frombuffer(data[pos + 1:pos + 1 + width * height * 3], dtype=np.uint8).reshape(height, width, 3)
    return torch.from_numpy(pixels.copy()).permute(2, 0, 1)[None].float() / 255.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights")
    ap.add_argument("--image")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--probe", action="store_true")
    a = ap.parse_args()
    try:
        import numpy  # noqa: F401
        import torch
    except ImportError as e:
        print("%s has no %s (apt-get install python3-torch python3-numpy)" % (sys.executable, e.name), file=sys.stderr)
        sys.exit(MISSING)
    if a.probe:
        print(json.dumps({"torch_version": torch.__version__}))
        return
    # Both thread pools are fixed before any tensor work so PyTorch runs on exactly the C# engine's thread count.
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    sys.path.insert(0, HERE)
    from export import level_from_safetensors
    from model import pad64

    m, tensors = level_from_safetensors(a.weights)
    medians = torch.from_numpy(tensors["entropy_bottleneck.medians"].astype("float32")).view(1, -1, 1, 1)
    x = read_ppm(a.image)
    xp, (H, W) = pad64(x)
    gc = m.gaussian_conditional

    def encode():
        y = m.g_a(xp)
        z = m.h_a(y)
        z_sym = torch.round(z - medians)
        scales, means = m.entropy_params(z_sym + medians)
        gc.build_indexes(scales)
        return z_sym, torch.round(y - means)

    def decode(z_sym, y_sym):
        scales, means = m.entropy_params(z_sym + medians)
        gc.build_indexes(scales)
        return m.g_s(y_sym + means)[..., :H, :W].clamp(0, 1)

    def best(fn):
        times = []
        out = None
        for _ in range(a.repeat):
            t = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t)
        return min(times), out

    with torch.no_grad():
        decode(*encode())  # warm-up: first-call allocations and oneDNN primitive creation are not coding time
        encode_s, symbols = best(encode)
        decode_s, x_hat = best(lambda: decode(*symbols))
    mse = torch.mean((torch.round(x * 255) - torch.round(x_hat * 255)) ** 2).item()
    print(json.dumps({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "encode_seconds": encode_s,
        "decode_seconds": decode_s,
        "psnr": 10 * math.log10(255 ** 2 / max(mse, 1e-10)),
    }))


if __name__ == "__main__":
    main()
