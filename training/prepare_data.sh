#!/bin/bash
# Builds the training set (wallpaper photos, downscaled 2-4x at random factors) under training/work/data
# and the committed evaluation set data/eval (lossless skimage colour photos + scipy face).
set -e
cd "$(dirname "$0")"
PY=/usr/bin/python3
need=""
for p in python3-torch python3-numpy python3-pil python3-skimage python3-scipy mate-backgrounds plasma-workspace-wallpapers; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  echo "installing:$need"
  apt-get update && apt-get install -y $need
fi
$PY - <<'PYEOF'
import os, glob, random, warnings
import numpy as np
from PIL import Image
warnings.filterwarnings("ignore")
random.seed(1234)
out = "work/data"
os.makedirs(out, exist_ok=True)
files = sorted(glob.glob("/usr/share/backgrounds/**/*", recursive=True) + glob.glob("/usr/share/wallpapers/**/*", recursive=True))
files = [f for f in files if f.lower().endswith((".jpg", ".jpeg", ".png")) and os.path.isfile(f)]
n = 0
seen = set()
for f in files:
    try:
        im = Image.open(f).convert("RGB")
    except Exception:
        continue
    key = (im.size, os.path.basename(f).split("_")[0])
    w, h = im.size
    for rep in range(2):
        fac = random.uniform(2.0, 4.0)
        nw, nh = int(w / fac), int(h / fac)
        if min(nw, nh) < 288:
            continue
        im2 = im.resize((nw, nh), Image.LANCZOS)
        name = "%03d_%d.png" % (n, rep)
        im2.save(os.path.join(out, name))
    n += 1
print("training images:", len(glob.glob(out + "/*.png")), "from", n, "source files")
ev = "../data/eval"
os.makedirs(ev, exist_ok=True)
import skimage.data as d
import scipy.misc
imgs = {"astronaut": d.astronaut(), "coffee": d.coffee(), "chelsea": d.chelsea(),
        "motorcycle_left": d.stereo_motorcycle()[0], "face": scipy.misc.face()}
for k, v in imgs.items():
    p = os.path.join(ev, k + ".png")
    if not os.path.exists(p):
        Image.fromarray(v[..., :3]).save(p, optimize=True)
print("eval images:", sorted(os.listdir(ev)))
PYEOF
