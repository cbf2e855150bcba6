"""Chains of HCF transforms on data/eval: level SRC down to DST directly, through phi_intra only, and the edge way.

  /usr/bin/python3 training/phi_chain.py 9 5        # EC_CKPT selects the checkpoints (default training/work/ckpt)

direct: x -> g_a^DST, coded at DST.  intra: g_a^SRC(x) through phi_intra SRC->...->DST, coded at DST.
edge:   g_a^SRC(x) rounded with the level-SRC hyperprior, phi_inter SRC->SRC-1, then phi_intra down to DST
        (the relay path of the edge policy with n_q = 2).
Prints bpp (likelihoods), PSNR and the hyperprior's share of the rate for each path. Single pairs are in the phi
table of eval_reference.py; this shows how their errors add up over several hops (training/README.md, v5).
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CKPT, load_eval, psnr_8bit  # noqa: E402
from export import level_ckpt, load_level, load_phi  # noqa: E402
from model import pad64  # noqa: E402


@torch.no_grad()
def path_rate(images, levels, intra, inter, src, dst, path):
    bpp, psnr, z_bpp = [], [], []
    for _, x in images:
        xp, (h, w) = pad64(x)
        if path == "direct":
            y = levels[dst].g_a(xp)
        else:
            y, k = levels[src].g_a(xp), src
            if path == "edge":
                y = inter(levels[src].code_latent(y, training=False)[0])
                k -= 1
            while k > dst:
                y = intra[k](y)
                k -= 1
        y_hat, lik_y, lik_z, _ = levels[dst].code_latent(y, training=False)
        pixels = h * w
        z_bits = -torch.log2(lik_z).sum().item()
        bpp.append((-torch.log2(lik_y).sum().item() + z_bits) / pixels)
        z_bpp.append(z_bits / pixels)
        psnr.append(psnr_8bit(x, levels[dst].g_s(y_hat)[..., :h, :w]))
    return float(np.mean(bpp)), float(np.mean(psnr)), float(np.mean(z_bpp))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=int)
    ap.add_argument("dst", type=int)
    a = ap.parse_args()
    if not a.src > a.dst >= 1:
        ap.error("need SRC > DST >= 1 (got %d, %d)" % (a.src, a.dst))
    torch.set_num_threads(2)
    missing = [str(k) for k in range(a.dst, a.src + 1) if level_ckpt(k) is None]
    missing += ["phi_intra_%dto%d" % (k, k - 1) for k in range(a.dst + 1, a.src + 1) if load_phi("intra", k) is None]
    missing += ["phi_inter_%dto%d" % (a.src, a.src - 1)] if load_phi("inter", a.src) is None else []
    if missing:
        print("phi_chain.py: no checkpoint for level/phi %s in %s: train them first (train_all.sh) or set EC_CKPT"
              % (", ".join(missing), CKPT), file=sys.stderr)
        sys.exit(2)
    levels = {k: load_level(k) for k in range(a.dst, a.src + 1)}
    intra = {k: load_phi("intra", k) for k in range(a.dst + 1, a.src + 1)}
    inter = load_phi("inter", a.src)
    images = load_eval()
    for path in ("direct", "intra", "edge"):
        b, p, z = path_rate(images, levels, intra, inter, a.src, a.dst, path)
        print("%d -> %d %-6s bpp %.4f  PSNR %.2f dB  (hyperprior %.4f bpp)" % (a.src, a.dst, path, b, p, z))


if __name__ == "__main__":
    main()
