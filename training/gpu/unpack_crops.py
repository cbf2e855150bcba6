"""Unpack the crop pack (pack_crops.py) into PNG training photos for EC_DATA.

  python3 training/gpu/unpack_crops.py --pack training/work/gpu --out /tmp/ec-data

Each crop becomes NNN_r_cJJJJ.png (PNG, fast compression: the files live only for the run), so common.data_files
finds them and common.is_holdout puts the crops of held-out photos on the held-out side as before.
"""
import argparse
import io
import os
import tarfile
from multiprocessing import Pool

from PIL import Image


def convert(item):
    name, data, out = item
    Image.open(io.BytesIO(data)).convert("RGB").save(os.path.join(out, name[:-4] + ".png"), compress_level=1)
    return name


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pack", required=True, help="folder with crops.tar (pack_crops.py --out)")
    ap.add_argument("--out", required=True, help="a new or empty folder")
    ap.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1))
    a = ap.parse_args()
    tar_path = os.path.join(a.pack, "crops.tar")
    if not os.path.isfile(tar_path):
        raise SystemExit("no %s: run training/gpu/pack_crops.py here and carry its folder" % tar_path)
    if os.path.isdir(a.out) and os.listdir(a.out):
        raise SystemExit("%s is not empty: give a new folder (nothing is written over existing files)" % a.out)
    os.makedirs(a.out, exist_ok=True)
    with tarfile.open(tar_path) as t:
        items = [(m.name, t.extractfile(m).read(), a.out) for m in t.getmembers()
                 if m.isfile() and m.name.endswith(".jpg") and "/" not in m.name]
    if not items:
        raise SystemExit("%s holds no crops" % tar_path)
    if a.jobs > 1:
        with Pool(a.jobs) as p:
            p.map(convert, items, chunksize=16)
    else:
        for it in items:
            convert(it)
    print("unpacked %d crops into %s" % (len(items), a.out), flush=True)


if __name__ == "__main__":
    main()
