"""Pack training crops for the GPU run: at most --max-mib (12 MiB) that travel with the working tree.

  /usr/bin/python3 training/gpu/pack_crops.py [--data training/work/data] [--out training/work/gpu]

The device machine gets the repository (~49 MiB) plus carried paths, 64 MiB in all, so the 253 MB of training
photos cannot travel. This writes <out>/crops.tar: 256x256 random crops, each a JPEG 4:4:4 at the lowest quality
(70..100) whose PSNR against the crop reaches --min-psnr (42 dB), named NNN_r_cJJJJ.jpg after their source photo
NNN_r.png so that common.is_holdout still splits them. Why adaptive JPEG: on these photos (downscaled wallpapers,
dense texture) a lossless crop costs 6-8 bpp (PNG, WebP lossless: ~200-250 crops in 12 MiB); a fixed JPEG q95 4:4:4
fits ~500 but its worst crops fall to 37 dB, close to the top level's 32.7 dB; the per-crop quality keeps every crop
at >= 42 dB (mean ~53 dB, i.e. the compression error is at most ~1/9 of the top level's error and usually far less)
for about the same count. WebP lossy is 4:2:0 only (chroma halved), so it is not used. 256x256 because that is
the training crop (TrainSet, the phi latent caches) and the smallest photo is 289x302.
Held-out crops (--holdout, default 48, from the held-out photos, common.is_holdout) come first; then training crops,
one random crop per training photo and round (photos in random order each round), until the budget is full.
The whole tar is checked against the budget before it is kept; nothing is written over an existing pack.
"""
import argparse
import io
import json
import os
import sys
import tarfile
import time

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import WORK, is_holdout  # noqa: E402

CROP = 256


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 10 * np.log10(255.0 ** 2 / max(mse, 1e-10))


def encode(crop, min_psnr):
    """the smallest JPEG 4:4:4 (quality 70..100, bisection; PSNR grows with quality) that reaches min_psnr."""
    def enc(q):
        b = io.BytesIO()
        Image.fromarray(crop).save(b, "JPEG", quality=q, subsampling=0)
        data = b.getvalue()
        return data, psnr(np.asarray(Image.open(io.BytesIO(data)).convert("RGB")), crop)
    lo, hi = 70, 100
    best = enc(hi) + (hi,)
    if best[1] < min_psnr:
        return best  # q100 is the most JPEG can do; kept (reported in the manifest)
    while lo < hi:
        mid = (lo + hi) // 2
        data, p = enc(mid)
        if p >= min_psnr:
            best, hi = (data, p, mid), mid
        else:
            lo = mid + 1
    return best


