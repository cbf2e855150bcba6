"""Chains of HCF transforms: level SRC down to DST directly, through phi_intra only, and the edge way.

  /usr/bin/python3 training/phi_chain.py 9 5                     # on data/eval (report only)
  /usr/bin/python3 training/phi_chain.py 9 1 --per-level --images holdout --out FILE.json
                                      # every destination 8..1 from level 9, on held-out training photos
  /usr/bin/python3 training/phi_chain.py --table BEFORE.json AFTER.json   # markdown, incl. equal-PSNR overhead
  EC_CKPT selects the checkpoints (default training/work/ckpt).

direct: x -> g_a^DST, coded at DST.  intra: g_a^SRC(x) through phi_intra SRC->...->DST, coded at DST.
edge:   g_a^SRC(x) rounded with the level-SRC hyperprior, phi_inter SRC->SRC-1, then phi_intra down to DST
        (the relay path of the edge policy with n_q = 2).
nodes:  every level a node (pi = [1,...,1]): rounded at every level SRC..DST+1, phi_inter after each rounding
        (the every-level-a-node reading of HCF Table 4's paths; where the rounding noise of phi_inter hops adds up).
Prints bpp (exported tables and likelihoods) and PSNR for each path, measured by eval_reference.eval_model_level,
and the rate cost of each chain over direct coding at the same destination. --per-level shows how that cost grows
with the number of hops (the error accumulation of a chain of phi_intra).
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CKPT, load_images, threads  # noqa: E402
from eval_reference import eval_model_level, get_tables  # noqa: E402
from export import level_ckpt, load_level, load_phi  # noqa: E402


def chain(transforms):
    """One callable applying phi k->k-1, k-1->k-2, ... in turn (eval_reference takes it as a single phi)."""
    def apply(y):
        for phi in transforms:
            y = phi(y)
        return y
    return apply


def nodes_chain(levels, inters, src, dst):
    """pi = [1,...,1]: round at level k with its hyperprior (D^k E^k Q^k), phi_inter k -> k-1, for k = src..dst+1."""
    def apply(y):
        for k in range(src, dst, -1):
            y = inters[k](levels[k].code_latent(y, training=False)[0])
        return y
    return apply


def equal_quality_overhead(rows):
    """per chain row: its rate over what direct coding (the same family's direct points of these rows,
    log-rate interpolated in PSNR) needs for the same PSNR, in %. A chain that spends more bits but also gains
    PSNR only moves along the curve; this is the part that is a real loss."""
    import numpy as np
    d = sorted((r["psnr"], np.log(r["bpp_tab"])) for r in rows if r["path"] == "direct")
    out = {}
    for r in rows:
        if r["path"] == "direct":
            continue
        eq = float(np.exp(np.interp(r["psnr"], [a for a, _ in d], [b for _, b in d])))
        out[(r["dst"], r["path"])] = 100 * (r["bpp_tab"] / eq - 1)
    return out


def table(paths):
    """markdown: per destination, rate vs direct at the same level and at equal PSNR, one column pair per file."""
    runs = [json.load(open(p)) for p in paths]
    L = ["Rate of each chain from level %d over direct coding at the destination: at the same level (PSNR "
         "difference in brackets) / at equal PSNR (direct curve log-rate interpolated). Images: %s (%d)." % (
             runs[0]["rows"][0]["src"], runs[0]["images"], runs[0]["n_images"]), ""]
    kinds = [p for p in ("intra", "edge", "nodes") if any(r["path"] == p for r in runs[0]["rows"])]
    head = "| dst | hops |" + "".join("".join(" %s: %s |" % (chr(65 + i), p) for p in kinds) for i in range(len(runs)))
    L += [head, "| --- | --- |" + " --- |" * len(kinds) * len(runs)]
    eqs = [equal_quality_overhead(r["rows"]) for r in runs]
    dsts = sorted({r["dst"] for r in runs[0]["rows"]}, reverse=True)
    for d in dsts:
        cells = []
        for run, eq in zip(runs, eqs):
            rr = {r["path"]: r for r in run["rows"] if r["dst"] == d}
            for path in kinds:
                if path not in rr or "direct" not in rr:
                    cells.append("-")
                    continue
                c, dr = rr[path], rr["direct"]
                cells.append("%+.1f %% (%+.2f dB) / %+.1f %%" % (100 * (c["bpp_tab"] / dr["bpp_tab"] - 1),
                                                                c["psnr"] - dr["psnr"], eq[(d, path)]))
        L.append("| %d | %d | %s |" % (d, runs[0]["rows"][0]["src"] - d, " | ".join(cells)))
    L += [""] + ["%s = %s" % (chr(65 + i), r["ckpt"]) for i, r in enumerate(runs)]
    return "\n".join(L)


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--table":  # phi_chain.py --table A.json [B.json ...]
        print(table(sys.argv[2:]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=int)
    ap.add_argument("dst", type=int)
    ap.add_argument("--per-level", action="store_true", help="every destination from SRC-1 down to DST")
    ap.add_argument("--images", default="eval", help="eval (data/eval), holdout (held-out training photos) or a dir")
    ap.add_argument("--out", help="write the rows as JSON")
    ap.add_argument("--paths", default="intra,edge,nodes", help="which chains to measure besides direct")
    ap.add_argument("--direct-from", help="JSON of an earlier run on the same images whose levels are unchanged "
                                          "(only the phi retrained): reuse its direct rows instead of recoding")
    a = ap.parse_args()
    if not a.src > a.dst >= 1:
        ap.error("need SRC > DST >= 1 (got %d, %d)" % (a.src, a.dst))
    torch.set_num_threads(threads())
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
    inters = {k: load_phi("inter", k) for k in range(a.dst + 1, a.src + 1)}
    if any(p is None for p in inters.values()):
        inters = None  # the nodes path needs every phi_inter on the way
    images = load_images(a.images)
    rows = []
    dsts = range(a.src - 1, a.dst - 1, -1) if a.per_level else [a.dst]
    with torch.no_grad():
        for d in dsts:
            intra_chain = [intra[k] for k in range(a.src, d, -1)]
            paths = {"direct": None,
                     "intra": ("intra", chain(intra_chain)),
                     "edge": ("inter", chain([inter] + intra_chain[1:]))}  # rounded at SRC, phi_inter, then intra
            if inters is not None:
                paths["nodes"] = ("intra", nodes_chain(levels, inters, a.src, d))  # it rounds at every level itself
            wanted = {"direct"} | set(a.paths.split(","))
            paths = {n: p for n, p in paths.items() if n in wanted}
            res = {}
            for name, phi in paths.items():
                if name == "direct" and a.direct_from:
                    prev = json.load(open(a.direct_from))
                    assert prev["images"] == a.images, "--direct-from measured other images"
                    r = [dict(x) for x in prev["rows"] if x["dst"] == d and x["path"] == "direct"][0]
                    res[name] = r
                    rows.append(dict(r, reused_from=a.direct_from))
                    print("%d -> %d direct bpp %.4f  PSNR %.2f dB (reused from %s)" % (a.src, d, r["bpp_tab"], r["psnr"],
                                                                                     a.direct_from), flush=True)
                    continue
                r = eval_model_level(levels[d], get_tables(levels[d]), images, phi=phi, upper=levels[a.src])
                res[name] = r
                extra = ""
                if name != "direct":
                    extra = "  rate %+.1f %%, PSNR %+.2f dB vs direct" % (
                        100 * (r["bpp_tab"] / res["direct"]["bpp_tab"] - 1), r["psnr"] - res["direct"]["psnr"])
                print("%d -> %d %-6s bpp %.4f (likelihoods %.4f)  PSNR %.2f dB%s" % (
                    a.src, d, name, r["bpp_tab"], r["bpp_lik"], r["psnr"], extra), flush=True)
                rows.append(dict(src=a.src, dst=d, hops=a.src - d, path=name, bpp_tab=r["bpp_tab"],
                                 bpp_lik=r["bpp_lik"], psnr=r["psnr"], ms_ssim_db=r["ms_ssim_db"]))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(dict(ckpt=CKPT, images=a.images, n_images=len(images), rows=rows), f, indent=1)


if __name__ == "__main__":
    main()
