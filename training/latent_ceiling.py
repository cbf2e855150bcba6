"""How much can a level's latent carry at all? Compares, on data/eval:

  * the level's autoencoder without quantization, g_s(g_a(x)), and with rounding only;
  * a linear KLT of 16x16x3 blocks (one latent position = one 16x16 block) keeping k coefficients, the basis
    fitted on the training photos, for k = M and a few wider widths.

If the unquantized autoencoder sits at the KLT-M figure, the latent width M is what caps quality, not the rate
or the entropy model.

  /usr/bin/python3 training/latent_ceiling.py [--level K] [--ckpt training/work/ckpt/level9.pt] [--widths 64 128 192]
"""
import argparse
import glob
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CKPT, WORK, load_eval, psnr_8bit, threads  # noqa: E402
from model import K, LevelModel, pad64  # noqa: E402
from klt import blocks, fit_klt  # noqa: E402

BLOCK = 16


def klt_psnr(train_files, eval_images, widths, block=BLOCK):
    mean, vectors = fit_klt(train_files, block)
    out = {}
    for k in widths:
        basis = vectors[:, :k]
        row = []
        for _, x in eval_images:
            b = blocks((x[0].permute(1, 2, 0).numpy() * 255).round(), block)
            rec = (b - mean) @ basis @ basis.T + mean
            row.append(psnr_8bit(torch.from_numpy(b) / 255, torch.from_numpy(rec) / 255))
        out[k] = row
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--level", type=int, default=K, help="default: the top level")
    ap.add_argument("--ckpt", default="")
    ap.add_argument("--widths", type=int, nargs="*", default=[128, 192])
    ap.add_argument("--train-every", type=int, default=4, help="use every n-th training photo for the KLT basis")
    a = ap.parse_args()
    torch.set_num_threads(threads())
    st = torch.load(a.ckpt or os.path.join(CKPT, "level%d.pt" % a.level), map_location="cpu")
    model = LevelModel(st["N"], st["M"])
    model.load_state_dict(st["model"])
    model.eval()
    images = load_eval()
    train_files = sorted(glob.glob(os.path.join(os.environ.get("EC_DATA", os.path.join(WORK, "data")), "*.png")))
    if not train_files:
        raise SystemExit("no training data: run training/prepare_data.sh")
    widths = sorted(set([st["M"]] + a.widths))
    klt = klt_psnr(train_files[::a.train_every], images, widths)
    print("| image | autoencoder, no quantization | autoencoder, rounded y | " +
          " | ".join("KLT %d" % k for k in widths) + " |")
    print("|---" * (3 + len(widths)) + "|")
    rows = []
    with torch.no_grad():
        for i, (name, x) in enumerate(images):
            xp, (h, w) = pad64(x)
            y = model.g_a(xp)
            plain = psnr_8bit(x, model.g_s(y)[..., :h, :w])
            rounded = psnr_8bit(x, model.g_s(torch.round(y))[..., :h, :w])
            rows.append([plain, rounded] + [klt[k][i] for k in widths])
            print("| %s | " % name + " | ".join("%.2f" % v for v in rows[-1]) + " |")
    print("| mean | " + " | ".join("%.2f" % v for v in np.mean(rows, 0)) + " |")
    print("level %d: N=%d M=%d, %d steps" % (a.level, st["N"], st["M"], st.get("step", -1)))


if __name__ == "__main__":
    main()