def tar_size(sizes):
    """bytes of a tar (GNU format, as tarfile writes short names) holding files of these sizes, the 1 KiB end
    marker included and rounded up to tarfile's 10 KiB record."""
    n = sum(512 + -(-s // 512) * 512 for s in sizes) + 1024
    return -(-n // 10240) * 10240


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(WORK, "data"), help="training photos NNN_r.png (prepare_data.sh)")
    ap.add_argument("--out", default=os.path.join(WORK, "gpu"))
    ap.add_argument("--max-mib", type=float, default=12.0)
    ap.add_argument("--min-psnr", type=float, default=42.0)
    ap.add_argument("--holdout", type=int, default=48, help="crops from the held-out photos")
    ap.add_argument("--max-crops", type=int, default=0, help="stop earlier (testing)")
    ap.add_argument("--seed", type=int, default=16)
    a = ap.parse_args()
    files = sorted(f for f in os.listdir(a.data) if f.endswith(".png")) if os.path.isdir(a.data) else []
    if not files:
        raise SystemExit("no photos in %s: run training/prepare_data.sh or pass --data" % a.data)
    tar_path = os.path.join(a.out, "crops.tar")
    if os.path.exists(tar_path):
        raise SystemExit("%s exists: remove it (or pass another --out) to pack again" % tar_path)
    limit = int(a.max_mib * 2 ** 20)
    hold = [f for f in files if is_holdout(f)]
    train = [f for f in files if not is_holdout(f)]
    rng = np.random.default_rng(a.seed)
    cache = {}

    def photo(f):
        if f not in cache:
            cache[f] = np.asarray(Image.open(os.path.join(a.data, f)).convert("RGB"))
        return cache[f]

    def rounds(names):
        while True:
            for i in rng.permutation(len(names)):
                yield names[i]

    entries, sizes, t0 = [], [], time.time()
    meta_reserve = 160 * 1024  # crops.json travels beside the tar (~150 bytes a crop); checked exactly below
    for side, names, quota in (("holdout", hold, a.holdout), ("train", train, 10 ** 9)):
        if not names:
            continue
        count = 0
        for f in rounds(names):
            if count >= quota or (a.max_crops and len(entries) >= a.max_crops):
                break
            img = photo(f)
            y = int(rng.integers(img.shape[0] - CROP + 1))
            x = int(rng.integers(img.shape[1] - CROP + 1))
            crop = np.ascontiguousarray(img[y:y + CROP, x:x + CROP])
            data, p, q = encode(crop, a.min_psnr)
            if tar_size(sizes + [len(data)]) + meta_reserve > limit:
                break
            name = "%s_c%04d.jpg" % (f[:-4], len(entries))
            entries.append(dict(name=name, src=f, y=y, x=x, quality=q, psnr=round(p, 2), bytes=len(data),
                                side=side, data=data))
            sizes.append(len(data))
            count += 1
            if len(entries) % 100 == 0:
                print("%d crops, %.2f MiB, %.0f s" % (len(entries), tar_size(sizes) / 2 ** 20, time.time() - t0),
                      flush=True)
    os.makedirs(a.out, exist_ok=True)
    tmp = tar_path + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.GNU_FORMAT) as t:
        for e in entries:
            ti = tarfile.TarInfo(e["name"])
            ti.size, ti.mtime = len(e["data"]), 0
            t.addfile(ti, io.BytesIO(e["data"]))
    size = os.path.getsize(tmp)
    ps = np.array([e["psnr"] for e in entries])
    summary = dict(crop=CROP, format="JPEG 4:4:4, per-crop lowest quality 70..100 with PSNR >= %g dB" % a.min_psnr,
                   n_crops=len(entries), n_holdout=sum(e["side"] == "holdout" for e in entries),
                   n_train=sum(e["side"] == "train" for e in entries), tar_bytes=size,
                   psnr_min=float(ps.min()), psnr_mean=float(ps.mean()),
                   quality_median=int(np.median([e["quality"] for e in entries])),
                   source=os.path.abspath(a.data), photos_used=len({e["src"] for e in entries}),
                   crops=[{k: v for k, v in e.items() if k != "data"} for e in entries])
    json_path = os.path.join(a.out, "crops.json")
    with open(json_path + ".tmp", "w") as f:
        json.dump(summary, f, indent=0)
    total = size + os.path.getsize(json_path + ".tmp")
    if total > limit:  # the hard check: never leave a pack over the budget
        os.remove(tmp)
        os.remove(json_path + ".tmp")
        raise SystemExit("pack would be %.2f MiB, over --max-mib %.2f: nothing written" % (total / 2 ** 20, a.max_mib))
    os.replace(tmp, tar_path)
    os.replace(json_path + ".tmp", json_path)
    print("packed %d crops (%d held-out, %d training) from %d photos: %s, %.2f MiB (limit %.1f); PSNR min %.1f "
          "mean %.1f dB, median quality %d; with crops.json %.2f MiB" % (summary["n_crops"], summary["n_holdout"], summary["n_train"],
                                               summary["photos_used"], tar_path, size / 2 ** 20, a.max_mib,
                                               summary["psnr_min"], summary["psnr_mean"], summary["quality_median"],
                                               total / 2 ** 20))


if __name__ == "__main__":
    main()
