"""Reference measurements on data/eval: the learned family (PyTorch, F16-rounded weights), JPEG and WebP.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/eval_reference.py            # all, writes results
  /usr/bin/python3 training/eval_reference.py --skip-hcf                          # levels + JPEG/WebP only

Metrics as CompressAI's eval: images rounded to 8 bit, PSNR over RGB, MS-SSIM 5-scale (Gaussian 11/1.5,
pytorch_msssim semantics, data range 255) also in dB = -10 log10(1 - MS-SSIM), bpp = bits / (H*W).
Learned bpp: from the likelihoods ("lik") and from the exported 16-bit integer tables ("tab": sum of
-log2(freq/65536) incl. escape/bypass nibbles, i.e. what the rANS coder spends up to a few bytes per stream).
Averages are over images per rate point. BD-rate: cubic (VCEG-M33) primary, PCHIP as a check.
Writes training/results/results.json, training/results/rd_table.md, training/results/rd.svg and (optionally)
the eval section of models/ec-mshp-v1/card.json.
"""
import argparse
import io
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_eval, psnr_8bit, threads  # noqa: E402
from model import K, LAMBDAS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.environ.get("EC_RES", os.path.join(HERE, "results"))


# ------------------------------------------------------------------ MS-SSIM
def _gauss(size=11, sigma=1.5):
    c = torch.arange(size, dtype=torch.float64) - size // 2
    g = torch.exp(-(c ** 2) / (2 * sigma ** 2))
    return (g / g.sum()).float()


def _filt(x, g):
    C = x.shape[1]
    x = F.conv2d(x, g.view(1, 1, 1, -1).repeat(C, 1, 1, 1), groups=C)
    return F.conv2d(x, g.view(1, 1, -1, 1).repeat(C, 1, 1, 1), groups=C)


def _ssim(X, Y, g, L=255.0):
    C1, C2 = (0.01 * L) ** 2, (0.03 * L) ** 2
    mu1, mu2 = _filt(X, g), _filt(Y, g)
    s11 = _filt(X * X, g) - mu1 ** 2
    s22 = _filt(Y * Y, g) - mu2 ** 2
    s12 = _filt(X * Y, g) - mu1 * mu2
    cs = (2 * s12 + C2) / (s11 + s22 + C2)
    ssim = ((2 * mu1 * mu2 + C1) / (mu1 ** 2 + mu2 ** 2 + C1)) * cs
    return ssim.flatten(2).mean(-1), cs.flatten(2).mean(-1)


def ms_ssim(x, y):
    """x, y: (1,3,H,W) in [0,1]; rounded to 8 bit first."""
    X = torch.round(x.clamp(0, 1) * 255).float()
    Y = torch.round(y.clamp(0, 1) * 255).float()
    w = torch.tensor([0.0448, 0.2856, 0.3001, 0.2363, 0.1333], dtype=torch.float64)
    g = _gauss()
    mcs = []
    for i in range(5):
        s, cs = _ssim(X, Y, g)
        if i < 4:
            mcs.append(torch.relu(cs))
            pad = [X.shape[2] % 2, X.shape[3] % 2]
            X = F.avg_pool2d(X, 2, padding=pad)
            Y = F.avg_pool2d(Y, 2, padding=pad)
    s = torch.relu(s)
    v = torch.stack(mcs + [s], 0)
    return torch.prod(v.double() ** w.view(-1, 1, 1), 0).mean().item()


def db(v):
    return -10 * math.log10(max(1 - v, 1e-10))


# ------------------------------------------------------------------ BD-rate
def bd_rate(r_a, d_a, r_b, d_b, mode="cubic"):
    """B relative to anchor A, in %, negative = B saves bits."""
    d_a, ia = np.unique(np.round(np.asarray(d_a, dtype=float), 6), return_index=True)
    d_b, ib = np.unique(np.round(np.asarray(d_b, dtype=float), 6), return_index=True)
    la, lb = np.log10(np.asarray(r_a, dtype=float)[ia]), np.log10(np.asarray(r_b, dtype=float)[ib])
    lo, hi = max(d_a.min(), d_b.min()), min(d_a.max(), d_b.max())
    if hi <= lo:
        return float("nan")
    if mode == "cubic":
        pa, pb = np.polyfit(d_a, la, 3), np.polyfit(d_b, lb, 3)
        ia, ib = np.polyint(pa), np.polyint(pb)
        ia_v = np.polyval(ia, hi) - np.polyval(ia, lo)
        ib_v = np.polyval(ib, hi) - np.polyval(ib, lo)
    else:
        from scipy.interpolate import PchipInterpolator
        oa, ob = np.argsort(d_a), np.argsort(d_b)
        fa = PchipInterpolator(d_a[oa], la[oa])
        fb = PchipInterpolator(d_b[ob], lb[ob])
        ia_v = fa.integrate(lo, hi)
        ib_v = fb.integrate(lo, hi)
    return float((10 ** ((ib_v - ia_v) / (hi - lo)) - 1) * 100)


