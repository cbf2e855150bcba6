"""Block KLT of the training photos, and a level model initialised to carry it (the start of the training root).

With random weights the level model needs tens of thousands of CPU steps before its transforms pass what a linear
transform passes (training/README.md, "Latent width"). `init_level_from_klt` writes the weights so that, before any
training, g_a computes the B x B block KLT keeping N coefficients (B = 8: the 1/8-resolution layer holds one block
per position) and g_s inverts it:

  g_a.0, g_a.2  space-to-depth 2x2 twice: 4x4x3 pixel values per 1/4-resolution position (needs N >= 48)
  g_a.4         the 8x8x3 block of a 2x2 neighbourhood -> its first N KLT coefficients (mean removed)
  g_a.6         the 2x2 neighbourhood of coefficient vectors -> latent channels, times `gain` (needs M = 4N)
  g_s           the exact mirror through the sub-pixel convs; every GDN / IGDN starts as the identity

Then small random weights (std noise * the layer's largest structured weight / sqrt(fan-in)) are added everywhere,
so that unused channels are not stuck at a zero gradient.
The hyperprior and the entropy models keep their usual initialisation.

  /usr/bin/python3 training/train_level.py --level 10 --init-klt 10 ...     # the training root (train_all.sh does this)
"""
import glob
import os

import numpy as np
import torch

KLT_BLOCK = 8


def blocks(img, block):
    """(H, W, 3) array -> rows of block*block*3 values in (row, column, colour) order."""
    h, w = img.shape[0] // block * block, img.shape[1] // block * block
    b = img[:h, :w].reshape(h // block, block, w // block, block, 3).transpose(0, 2, 1, 3, 4)
    return b.reshape(-1, block * block * 3).astype(np.float64)


def fit_klt(files, block):
    """Mean and eigenvectors (columns, largest variance first) of the blocks of the given photos, 8-bit scale."""
    from PIL import Image
    data = np.concatenate([blocks(np.asarray(Image.open(f).convert("RGB")), block) for f in files])
    mean = data.mean(0)
    _, vectors = np.linalg.eigh(np.cov((data - mean).T))
    return mean, vectors[:, ::-1].copy()


def training_klt(cache_dir, every=4, block=KLT_BLOCK):
    """The KLT of every `every`-th training photo (EC_DATA or training/work/data), cached in cache_dir."""
    from common import WORK
    cache = os.path.join(cache_dir, "klt%d.npz" % block)
    if os.path.exists(cache):
        z = np.load(cache)
        return z["mean"], z["vectors"]
    files = sorted(glob.glob(os.path.join(os.environ.get("EC_DATA", os.path.join(WORK, "data")), "*.png")))
    if not files:
        raise SystemExit("no training data: run training/prepare_data.sh")
    mean, vectors = fit_klt(files[::every], block)
    np.savez(cache, mean=mean, vectors=vectors)
    return mean, vectors


def _pixel(r, c, colour, block=KLT_BLOCK):
    return (r * block + c) * 3 + colour


@torch.no_grad()
def init_level_from_klt(model, mean, vectors, gain, noise=0.001, seed=0):
    n, m = model.N, model.M
    if n < 48 or m != 4 * n or n > vectors.shape[1]:
        raise ValueError("KLT init needs N >= 48 and M = 4N (got N=%d, M=%d)" % (n, m))
    g = torch.Generator().manual_seed(seed)
    basis = torch.from_numpy(vectors[:, :n]).float()          # (192, N), pixel values in 8-bit scale
    mean01 = torch.from_numpy(mean).float() / 255.0           # the model sees [0, 1]
    convs = [model.g_a[0], model.g_a[2], model.g_a[4], model.g_a[6],
             model.g_s[0], model.g_s[3], model.g_s[6], model.g_s[9]]
    for layer in convs:
        layer.weight.zero_()
        layer.bias.zero_()
    for gdn in (model.g_a[1], model.g_a[3], model.g_a[5], model.g_s[2], model.g_s[5], model.g_s[8]):
        gdn.beta.copy_(gdn.beta_reparam.init(torch.ones_like(gdn.beta)))
        gdn.gamma.copy_(gdn.gamma_reparam.init(torch.zeros_like(gdn.gamma)))
    # Channel layouts. 1/2 resolution: c*4 + i*2 + j holds pixel (2y+i, 2x+j) of colour c.
    # 1/4 resolution: (i2*2 + j2)*12 + ch12 holds the 1/2-resolution channel ch12 of position (2y+i2, 2x+j2).
    for c in range(3):
        for i in range(2):
            for j in range(2):
                ch12 = c * 4 + i * 2 + j
                model.g_a[0].weight[ch12, c, 2 + i, 2 + j] += 1.0
                model.g_s[9].weight[ch12, ch12, 1, 1] += 1.0      # PixelShuffle: channel c*4+i*2+j -> (i, j) of c
                for i2 in range(2):
                    for j2 in range(2):
                        ch48 = (i2 * 2 + j2) * 12 + ch12
                        model.g_a[2].weight[ch48, ch12, 2 + i2, 2 + j2] += 1.0
                        model.g_s[6].weight[ch12 * 4 + i2 * 2 + j2, ch48, 1, 1] += 1.0
                        for i3 in range(2):
                            for j3 in range(2):
                                p = _pixel(4 * i3 + 2 * i2 + i, 4 * j3 + 2 * j2 + j, c)
                                model.g_a[4].weight[:, ch48, 2 + i3, 2 + j3] += basis[p]
                                model.g_s[3].weight[ch48 * 4 + i3 * 2 + j3, :, 1, 1] += basis[p]
                                model.g_s[3].bias[ch48 * 4 + i3 * 2 + j3] += mean01[p]
    model.g_a[4].bias.copy_(-(mean01 @ basis))
    for i4 in range(2):
        for j4 in range(2):
            for q in range(n):
                latent = (i4 * 2 + j4) * n + q
                model.g_a[6].weight[latent, q, 2 + i4, 2 + j4] += gain
                model.g_s[0].weight[q * 4 + i4 * 2 + j4, latent, 1, 1] += 1.0 / gain
    for layer in convs:  # relative to each layer's own scale: g_a.6 carries the gain, g_s.0 its inverse
        fan_in = layer.weight[0].numel()
        scale = layer.weight.abs().max() * noise / fan_in ** 0.5
        layer.weight.add_(torch.randn(layer.weight.shape, generator=g) * scale)
