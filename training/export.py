"""Export trained checkpoints to models/ec-mshp-v1 (safetensors + card.json + fixtures).

  /usr/bin/python3 training/export.py --levels 8 7      # export given levels (whatever is trained)
  /usr/bin/python3 training/export.py --phi             # export trained phi transforms
  /usr/bin/python3 training/export.py --all --eval      # everything + fixtures + eval numbers in card
Conv weights/biases are F16; GDN beta/gamma are the effective (reparametrised) F32 values; tables I32.
The Python reference always runs the F16-rounded weights (model.round_weights_f16).
"""
import argparse
import glob
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import st_io  # noqa: E402
from model import K, LAMBDAS, TRAIN_LAMBDAS, M_DEFAULT, N_DEFAULT, PHI_WIDTH, GDN, LevelModel, Phi, pad64, round_weights_f16  # noqa: E402
from common import CKPT, load_ckpt, threads  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get("EC_OUT", os.path.join(HERE, "..", "models", "ec-mshp-v1"))


def level_ckpt(k, ckdir=CKPT):
    """prefers the Eq. 13 fine-tuned checkpoint when present."""
    ft = os.path.join(ckdir, "ft_level%d.pt" % k)
    p = ft if os.path.exists(os.path.join(ckdir, "ft_level%d.done.json" % k)) else os.path.join(ckdir, "level%d.pt" % k)
    return p if os.path.exists(p) else None


def load_level(k, ckdir=CKPT):
    p = level_ckpt(k, ckdir)
    st = load_ckpt(p)
    m = LevelModel(st["N"], st["M"])
    m.load_state_dict(st["model"])
    round_weights_f16(m)
    m.entropy_bottleneck.update_quantiles()
    m.eval()
    return m


def load_phi(kind, k, ckdir=CKPT):
    p = os.path.join(ckdir, "phi_%s_%dto%d.pt" % (kind, k, k - 1))
    if not os.path.exists(p):
        return None
    st = load_ckpt(p)
    m = Phi(st["m_in"], st["m_out"], st.get("w", PHI_WIDTH))
    m.load_state_dict(st["model"])
    round_weights_f16(m)
    m.eval()
    return m


def module_tensors(model, skip_prefix=("entropy_bottleneck", "gaussian_conditional")):
    t = {}
    gdn_names = {n for n, mod in model.named_modules() if isinstance(mod, GDN)}
    for name, p in model.named_parameters():
        if name.startswith(skip_prefix):
            continue
        owner = name.rsplit(".", 1)[0]
        if owner in gdn_names:
            continue
        t[name] = p.detach().half().numpy()
    for n, mod in model.named_modules():
        if isinstance(mod, GDN):
            beta, gamma = mod.effective()
            t[n + ".beta"] = beta.detach().float().numpy()
            t[n + ".gamma"] = gamma.detach().float().numpy()
    return t


def level_tensors(m):
    t = module_tensors(m)
    eb = m.entropy_bottleneck.build_tables()
    for key in ("medians", "quantized_cdf", "cdf_length", "offset"):
        t["entropy_bottleneck." + key] = eb[key].numpy()
    gc = m.gaussian_conditional.build_tables()
    for key in ("scale_table", "quantized_cdf", "cdf_length", "offset"):
        t["gaussian_conditional." + key] = gc[key].numpy()
    t["entropy_bottleneck.medians"] = t["entropy_bottleneck.medians"].astype(np.float32)
    t["gaussian_conditional.scale_table"] = t["gaussian_conditional.scale_table"].astype(np.float32)
    return t


def read_card():
    p = os.path.join(OUT, "card.json")
    if os.path.exists(p):
        with open(p) as f:
            return json.load(f)
    return {}


def write_card(card):
    with open(os.path.join(OUT, "card.json"), "w") as f:
        json.dump(card, f, indent=1)