def _nonan(d):
    if isinstance(d, dict):
        return {k: _nonan(v) for k, v in d.items()}
    if isinstance(d, float) and math.isnan(d):
        return None
    return d


# ------------------------------------------------------------------ classic codecs
def classic_curve(images, fmt, qualities):
    pts = []
    for q in qualities:
        bpps, ps, ms = [], [], []
        for _, x in images:
            arr = np.round(x[0].permute(1, 2, 0).numpy() * 255).astype(np.uint8)
            buf = io.BytesIO()
            if fmt == "JPEG":
                Image.fromarray(arr).save(buf, "JPEG", quality=q, subsampling=2)
            else:
                Image.fromarray(arr).save(buf, "WEBP", quality=q, method=4)
            rec = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
            xr = torch.from_numpy(rec.copy()).permute(2, 0, 1)[None].float() / 255
            H, W = arr.shape[:2]
            bpps.append(len(buf.getvalue()) * 8 / (H * W))
            ps.append(psnr_8bit(x, xr))
            ms.append(ms_ssim(x, xr))
        pts.append(dict(q=q, bpp=float(np.mean(bpps)), psnr=float(np.mean(ps)), ms_ssim=float(np.mean(ms)),
                        ms_ssim_db=float(np.mean([db(v) for v in ms]))))
    return pts


