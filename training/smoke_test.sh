#!/bin/bash
# CI smoke test (< 1 min on an idle 2-core machine): 20 training steps on tiny crops of data/eval,
# a 2-step fine-tune of the next level, a few phi steps, a few Eq. 13 fine-tune steps, export, and the
# export-format round trip.
set -e
cd "$(dirname "$0")"
PY=/usr/bin/python3
export OMP_WAIT_POLICY=PASSIVE
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export EC_CKPT=$T/ckpt EC_OUT=$T/out EC_DATA=../data/eval EC_PHI_POOL=8
$PY train_level.py --level 6 --M 96 --max-steps 20 --crop 64 --batch 2 --no-eval --ckpt-dir $EC_CKPT > $T/l6.log
# resuming without --M keeps the checkpoint's M=96 (the default is 192)
$PY train_level.py --level 6 --max-steps 22 --crop 64 --batch 2 --no-eval --resume --ckpt-dir $EC_CKPT >> $T/l6.log
grep -q "resumed level 6 at step 20" $T/l6.log
$PY train_level.py --level 3 --init 6 --M 48 --max-steps 2 --crop 64 --batch 2 --no-eval --ckpt-dir $EC_CKPT > $T/l3.log
mv $EC_CKPT/level3.pt $EC_CKPT/level5.pt   # level 5 with M=48 exercises the M_k -> M_{k-1} slicing
$PY train_phi.py --kind inter --upper 6 --max-steps 3 --batch 2 > $T/phi.log
$PY train_phi.py --kind intra --upper 6 --max-steps 3 --batch 2 >> $T/phi.log
$PY train_phi.py --finetune-level 5 --minutes 0.05 > $T/ft.log   # Eq. 13: a few steps; export then uses ft_level5
grep -q "ft_level5 step\|ft_level5 done" $T/ft.log && test -f $EC_CKPT/ft_level5.done.json
$PY export.py --levels 6 5 --phi --fixture-level 6 > $T/export.log
# KLT init: a few steps run, and before training the model reproduces the block KLT it was built from
$PY train_level.py --level 2 --M 192 --init-klt 10 --max-steps 2 --crop 64 --batch 2 --no-eval --ckpt-dir $T/klt > $T/klt.log
grep -q "from the 8x8 block KLT" $T/klt.log && test -f $T/klt/klt8.npz
$PY - <<'PYEOF'
import glob, sys
import torch
sys.path.insert(0, ".")
from common import load_eval, psnr_8bit
from klt import blocks, fit_klt, init_level_from_klt
from model import LevelModel
mean, vectors = fit_klt(sorted(glob.glob("../data/eval/*.png")), 8)
model = LevelModel(48, 192)
init_level_from_klt(model, mean, vectors, 10.0, noise=0.0)
x = load_eval()[0][1][..., :64, :64]
with torch.no_grad():
    model_psnr = psnr_8bit(x, model.g_s(model.g_a(x)))
b = blocks((x[0].permute(1, 2, 0).numpy() * 255).round(), 8)
basis = vectors[:, :48]
klt_psnr = psnr_8bit(torch.from_numpy(b) / 255, torch.from_numpy((b - mean) @ basis @ basis.T + mean) / 255)
assert abs(model_psnr - klt_psnr) < 0.05, (model_psnr, klt_psnr)
PYEOF
$PY - <<'PYEOF'
import os, json, sys
import numpy as np, torch
sys.path.insert(0, ".")
import st_io, rans
from export import level_from_safetensors, load_level, load_phi
out = os.environ["EC_OUT"]
m_ref = load_level(6)
m_st, t = level_from_safetensors(os.path.join(out, "level6.safetensors"))
need = ["g_a.0.weight", "g_a.1.beta", "g_a.1.gamma", "g_a.6.weight", "g_s.0.weight", "g_s.2.gamma", "g_s.9.weight",
        "h_a.0.weight", "h_a.4.weight", "h_s.0.weight", "h_s.3.weight", "h_s.6.weight",
        "entropy_bottleneck.medians", "entropy_bottleneck.quantized_cdf", "entropy_bottleneck.cdf_length",
        "entropy_bottleneck.offset", "gaussian_conditional.scale_table", "gaussian_conditional.quantized_cdf",
        "gaussian_conditional.cdf_length", "gaussian_conditional.offset"]
for n in need:
    assert n in t, n
assert t["g_a.0.weight"].dtype == np.float16 and t["g_a.1.gamma"].dtype == np.float32
for p in ("entropy_bottleneck", "gaussian_conditional"):
    c, L = t[p + ".quantized_cdf"], t[p + ".cdf_length"]
    assert c.dtype == np.int32
    for i in range(len(L)):
        r = c[i, :L[i]]
        assert r[0] == 0 and r[-1] == 65536 and (np.diff(r) > 0).all(), (p, i)
x = torch.rand(1, 3, 64, 64)
with torch.no_grad():
    a = m_ref.g_s(torch.round(m_ref.g_a(x)))
    b = m_st.g_s(torch.round(m_st.g_a(x)))
    d = (a - b).abs().max().item()
assert d < 1e-4, d
ph = st_io.load(os.path.join(out, "phi_inter_6to5.safetensors"))[0]
for n in ["skip.weight", "body.0.weight", "body.1.conv1.weight", "body.1.gdn.gamma", "body.2.conv_a.0.conv.0.weight",
          "body.2.conv_b.3.weight", "body.3.conv2.weight", "body.4.bias"]:
    assert n in ph, n
assert ph["skip.weight"].shape[:2] == (48, 96)
fx, _ = st_io.load(os.path.join(out, "fixtures", "fixtures.safetensors"))
meta = json.load(open(os.path.join(out, "fixtures", "fixtures.json")))
assert len(fx["y_stream"]) == meta["y_bytes"] and "phi_inter_output" in fx
card = json.load(open(os.path.join(out, "card.json")))
assert card["files"]["level6"] == "level6.safetensors"
print("smoke test OK: safetensors round trip max diff %.2e, fixtures y %d bytes" % (d, meta["y_bytes"]))
PYEOF
