"""Import an exported family (models/ec-mshp-v1 safetensors) back into training checkpoints.

  /usr/bin/python3 training/import_shipped.py [--src models/ec-mshp-v1]      # -> EC_CKPT (default training/work/ckpt)

The shipped weights are the checkpoint further training starts from (issue 16), and a fresh checkout has no
training/work/ckpt. The export keeps everything a checkpoint needs except two things:
* the optimiser state: a continued stage starts a fresh Adam (the checkpoints say imported=True, step 0);
* the EntropyBottleneck's density parameters: only their 16-bit CDF tables are shipped. They are refitted here to
  those tables (cross-entropy of the model pmf against the table pmf per channel; a few hundred Adam steps on 48
  tiny 1-D densities), then the quantiles are set by bisection and the medians put back to the shipped values, so
  z is rounded exactly as the shipped tables expect. The fit's worst per-channel KL is printed and stored.
Conv weights come back from F16 (they are what the C# engine runs); GDN beta/gamma from their effective F32 values.
Writes level{k}.pt + level{k}.done.json (imported) for every shipped level, phi_{kind}_{k}to{k-1}.pt (imported, no
.done.json: the phi are retrained from these weights) and imported.json.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import st_io  # noqa: E402
from common import CKPT, threads  # noqa: E402
from model import GDN, LAMBDAS, LevelModel, Phi, PHI_WIDTH  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_modules(m, t):
    """conv weights and effective GDN params from exported tensors t into module m (names as module_tensors)."""
    sd = m.state_dict()
    gdn_names = {n for n, mod in m.named_modules() if isinstance(mod, GDN)}
    n_set = 0
    with torch.no_grad():
        for n, mod in m.named_modules():
            if n in gdn_names:
                mod.beta.copy_(mod.beta_reparam.init(torch.from_numpy(t[n + ".beta"]).float()))
                mod.gamma.copy_(mod.gamma_reparam.init(torch.from_numpy(t[n + ".gamma"]).float()))
                n_set += 2
        for k in sd:
            if k in t and k.rsplit(".", 1)[0] not in gdn_names:
                sd[k].copy_(torch.from_numpy(t[k].astype(np.float32)))
                n_set += 1
    return n_set


def table_pmfs(t):
    """per channel: (sample positions, table pmf) of the shipped EntropyBottleneck tables (tail entry dropped)."""
    cdf, cdf_len = t["entropy_bottleneck.quantized_cdf"], t["entropy_bottleneck.cdf_length"]
    off, med = t["entropy_bottleneck.offset"], t["entropy_bottleneck.medians"]
    out = []
    for c in range(cdf.shape[0]):
        L = int(cdf_len[c]) - 2  # pmf entries; the last cdf step is the tail mass
        freq = np.diff(cdf[c, :L + 2].astype(np.float64))
        pmf = freq[:L] / 65536.0
        pos = med[c] + off[c] + np.arange(L)  # pmf_start = median - minima, offset = -minima
        out.append((torch.tensor(pos, dtype=torch.float32), torch.tensor(pmf, dtype=torch.float32)))
    return out


def fit_bottleneck(eb, t, steps=600):
    pmfs = table_pmfs(t)
    C = eb.c
    Lmax = max(len(p) for p, _ in pmfs)
    pos = torch.zeros(C, 1, Lmax)
    tgt = torch.zeros(C, 1, Lmax)
    for c, (p, q) in enumerate(pmfs):
        pos[c, 0, :len(p)] = p
        pos[c, 0, len(p):] = p[-1]
        tgt[c, 0, :len(q)] = q
    # start the density around the shipped range: quantiles at the table's ends
    with torch.no_grad():
        lo = torch.tensor([p[0] for p, _ in pmfs]).view(C, 1)
        hi = torch.tensor([p[-1] for p, _ in pmfs]).view(C, 1)
        med = torch.from_numpy(t["entropy_bottleneck.medians"]).float().view(C, 1)
        eb.quantiles.copy_(torch.stack([lo, med, hi], -1))
    params = [p for n, p in eb.named_parameters() if n != "quantiles"]
    opt = torch.optim.Adam(params, lr=1e-2)

    def model_pmf():
        lower = eb.logits_cumulative(pos - 0.5)
        upper = eb.logits_cumulative(pos + 0.5)
        sign = -torch.sign(lower + upper).detach()
        return torch.abs(torch.sigmoid(sign * upper) - torch.sigmoid(sign * lower)).clamp_min(1e-12)

    for i in range(steps):
        if i == steps * 2 // 3:
            for g in opt.param_groups:
                g["lr"] = 2e-3
        loss = -(tgt * torch.log(model_pmf())).sum(-1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        q = model_pmf()
        kl = (tgt * (torch.log(tgt.clamp_min(1e-12)) - torch.log(q))).sum(-1).max().item()
    eb.update_quantiles()
    with torch.no_grad():  # z must round exactly as the shipped tables expect
        eb.quantiles[:, 0, 1] = torch.from_numpy(t["entropy_bottleneck.medians"]).float()
    return kl


def import_family(src, out, steps=600):
    os.makedirs(out, exist_ok=True)
    card = json.load(open(os.path.join(src, "card.json")))
    K = int(card["levels"])
    if K != len(LAMBDAS):
        raise SystemExit("%s has %d levels, model.LAMBDAS %d: set EC_LAMBDAS to the card's lambdas" % (src, K, len(LAMBDAS)))
    now = time.time()
    summary = dict(source=os.path.normpath(src), exported_utc=card.get("exported_utc"), levels={}, phi=[])
    for k in range(1, K + 1):
        t, meta = st_io.load(os.path.join(src, "level%d.safetensors" % k))
        # seeded: the refit starts from the density's random init, and two imports of one family (the GPU run's on
        # the device, the comparison's here) must be the same family, not two refits ~1 % apart at the low levels
        torch.manual_seed(1000 + k)
        m = LevelModel(int(meta["N"]), int(meta["M"]))
        _load_modules(m, t)
        kl = fit_bottleneck(m.entropy_bottleneck, t, steps)
        # the refitted tables must be the shipped ones up to a rounding or two: compare the rebuilt CDFs
        eb = m.entropy_bottleneck.build_tables()
        same_shape = tuple(eb["quantized_cdf"].shape) == tuple(t["entropy_bottleneck.quantized_cdf"].shape)
        torch.save(dict(model=m.state_dict(), step=0, elapsed=0.0, N=m.N, M=m.M, level=k, lam=LAMBDAS[k - 1],
                        init=0, batch=4, crop=256, imported=os.path.normpath(src)),
                   os.path.join(out, "level%d.pt" % k))
        tr = card.get("training", {}).get("level%d" % k, {})
        with open(os.path.join(out, "level%d.done.json" % k), "w") as f:
            json.dump(dict(level=k, imported=os.path.normpath(src), steps=tr.get("steps", 0),
                           seconds=tr.get("seconds", 0), N=m.N, M=m.M, lam=LAMBDAS[k - 1],
                           eb_fit_max_kl_nats=kl), f, indent=1)
        summary["levels"][k] = dict(eb_fit_max_kl_nats=kl, same_table_shape=same_shape)
        print("level %d: N=%d M=%d, entropy bottleneck refit: worst channel KL %.2e nats, table shape %s"
              % (k, m.N, m.M, kl, "same" if same_shape else "changed"), flush=True)
    for k in range(K, 1, -1):
        for kind in ("inter", "intra"):
            name = "phi_%s_%dto%d" % (kind, k, k - 1)
            p = os.path.join(src, name + ".safetensors")
            if not os.path.exists(p):
                continue
            t, meta = st_io.load(p)
            m_in, m_out = t["skip.weight"].shape[1], t["skip.weight"].shape[0]
            w = int(meta.get("width", PHI_WIDTH))
            ph = Phi(m_in, m_out, w)
            _load_modules(ph, t)
            torch.save(dict(model=ph.state_dict(), step=0, elapsed=0.0, m_in=m_in, m_out=m_out, w=w,
                            imported=os.path.normpath(src)), os.path.join(out, name + ".pt"))
            summary["phi"].append(name)
    summary["imported_at"] = now
    with open(os.path.join(out, "imported.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print("imported %d levels and %d phi from %s into %s" % (K, len(summary["phi"]), src, out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=os.path.join(HERE, "..", "models", "ec-mshp-v1"))
    ap.add_argument("--out", default=CKPT)
    ap.add_argument("--steps", type=int, default=600, help="Adam steps of the entropy-bottleneck refit")
    a = ap.parse_args()
    torch.set_num_threads(threads())
    import_family(a.src, a.out, a.steps)


if __name__ == "__main__":
    main()