# ------------------------------------------------------------------ learned family
def table_bits(sym, idx, cdf, cdf_len, offset):
    """bits the 16-bit tables spend on these symbols (incl. escape + bypass nibbles)."""
    sym = sym.astype(np.int64).ravel()
    idx = idx.astype(np.int64).ravel()
    maxv = cdf_len[idx].astype(np.int64) - 2
    v = sym - offset[idx]
    esc = (v < 0) | (v >= maxv)
    vv = np.where(esc, maxv, v)
    freq = cdf[idx, vv + 1].astype(np.int64) - cdf[idx, vv].astype(np.int64)
    bits = float(np.sum(16 - np.log2(freq)))
    if esc.any():
        raw = np.where(v[esc] < 0, -2 * v[esc] - 1, 2 * (v[esc] - maxv[esc]))
        for r in raw.tolist():
            nb = 0
            while (r >> (nb * 4)) != 0:
                nb += 1
            bits += 4 * (nb // 15 + 1) + 4 * nb
    return bits


@torch.no_grad()
def eval_model_level(m, tables, images, phi=None, upper=None):
    """phi/upper: if given, the latent comes from upper.g_a(x) through phi (HCF path), coded at level m."""
    from model import pad64
    eb, gc = tables
    rows = []
    for name, x in images:
        xp, (H, W) = pad64(x)
        if phi is None:
            y = m.g_a(xp)
        else:
            kind, ph = phi
            yu = upper.g_a(xp)
            if kind == "inter":
                yu, _, _, _ = upper.code_latent(yu, training=False)
            y = ph(yu)
        y_hat, lik_y, lik_z, ex = m.code_latent(y, training=False)
        x_hat = m.g_s(y_hat)[..., :H, :W]
        lik_bits = -(torch.log2(lik_y).sum() + torch.log2(lik_z).sum()).item()
        med = m.entropy_bottleneck.medians().view(1, -1, 1, 1)
        zs = torch.round(ex["z"] - med).int().numpy()
        zi = np.broadcast_to(np.arange(zs.shape[1]).reshape(1, -1, 1, 1), zs.shape)
        ys = torch.round(y - ex["means"]).int().numpy()
        yi = m.gaussian_conditional.build_indexes(ex["scales"]).numpy()
        tb = table_bits(zs, zi, *eb) + table_bits(ys, yi, *gc) + 2 * 64  # + 2 flushed 64-bit states
        rows.append(dict(image=name, bpp_lik=lik_bits / (H * W), bpp_tab=tb / (H * W), psnr=psnr_8bit(x, x_hat),
                         ms_ssim=ms_ssim(x, x_hat)))
    out = {k: float(np.mean([r[k] for r in rows])) for k in ("bpp_lik", "bpp_tab", "psnr", "ms_ssim")}
    out["ms_ssim_db"] = float(np.mean([db(r["ms_ssim"]) for r in rows]))
    out["per_image"] = rows
    return out


def get_tables(m):
    eb = m.entropy_bottleneck.build_tables()
    gc = m.gaussian_conditional.build_tables()
    return ((eb["quantized_cdf"].numpy(), eb["cdf_length"].numpy(), eb["offset"].numpy()),
            (gc["quantized_cdf"].numpy(), gc["cdf_length"].numpy(), gc["offset"].numpy()))


def count_macs(module, inp):
    """multiply-accumulates of convs (+ GDN C^2 per pixel) for one forward pass."""
    from model import GDN
    tot = [0]
    hooks = []

    def conv_hook(mod, i, o):
        tot[0] += o.numel() * (mod.in_channels // mod.groups) * mod.kernel_size[0] * mod.kernel_size[1]

    def gdn_hook(mod, i, o):
        tot[0] += o.numel() * o.shape[1]

    for mod in module.modules():
        if isinstance(mod, torch.nn.Conv2d):
            hooks.append(mod.register_forward_hook(conv_hook))
        elif isinstance(mod, GDN):
            hooks.append(mod.register_forward_hook(gdn_hook))
    with torch.no_grad():
        out = module(inp)
    for h in hooks:
        h.remove()
    return tot[0], out


def svg_plot(curves, path):
    """curves: list of (label, [(bpp, psnr)], colour). Minimal SVG line plot."""
    W, H, pad = 640, 420, 50
    xs = [p[0] for _, c, _ in curves for p in c]
    ys = [p[1] for _, c, _ in curves for p in c]
    x0, x1 = 0.0, min(max(xs) * 1.05, 2.5)
    y0, y1 = math.floor(min(ys)) - 1, math.ceil(max(ys)) + 1

    def tx(v):
        return pad + (v - x0) / (x1 - x0) * (W - 2 * pad)

    def ty(v):
        return H - pad - (v - y0) / (y1 - y0) * (H - 2 * pad)

    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">'
         % (W, H), '<rect width="100%" height="100%" fill="white"/>']
    for i in range(6):
        v = x0 + (x1 - x0) * i / 5
        s.append('<text x="%.1f" y="%d" text-anchor="middle">%.2f</text>' % (tx(v), H - pad + 15, v))
    for v in range(int(y0), int(y1) + 1, 2):
        s.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (pad - 5, ty(v) + 4, v))
        s.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#eee"/>' % (pad, W - pad, ty(v), ty(v)))
    s.append('<text x="%d" y="%d" text-anchor="middle">bpp</text>' % (W // 2, H - 10))
    s.append('<text x="12" y="%d" transform="rotate(-90 12 %d)" text-anchor="middle">PSNR (dB), data/eval</text>'
             % (H // 2, H // 2))
    for j, (label, c, col) in enumerate(curves):
        c = sorted([p for p in c if p[0] <= x1])
        pts = " ".join("%.1f,%.1f" % (tx(a), ty(b)) for a, b in c)
        s.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>' % (pts, col))
        for a, b in c:
            s.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (tx(a), ty(b), col))
        s.append('<text x="%d" y="%d" fill="%s">%s</text>' % (W - pad - 150, pad + 15 * j, col, label))
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s))


def run(card_path=None, skip_hcf=False, skip_classic=False, classic_only=False):
    from export import load_level, load_phi, level_ckpt
    torch.set_num_threads(threads())
    os.makedirs(RES, exist_ok=True)
    images = load_eval()
    res_path = os.path.join(RES, "results.json")
    res = json.load(open(res_path)) if os.path.exists(res_path) else {}
    if not skip_classic or "jpeg" not in res:
        res["jpeg"] = classic_curve(images, "JPEG", [1, 2, 3, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90])
        res["webp"] = classic_curve(images, "WEBP", [0, 2, 5, 10, 20, 30, 40, 50, 65, 80, 90])
        json.dump(res, open(res_path, "w"), indent=1)
    if classic_only:
        return res
    levels = {}
    models = {}
    for k in range(1, K + 1):
        if not level_ckpt(k):
            continue
        m = load_level(k)
        models[k] = (m, get_tables(m))
        levels[k] = eval_model_level(m, models[k][1], images)
        print("level", k, {a: round(b, 4) for a, b in levels[k].items() if a != "per_image"}, flush=True)
    res["levels"] = {str(k): v for k, v in levels.items()}
    # phi: FLOPs and HCF transcoding k -> k-1 vs direct level k-1
    hcf = {}
    if not skip_hcf:
        for k in range(K, 1, -1):
            if k not in models or k - 1 not in models:
                continue
            mu, mlow = models[k][0], models[k - 1][0]
            x = torch.zeros(1, 3, 512, 768)
            y = mu.g_a(x)
            macs_gs_k, _ = count_macs(mu.g_s, y)
            macs_ga_l, _ = count_macs(mlow.g_a, x)
            for kind in ("inter", "intra"):
                ph = load_phi(kind, k)
                if ph is None:
                    continue
                macs_phi, _ = count_macs(ph, y)
                r = eval_model_level(mlow, models[k - 1][1], images, phi=(kind, ph), upper=mu)
                r.pop("per_image")
                dj = os.path.join(os.environ.get("EC_CKPT", os.path.join(HERE, "work", "ckpt")),
                                  "phi_%s_%dto%d.done.json" % (kind, k, k - 1))
                reg = json.load(open(dj)) if os.path.exists(dj) else {}
                hcf["%s_%dto%d" % (kind, k, k - 1)] = dict(
                    macs_phi_768x512=macs_phi, macs_decode_gs_k=macs_gs_k, macs_reencode_ga_km1=macs_ga_l,
                    phi_fraction=macs_phi / (macs_gs_k + macs_ga_l), transcoded=r,
                    direct=dict((a, levels[k - 1][a]) for a in ("bpp_lik", "bpp_tab", "psnr", "ms_ssim_db")),
                    heldout_mse=reg.get("heldout_mse"), rel_error=reg.get("rel_error"),
                    channel_copy_mse=reg.get("channel_copy_mse"))
                print("hcf", kind, k, "->", k - 1, "phi %.2f GMAC vs %.2f" % (macs_phi / 1e9, (macs_gs_k + macs_ga_l) / 1e9),
                      {a: round(b, 4) for a, b in r.items()}, flush=True)
        res["hcf"] = hcf
    # BD-rates (PSNR), learned family (table bits) vs anchors
    if len(levels) >= 4:
        lb = [levels[k]["bpp_tab"] for k in sorted(levels)]
        lp = [levels[k]["psnr"] for k in sorted(levels)]
        bd = {}
        for anchor in ("jpeg", "webp"):
            ar = [p["bpp"] for p in res[anchor]]
            ap_ = [p["psnr"] for p in res[anchor]]
            bd[anchor] = dict(cubic=bd_rate(ar, ap_, lb, lp, "cubic"), pchip=bd_rate(ar, ap_, lb, lp, "pchip"))
        bd["webp_vs_jpeg"] = dict(cubic=bd_rate([p["bpp"] for p in res["jpeg"]], [p["psnr"] for p in res["jpeg"]],
                                                [p["bpp"] for p in res["webp"]], [p["psnr"] for p in res["webp"]]))
        res["bd_rate_psnr"] = _nonan(bd)
    # PSNR difference to JPEG / WebP at each level's rate (log-rate interpolation of the anchor curve)
    for k, v in levels.items():
        for anchor in ("jpeg", "webp"):
            pts = sorted((p["bpp"], p["psnr"]) for p in res[anchor])
            v["psnr_minus_%s_at_same_bpp" % anchor] = float(v["psnr"] - np.interp(
                np.log(v["bpp_tab"]), [np.log(a) for a, _ in pts], [b for _, b in pts]))
    json.dump(res, open(res_path, "w"), indent=1)
    # markdown table
    L = ["| level | lambda | bpp (tables) | bpp (likelihoods) | PSNR dB | MS-SSIM | MS-SSIM dB | dPSNR vs JPEG | "
         "dPSNR vs WebP |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for k in sorted(levels):
        v = levels[k]
        L.append("| %d | %g | %.4f | %.4f | %.2f | %.4f | %.2f | %+.2f | %+.2f |" % (
            k, LAMBDAS[k - 1], v["bpp_tab"], v["bpp_lik"], v["psnr"], v["ms_ssim"], v["ms_ssim_db"],
            v["psnr_minus_jpeg_at_same_bpp"], v["psnr_minus_webp_at_same_bpp"]))
    L += ["", "| codec | q | bpp | PSNR dB | MS-SSIM dB |", "| --- | --- | --- | --- | --- |"]
    for c in ("jpeg", "webp"):
        for p in res[c]:
            L.append("| %s | %d | %.4f | %.2f | %.2f |" % (c, p["q"], p["bpp"], p["psnr"], p["ms_ssim_db"]))
    if "bd_rate_psnr" in res:
        b = res["bd_rate_psnr"]
        f = lambda v: "n/a (no PSNR overlap)" if v is None else "%+.1f%%" % v  # noqa: E731
        L += ["", "BD-rate (PSNR, bpp from tables) of the family: vs JPEG %s (cubic), %s (PCHIP); vs WebP %s (cubic), "
              "%s (PCHIP). WebP vs JPEG: %s (cubic)." % (f(b["jpeg"]["cubic"]), f(b["jpeg"]["pchip"]),
                                                         f(b["webp"]["cubic"]), f(b["webp"]["pchip"]),
                                                         f(b["webp_vs_jpeg"]["cubic"]))]
    if hcf:
        L += ["", "| transform | phi GMAC (768x512) | g_s^k + g_a^(k-1) GMAC | ratio | held-out MSE (rel.) | "
              "transcoded bpp / PSNR | direct level k-1 bpp / PSNR |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for name, h in hcf.items():
            L.append("| phi_%s | %.3f | %.2f | %.1f%% | %s | %.4f / %.2f | %.4f / %.2f |" % (
                name, h["macs_phi_768x512"] / 1e9, (h["macs_decode_gs_k"] + h["macs_reencode_ga_km1"]) / 1e9,
                100 * h["phi_fraction"],
                "%.4f (%.3f)" % (h["heldout_mse"], h["rel_error"]) if h["heldout_mse"] is not None else "-",
                h["transcoded"]["bpp_tab"], h["transcoded"]["psnr"], h["direct"]["bpp_tab"], h["direct"]["psnr"]))
    with open(os.path.join(RES, "rd_table.md"), "w") as f:
        f.write("\n".join(L) + "\n")
    print("\n".join(L))
    curves = [("ec-mshp-v1", [(levels[k]["bpp_tab"], levels[k]["psnr"]) for k in sorted(levels)], "#c00"),
              ("JPEG 4:2:0", [(p["bpp"], p["psnr"]) for p in res["jpeg"]], "#06c"),
              ("WebP", [(p["bpp"], p["psnr"]) for p in res["webp"]], "#080")]
    svg_plot(curves, os.path.join(RES, "rd.svg"))
    if card_path and os.path.exists(card_path):
        card = json.load(open(card_path))
        card["eval"] = dict(dataset="data/eval (astronaut, chelsea, coffee, face, motorcycle_left); mean over images",
                            levels={str(k): {a: round(b, 5) for a, b in v.items() if a != "per_image"}
                                    for k, v in levels.items()},
                            bd_rate_psnr=res.get("bd_rate_psnr"),
                            hcf={n: dict(phi_fraction=round(h["phi_fraction"], 4), rel_error=h["rel_error"],
                                         transcoded_bpp=round(h["transcoded"]["bpp_tab"], 4),
                                         transcoded_psnr=round(h["transcoded"]["psnr"], 3)) for n, h in hcf.items()})
        json.dump(card, open(card_path, "w"), indent=1)
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-hcf", action="store_true")
    ap.add_argument("--skip-classic", action="store_true", help="reuse JPEG/WebP curves from results.json")
    ap.add_argument("--classic-only", action="store_true")
    ap.add_argument("--card", default=os.path.join(HERE, "..", "models", "ec-mshp-v1", "card.json"))
    a = ap.parse_args()
    run(a.card, a.skip_hcf, a.skip_classic, a.classic_only)