def base_card(card):
    card.setdefault("family_id", "ec-mshp-v1")
    if card.get("levels") != K:  # a card of another family size starts afresh
        for key in ("files", "training", "eval"):
            card.pop(key, None)
        card["n"], card["m"] = [N_DEFAULT] * K, list(M_DEFAULT[:K])
    card["levels"] = K
    card["lambdas"] = LAMBDAS
    card["phi_width"] = PHI_WIDTH
    card["padding_multiple"] = 64
    card["architecture"] = "ARCHITECTURE.md"
    card["weights_dtype"] = "conv F16, GDN beta/gamma F32 (effective), tables I32/F32"
    card.setdefault("files", {})
    card.setdefault("training", {})
    card.setdefault("eval", {})
    card["exported_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return card


def export_level(k, card):
    m = load_level(k)
    if m is None:
        return
    os.makedirs(OUT, exist_ok=True)
    st_io.save(os.path.join(OUT, "level%d.safetensors" % k), level_tensors(m),
               {"level": k, "N": m.N, "M": m.M, "lambda": LAMBDAS[k - 1]})
    card["n"][k - 1] = m.N
    card["m"][k - 1] = m.M
    card["files"]["level%d" % k] = "level%d.safetensors" % k
    for tag in ("level%d" % k, "ft_level%d" % k):
        dj = os.path.join(CKPT, tag + ".done.json")
        if os.path.exists(dj):
            with open(dj) as f:
                card["training"][tag] = json.load(f)
    print("exported level", k)


def export_phi(card):
    phis = [("phi_%s_%dto%d" % (kind, k, k - 1), kind, k, load_phi(kind, k))
            for k in range(K, 1, -1) for kind in ("inter", "intra")]
    phis = [p for p in phis if p[3] is not None]
    for name, _, _, m in phis:  # checked before any file is written: a refused export leaves the family as it was
        width = m.body[0].out_channels
        if width != PHI_WIDTH:  # the card and the C# loader hold one width per family
            raise SystemExit("%s has width %d, the family's phi_width is %d: export a family whose phi share one "
                             "width (train_phi.py --width is for experiments)" % (name, width, PHI_WIDTH))
    for name, kind, k, m in phis:
        st_io.save(os.path.join(OUT, name + ".safetensors"), module_tensors(m, ()),
                   {"kind": kind, "from": k, "to": k - 1, "width": PHI_WIDTH})
        card["files"][name] = name + ".safetensors"
        dj = os.path.join(CKPT, name + ".done.json")
        if os.path.exists(dj):
            with open(dj) as f:
                card["training"][name] = json.load(f)
        rd = os.path.join(CKPT, name + ".rd.done.json")  # R-D tuned after its Eq. 12 training (train_phi_rd.py)
        if os.path.exists(rd) and name in card["training"]:
            with open(rd) as f:
                card["training"][name]["rd_tuning"] = json.load(f)
        print("exported", name)


@torch.no_grad()
def export_fixtures(card, level=None):
    """Golden fixtures for the C# parity test, using the F16-rounded weights."""
    import rans
    from PIL import Image
    from common import EVAL_DIR
    if level is None:
        avail = [k for k in range(K, 0, -1) if level_ckpt(k)]
        if not avail:
            return
        level = avail[0]
    m = load_level(level)
    fx = os.path.join(OUT, "fixtures")
    os.makedirs(fx, exist_ok=True)
    img = np.asarray(Image.open(os.path.join(EVAL_DIR, "astronaut.png")).convert("RGB"))[160:224, 192:288]
    Image.fromarray(img).save(os.path.join(fx, "input.png"))
    x = torch.from_numpy(img.copy()).permute(2, 0, 1)[None].float() / 255.0
    xp, (H, W) = pad64(x)
    y = m.g_a(xp)
    z = m.h_a(y)
    med = m.entropy_bottleneck.medians().view(1, -1, 1, 1)
    z_sym = torch.round(z - med)
    z_hat = z_sym + med
    scales, means = m.entropy_params(z_hat)
    y_sym = torch.round(y - means)
    y_hat = y_sym + means
    x_hat = m.g_s(y_hat)[..., :H, :W]
    eb = m.entropy_bottleneck.build_tables()
    gc = m.gaussian_conditional.build_tables()
    C = z.shape[1]
    z_idx = np.repeat(np.arange(C), z.shape[2] * z.shape[3])
    z_bytes = rans.encode(z_sym.int().flatten().tolist(), z_idx.tolist(), eb["quantized_cdf"].numpy(),
                          eb["cdf_length"].numpy(), eb["offset"].numpy())
    y_idx = m.gaussian_conditional.build_indexes(scales).flatten()
    y_bytes = rans.encode(y_sym.int().flatten().tolist(), y_idx.tolist(), gc["quantized_cdf"].numpy(),
                          gc["cdf_length"].numpy(), gc["offset"].numpy())
    # round-trip check of the python coder
    dec = rans.decode(y_bytes, y_idx.tolist(), gc["quantized_cdf"].numpy(), gc["cdf_length"].numpy(),
                      gc["offset"].numpy())
    assert dec == y_sym.int().flatten().tolist(), "rANS round trip failed"
    t = {"x": x.numpy().astype(np.float32), "y": y.numpy(), "z": z.numpy(), "z_symbols": z_sym.int().numpy(),
         "scales": scales.numpy(), "means": means.numpy(), "y_indexes": y_idx.view(y.shape).int().numpy(),
         "y_symbols": y_sym.int().numpy(), "y_hat": y_hat.numpy(), "x_hat": x_hat.numpy(),
         "z_stream": np.frombuffer(z_bytes, np.uint8), "y_stream": np.frombuffer(y_bytes, np.uint8)}
    meta = {"level": level, "input": "input.png (astronaut.png rows 160:224, cols 192:288)", "height": H, "width": W,
            "padded_height": xp.shape[2], "padded_width": xp.shape[3], "z_bytes": len(z_bytes),
            "y_bytes": len(y_bytes), "weights": "F16-rounded conv weights as exported",
            "symbol_order": "per tensor C,H,W row-major; z index = channel; y index = build_indexes(scales)"}
    if level >= 2:
        for kind in ("inter", "intra"):
            ph = load_phi(kind, level)
            if ph is None:
                continue
            inp = y_hat if kind == "inter" else y
            t["phi_%s_input" % kind] = inp.numpy()
            t["phi_%s_output" % kind] = ph(inp).numpy()
            meta["phi_%s" % kind] = "phi_%s_%dto%d (input = %s of level %d)" % (
                kind, level, level - 1, "y_hat" if kind == "inter" else "y", level)
    t = {k: np.ascontiguousarray(v.astype(np.float32) if v.dtype == np.float64 else v) for k, v in t.items()}
    st_io.save(os.path.join(fx, "fixtures.safetensors"), t)
    meta["tensors"] = {k: [str(v.dtype), list(v.shape)] for k, v in t.items()}
    with open(os.path.join(fx, "fixtures.json"), "w") as f:
        json.dump(meta, f, indent=1)
    card["fixtures"] = "fixtures/fixtures.json"
    print("fixtures for level", level, "z bytes", len(z_bytes), "y bytes", len(y_bytes))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--levels", type=int, nargs="*", default=[])
    ap.add_argument("--phi", action="store_true")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--eval", action="store_true", help="run eval_reference and write numbers into the card")
    ap.add_argument("--fixture-level", type=int, default=None)
    a = ap.parse_args()
    torch.set_num_threads(threads())
    os.makedirs(OUT, exist_ok=True)
    card = base_card(read_card())
    levels = [k for k in range(1, K + 1) if level_ckpt(k)] if a.all else a.levels
    for k in levels:
        export_level(k, card)
    root = os.path.join(CKPT, "level%d.done.json" % (K + 1))
    if a.all and len(TRAIN_LAMBDAS) > K and os.path.exists(root):  # trained, not shipped (model.ROOT_LAMBDA)
        with open(root) as f:
            card["training"]["root_level%d" % (K + 1)] = json.load(f)
    if a.phi or a.all:
        export_phi(card)
    write_card(card)
    if a.all or a.levels:
        export_fixtures(card, a.fixture_level)
        write_card(card)
    if a.eval:
        import eval_reference
        eval_reference.run(card_path=os.path.join(OUT, "card.json"))
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(OUT, "**", "*"), recursive=True) if os.path.isfile(p))
    print("%s total %.1f MB%s" % (os.path.normpath(OUT), total / 1e6,
                                 "  ** over the 40 MB budget **" if total > 40e6 else ""))


if __name__ == "__main__":
    main()


def level_from_safetensors(path):
    """Rebuild a LevelModel from an exported file (conv weights, effective GDN params). Entropy models are
    not restored (only their tables are exported); used for the format round-trip test."""
    t, meta = st_io.load(path)
    m = LevelModel(int(meta["N"]), int(meta["M"]))
    sd = m.state_dict()
    gdn_names = {n for n, mod in m.named_modules() if isinstance(mod, GDN)}
    with torch.no_grad():
        for n, mod in m.named_modules():
            if n in gdn_names:
                mod.beta.copy_(mod.beta_reparam.init(torch.from_numpy(t[n + ".beta"])))
                mod.gamma.copy_(mod.gamma_reparam.init(torch.from_numpy(t[n + ".gamma"])))
        for k in sd:
            if k in t and k.rsplit(".", 1)[0] not in gdn_names:
                sd[k].copy_(torch.from_numpy(t[k].astype(np.float32)))
    m.eval()
    return m, t
