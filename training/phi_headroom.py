"""How much a phi_inter hop k -> k-1 loses, against two references, on held-out training crops.

  /usr/bin/python3 training/phi_headroom.py [--pairs 9,6,3] [--out F.json]

Per pair, the level-(k-1) R-D point (bpp, PSNR, R-D loss at lambda_{k-1}, real rounding) of
  direct     g_a^{k-1}(x), coded at k-1 (the bound, SSF);
  phi_inter  phi_inter(D^k E^k Q^k g_a^k(x)) coded at k-1 (HCF's inter-node hop);
  recompress g_a^{k-1}(g_s^k(D^k E^k Q^k g_a^k(x))) coded at k-1 (DRF's hop: decode, re-encode);
and each one's latent MSE against g_a^{k-1}(x), the target phi's Eq. 12 regression trains for. Where recompress beats
phi_inter, the pair's transform is not yet what a latent-domain hop can be: decode-then-encode is one function of the
same input that phi could have learned.
"""
import argparse
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import LAMBDAS, rd_loss  # noqa: E402
from common import psnr_8bit, threads  # noqa: E402
from train_phi import get_crops, load_level_latest, load_phi, quantize_level  # noqa: E402


@torch.no_grad()
def point(level, lam, x, y, target):
    """R-D point of latent y coded at `level` for images x: (bpp, psnr, rd loss, latent mse to target)."""
    bpp = psnr = loss = mse = 0.0
    n = x.shape[0]
    for i in range(0, n, 4):
        j = slice(i, min(n, i + 4))
        y_hat, lik_y, lik_z, _ = level.code_latent(y[j], training=False)
        x_hat = level.g_s(y_hat)
        L, B, _ = rd_loss(x[j], x_hat, lik_y, lik_z, lam)
        nb = x[j].shape[0]
        bpp += B.item() * nb
        loss += L.item() * nb
        psnr += sum(psnr_8bit(x[j][b:b + 1], x_hat[b:b + 1]) for b in range(nb))
        mse += F.mse_loss(y[j], target[j], reduction="sum").item()
    return dict(bpp=bpp / n, psnr=psnr / n, rd_loss=loss / n, latent_mse=mse / target.numel())


@torch.no_grad()
def headroom(k, x):
    upper, lower = load_level_latest(k), load_level_latest(k - 1)
    lam = LAMBDAS[k - 2]
    target = torch.cat([lower.g_a(x[i:i + 8]) for i in range(0, x.shape[0], 8)])
    y_up = torch.cat([upper.g_a(x[i:i + 8]) for i in range(0, x.shape[0], 8)])
    y_hat_up = quantize_level(upper, y_up)
    phi = load_phi("inter", k)
    via_phi = torch.cat([phi(y_hat_up[i:i + 8]) for i in range(0, x.shape[0], 8)])
    decoded = torch.cat([upper.g_s(y_hat_up[i:i + 8]).clamp(0, 1) for i in range(0, x.shape[0], 8)])
    decoded = torch.round(decoded * 255) / 255  # DRF hands on 8-bit pixels
    recompressed = torch.cat([lower.g_a(decoded[i:i + 8]) for i in range(0, x.shape[0], 8)])
    return {name: point(lower, lam, x, y, target)
            for name, y in (("direct", target), ("phi_inter", via_phi), ("recompress", recompressed))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default="9,8,7,6,5,4,3,2", help="upper levels k of the pairs k -> k-1")
    ap.add_argument("--out", help="write the table as JSON here")
    a = ap.parse_args()
    torch.set_num_threads(threads())
    crops, n_tr = get_crops()
    x = crops[n_tr:].float() / 255.0  # the held-out crops only
    rows = {}
    print("pair   | direct bpp/dB   | phi_inter bpp/dB (+rd%) lat.mse | recompress bpp/dB (+rd%) lat.mse")
    for k in [int(s) for s in a.pairs.split(",")]:
        r = headroom(k, x)
        rows["%d->%d" % (k, k - 1)] = r
        d = r["direct"]["rd_loss"]
        print("%d->%d   | %.4f/%.2f | %.4f/%.2f (%+.1f%%) %.4f | %.4f/%.2f (%+.1f%%) %.4f" % (
            k, k - 1, r["direct"]["bpp"], r["direct"]["psnr"],
            r["phi_inter"]["bpp"], r["phi_inter"]["psnr"], 100 * (r["phi_inter"]["rd_loss"] / d - 1),
            r["phi_inter"]["latent_mse"],
            r["recompress"]["bpp"], r["recompress"]["psnr"], 100 * (r["recompress"]["rd_loss"] / d - 1),
            r["recompress"]["latent_mse"]), flush=True)
    if a.out:
        with open(a.out + ".tmp", "w") as f:
            json.dump(dict(heldout_crops=int(x.shape[0]), pairs=rows), f, indent=1)
        os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
