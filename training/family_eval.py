"""One family's R-D on whole images, and two families compared (BD-rate), for the "is the new family better" call.

  /usr/bin/python3 training/family_eval.py measure --ckpt training/work/ckpt_shipped --images holdout --out A.json
  /usr/bin/python3 training/family_eval.py measure --ckpt training/work/ckpt --images holdout --out B.json
  /usr/bin/python3 training/family_eval.py compare A.json B.json [--md FILE.md]

measure: every level coded directly (x -> g_a^k, real rounding, bpp from the exported 16-bit tables) and every
single HCF hop k -> k-1 (phi_inter after level-k rounding, phi_intra on the unquantized latent), coded at k-1.
Weights as export.py loads them (F16-rounded; the Eq. 13 fine-tuned level when its .done.json exists).
compare: BD-rate (PSNR, cubic and PCHIP as eval_reference.bd_rate) of B's direct curve against A's, and in each
family of the phi_inter / phi_intra hop curves against that family's own direct curve (phi vs direct).
Use --images holdout (held-out TRAINING photos, common.is_holdout) for decisions; data/eval only reports.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_images, threads  # noqa: E402
from eval_reference import bd_rate, eval_model_level, get_tables  # noqa: E402
from model import K  # noqa: E402


def measure(ckpt, which, wait_ft=False):
    """wait_ft: measure top down while the Eq. 13 fine-tune runs, each level once its ft_level{k}.done.json
    exists (levels below K; K has no fine-tune), each hop k -> k-1 once both levels are final."""
    import time
    from export import level_ckpt, load_level
    images = load_images(which)
    out = dict(ckpt=os.path.normpath(ckpt), images=which, n_images=len(images), levels={}, hops={})
    models = {}
    for k in range(K, 0, -1):
        while wait_ft and k < K and not os.path.exists(os.path.join(ckpt, "ft_level%d.done.json" % k)):
            time.sleep(15)
        if not level_ckpt(k, ckpt):
            continue
        m = load_level(k, ckpt)
        models[k] = (m, get_tables(m))
        r = eval_model_level(m, models[k][1], images)
        r.pop("per_image")
        out["levels"][str(k)] = dict(r, ckpt=os.path.basename(level_ckpt(k, ckpt)))
        print("level %d %s bpp %.4f PSNR %.2f" % (k, out["levels"][str(k)]["ckpt"], r["bpp_tab"], r["psnr"]), flush=True)
        if k < K:
            measure_hops(k + 1, models, images, ckpt, out)
    return out


def measure_hops(k, models, images, ckpt, out):
    from export import load_phi
    if k not in models or k - 1 not in models:
        return
    for kind in ("inter", "intra"):
        ph = load_phi(kind, k, ckpt)
        if ph is None:
            continue
        r = eval_model_level(models[k - 1][0], models[k - 1][1], images, phi=(kind, ph), upper=models[k][0])
        r.pop("per_image")
        out["hops"]["%s_%dto%d" % (kind, k, k - 1)] = r
        print("%s %d -> %d bpp %.4f PSNR %.2f" % (kind, k, k - 1, r["bpp_tab"], r["psnr"]), flush=True)


def curve(fam, part, kind=None):
    if part == "levels":
        pts = [fam["levels"][k] for k in sorted(fam["levels"], key=int)]
    else:
        pts = [v for n, v in sorted(fam["hops"].items()) if n.startswith(kind + "_")]
    return [p["bpp_tab"] for p in pts], [p["psnr"] for p in pts]


def bd(a, b):
    return dict(cubic=bd_rate(a[0], a[1], b[0], b[1], "cubic"), pchip=bd_rate(a[0], a[1], b[0], b[1], "pchip"))


def compare(pa, pb):
    A, B = json.load(open(pa)), json.load(open(pb))
    res = dict(a=pa, b=pb, images=B["images"], n_images=B["n_images"],
               direct_b_vs_a=bd(curve(A, "levels"), curve(B, "levels")), phi_vs_direct={})
    for tag, fam in (("a", A), ("b", B)):
        for kind in ("inter", "intra"):
            if any(n.startswith(kind) for n in fam["hops"]):
                res["phi_vs_direct"]["%s_%s" % (tag, kind)] = bd(curve(fam, "levels"), curve(fam, "hops", kind))
    L = ["Images: %s (%d). A = %s, B = %s." % (B["images"], B["n_images"], A["ckpt"], B["ckpt"]), "",
         "| level | A bpp / PSNR | B bpp / PSNR | B weights |", "| --- | --- | --- | --- |"]
    for k in sorted(set(A["levels"]) | set(B["levels"]), key=int):
        a, b = A["levels"].get(k), B["levels"].get(k)
        L.append("| %s | %s | %s | %s |" % (k, "%.4f / %.2f" % (a["bpp_tab"], a["psnr"]) if a else "-",
                                            "%.4f / %.2f" % (b["bpp_tab"], b["psnr"]) if b else "-",
                                            b["ckpt"] if b else "-"))
    L += ["", "| hop | A bpp / PSNR | B bpp / PSNR |", "| --- | --- | --- |"]
    for n in sorted(set(A["hops"]) | set(B["hops"]), key=lambda s: (-int(s.split("_")[1].split("to")[0]), s)):
        a, b = A["hops"].get(n), B["hops"].get(n)
        L.append("| phi_%s | %s | %s |" % (n, "%.4f / %.2f" % (a["bpp_tab"], a["psnr"]) if a else "-",
                                          "%.4f / %.2f" % (b["bpp_tab"], b["psnr"]) if b else "-"))
    f = lambda d: "%+.2f %% (cubic), %+.2f %% (PCHIP)" % (d["cubic"], d["pchip"])  # noqa: E731
    L += ["", "BD-rate (PSNR, table bits), negative = fewer bits:",
          "* B direct vs A direct: " + f(res["direct_b_vs_a"])]
    for n, d in res["phi_vs_direct"].items():
        L.append("* %s: one %s hop k -> k-1 vs direct coding at k-1, same family: %s" % (
            n.split("_")[0].upper(), n.split("_")[1], f(d)))
    res["markdown"] = "\n".join(L)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--ckpt", required=True)
    m.add_argument("--images", default="holdout")
    m.add_argument("--out", required=True)
    m.add_argument("--wait-ft", action="store_true", help="top down, each level once its Eq. 13 fine-tune is done")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--md")
    a = ap.parse_args()
    torch.set_num_threads(threads())
    if a.cmd == "measure":
        r = measure(a.ckpt, a.images, a.wait_ft)
        with open(a.out, "w") as f:
            json.dump(r, f, indent=1)
    else:
        r = compare(a.a, a.b)
        print(r["markdown"])
        if a.md:
            with open(a.md, "w") as f:
                f.write(r["markdown"] + "\n")


if __name__ == "__main__":
    main()
