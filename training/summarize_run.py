"""Summarise the phi and Eq. 13 stages of a run: start and best held-out loss, stop reason, the curve.

  /usr/bin/python3 training/summarize_run.py [--out training/results/stages.md]

Reads <EC_CKPT>/*.done.json and the curves <logs>/<stage>.curve.tsv written by train_phi.py. A stage without a
.done.json is listed as running/partial with its last measured point. The curve column lists the held-out loss at
every measurement (the starting point first), thinned to at most 12 values.
"""
import argparse
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CKPT, LOGS  # noqa: E402
from model import K  # noqa: E402


def read_curve(name):
    p = os.path.join(LOGS, name + ".curve.tsv")
    if not os.path.exists(p):
        return []
    rows, head = [], None
    for line in open(p):
        f = line.rstrip("\n").split("\t")
        if f[0] == "step":
            head = f
            continue
        r = dict(zip(head, f))
        if r["step"] == "0":
            rows = []  # a restart from step 0 (an interrupted first try) begins the curve again
        rows.append(r)
    return rows


def thin(vals, n=12):
    if len(vals) <= n:
        return vals
    idx = sorted(set([0, len(vals) - 1] + [round(i * (len(vals) - 1) / (n - 1)) for i in range(n)]))
    return [vals[i] for i in idx]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out")
    a = ap.parse_args()
    L = ["Checkpoints: `%s`, curves: `%s`." % (os.path.relpath(CKPT), os.path.relpath(LOGS)), "",
         "| stage | start | held-out at start | best held-out (step) | steps / s | stop | held-out curve |",
         "| --- | --- | --- | --- | --- | --- | --- |"]
    names = ["phi_%s_%dto%d" % (t, k, k - 1) for k in range(K, 1, -1) for t in ("inter", "intra")]
    names += ["ft_level%d" % k for k in range(K - 1, 0, -1)]
    for n in names:
        cur = read_curve(n)
        dj = os.path.join(CKPT, n + ".done.json")
        done = json.load(open(dj)) if os.path.exists(dj) else None
        if not cur and not done:
            continue
        start = float(cur[0]["heldout"]) if cur else float("nan")
        if n.startswith("phi"):
            if cur:
                start_s = "%.5f (direct %.5f, chain %.5f)" % (start, float(cur[0]["heldout_direct"]),
                                                              float(cur[0]["heldout_chain"]))
            else:
                start_s = "-"
            if done:
                best = "%.5f (direct %.5f, chain %.5f) @%d" % (done["heldout_loss"], done["heldout_mse"],
                                                               done["heldout_mse_chain"], done["best_step"])
            else:
                b = min(cur, key=lambda r: float(r["heldout"]))
                best = "%.5f @%s (running)" % (float(b["heldout"]), b["step"])
            init = done.get("init", "-") if done else "-"
            fmt = "%.5f"
        else:
            start_s = "%.4f" % start if cur else "-"
            if done:
                best = "%.4f @%d" % (done["heldout_rd_loss"], done["best_step"])
            else:
                b = min(cur, key=lambda r: float(r["heldout"]))
                best = "%.4f @%s (running)" % (float(b["heldout"]), b["step"])
            init = "level %s (R-D loss, lambda_k)" % n[8:]
            fmt = "%.4f"
        steps = "%d / %d" % (done["steps"], done["seconds"]) if done else (
            "%s / %.0f" % (cur[-1]["step"], float(cur[-1]["seconds"])) if cur else "-")
        stop = done.get("stop", "-") if done else "not finished"
        curve = ", ".join(fmt % float(r["heldout"]) for r in thin(cur))
        L.append("| %s | %s | %s | %s | %s | %s | %s |" % (n, init, start_s, best, steps, stop, curve))
    md = "\n".join(L)
    print(md)
    if a.out:
        with open(a.out, "w") as f:
            f.write(md + "\n")


if __name__ == "__main__":
    main()
