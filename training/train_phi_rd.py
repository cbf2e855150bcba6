"""R-D tuning of a trained phi_inter k -> k-1: the hop trained for what it costs at level k-1, not for latent MSE.

  /usr/bin/python3 training/train_phi_rd.py --upper 6 [--minutes 6] [--anchor 0.5]

Why: Eq. 12 regresses phi_inter(y_hat^k) onto g_a^{k-1}(x). The level-k rounding noise in its input cannot be
regressed away, and what phi passes on of it is coded again at k-1, where it costs bits (phi_headroom.py: one hop
+13..18 % R-D loss over direct coding, no better than decoding and re-encoding). Here phi_inter is trained on
lambda_{k-1} * 255^2 * MSE(x, g_s^{k-1}(y_hat)) + bpp of the frozen, Eq. 13 fine-tuned level k-1 (uniform noise for the
rounding, as the levels train), plus `anchor` times its Eq. 12 loss (relative to the target's variance) so that the
phi_intra hops trained after it still see a latent like g_a^{k-1}(x). Not in the paper (its Phase 2 freezes every
transform); it is its Phase 2 loss turned onto the transform. Inputs: the direct latent and the chain variants of
train_phi.py (each rounded at level k), half each. Held-out: the R-D loss (real rounding) on the held-out crops, direct
and two chain variants; plateau rule and best-weights choice as in train_phi.py. Resumable; writes the phi checkpoint
in place (keeps the Eq. 12 weights as phi_inter_{k}to{k-1}.eq12.pt) and phi_inter_{k}to{k-1}.rd.done.json.
"""
import argparse
import json
import os
import shutil
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import LAMBDAS, PHI_WIDTH, Phi, rd_loss  # noqa: E402
from common import CKPT, LOGS, device, load_ckpt, log, setup_device, stage_budget, threads, to_cpu  # noqa: E402
from train_phi import (Plateau, chain_cache, curve_line, get_crops, latent_cache, load_level_latest,  # noqa: E402
                       quantize_level, sample_inputs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--upper", type=int, required=True, help="k of the pair k -> k-1")
    ap.add_argument("--minutes", type=float, default=6, help="safety cap; stops on a held-out plateau")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--anchor", type=float, default=0.5, help="weight of the Eq. 12 loss (relative MSE)")
    ap.add_argument("--eval-every", type=int, default=50)
    ap.add_argument("--patience", type=int, default=4)
    a = ap.parse_args()
    torch.set_num_threads(threads())
    torch.manual_seed(a.upper)
    k = a.upper
    name = "phi_inter_%dto%d" % (k, k - 1)
    ck = os.path.join(CKPT, name + ".pt")
    done = os.path.join(CKPT, name + ".rd.done.json")
    logf = os.path.join(LOGS, name + ".rd.log")
    curve = os.path.join(LOGS, name + ".rd.curve.tsv")
    os.makedirs(LOGS, exist_ok=True)
    if os.path.exists(done):
        print(name, "R-D tuning already done")
        return
    if not os.path.exists(ck):
        raise SystemExit("%s: no trained phi_inter to tune; train it first (train_phi.py --kind inter --upper %d)"
                         % (ck, k))
    eq12 = os.path.join(CKPT, name + ".eq12.pt")
    if not os.path.exists(eq12):
        shutil.copyfile(ck, eq12)  # the regression-trained weights stay: the comparison and a way back
    dev = device()
    setup_device(dev)
    st = load_ckpt(eq12)
    phi = Phi(st["m_in"], st["m_out"], st.get("w", PHI_WIDTH))
    phi.load_state_dict(st["model"])
    phi = phi.to(dev)
    opt = torch.optim.Adam(phi.parameters(), lr=a.lr)
    step, elapsed, pl_state, lr = 0, 0.0, None, a.lr
    if os.path.exists(ck):
        cur = load_ckpt(ck)
        if cur.get("rd"):
            phi.load_state_dict(cur["model"])
            opt.load_state_dict(cur["opt"])
            step, elapsed, pl_state, lr = cur["step"], cur["elapsed"], cur.get("plateau"), cur.get("lr", a.lr)
            log(logf, "resumed %s R-D tuning at step %d" % (name, step))

    upper, lower = load_level_latest(k, dev), load_level_latest(k - 1, dev)
    lam = LAMBDAS[k - 2]
    crops_u8, n_tr = get_crops()
    crops = crops_u8.float() / 255.0
    target = latent_cache(k - 1, crops)
    chain = chain_cache(k, crops)
    inputs = torch.stack([quantize_level(upper, v) for v in [latent_cache(k, crops)] + ([] if chain is None
                                                                                        else list(chain))])
    del chain
    n_var = inputs.shape[0]
    var = target[n_tr:].var().item()
    n_hold = crops.shape[0] - n_tr
    held = list(range(min(3, n_var)))  # direct and the first two chain variants

    def loss_of(x, y_in, y_target, training):
        x, y_in, y_target = x.to(dev), y_in.to(dev), y_target.to(dev)  # the caches stay CPU tensors
        y = phi(y_in)
        y_hat, lik_y, lik_z, _ = lower.code_latent(y, training=training)
        rd, bpp, mse = rd_loss(x, lower.g_s(y_hat), lik_y, lik_z, lam)
        reg = F.mse_loss(y, y_target) / var
        return rd + a.anchor * reg, rd, bpp, mse, reg

    @torch.no_grad()
    def heldout():
        phi.eval()
        out = []
        for v in held:
            tot = [0.0] * 5
            for i in range(n_tr, crops.shape[0], 4):
                j = slice(i, min(crops.shape[0], i + 4))
                vals = loss_of(crops[j], inputs[v, j], target[j], False)
                nb = crops[j].shape[0]
                tot = [t + float(x) * nb for t, x in zip(tot, vals)]
            out.append([t / n_hold for t in tot])
        phi.train()
        return sum(o[0] for o in out) / len(out), out

    pl = Plateau(a.patience, pl_state)
    lr_scale = 0.2 ** pl.stage

    def save():
        torch.save(to_cpu(dict(st, model=phi.state_dict(), opt=opt.state_dict(), step=step, elapsed=elapsed,
                               plateau=pl.state(), lr=lr, rd=True, anchor=a.anchor)), ck + ".tmp")
        os.replace(ck + ".tmp", ck)

    def fields(h, train_loss):
        f = [("step", str(step)), ("seconds", elapsed), ("train_loss", train_loss), ("heldout", h[0])]
        for v, o in zip(held, h[1]):
            tag = "direct" if v == 0 else "chain%d" % v
            f += [(tag + "_rd", o[1]), (tag + "_bpp", o[2]), (tag + "_mse", o[3]), (tag + "_rel_latent_mse", o[4])]
        return f + [("lr", lr * lr_scale)]

    if step == 0 and not pl.stopped:
        h = heldout()
        pl.update(h[0], 0, phi)
        curve_line(curve, fields(h, float("nan")))
        log(logf, "%s step 0 (Eq. 12 weights): held-out loss %.4f, R-D per input %s" % (
            name, h[0], ["%.4f/%.4fbpp" % (o[1], o[2]) for o in h[1]]))
    rng = torch.Generator().manual_seed(k * 11 + step)
    t_last = time.time()
    acc, n = 0.0, 0
    reason = "plateau" if pl.stopped else "max minutes"
    budget, cut = stage_budget(a.minutes * 60, elapsed)  # the GPU run's time guard (EC_DEADLINE), if set
    if cut:
        reason = "deadline"
    while not pl.stopped and elapsed < budget:
        for g in opt.param_groups:
            g["lr"] = lr * lr_scale
        idx, var_idx = sample_inputs(a.batch, n_tr, n_var, rng)
        loss = loss_of(crops[idx], inputs[var_idx, idx], target[idx], True)[0]
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(phi.parameters(), 1.0)
        opt.step()
        step += 1
        acc += loss.item(); n += 1
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % a.eval_every == 0:
            h = heldout()
            ev = pl.update(h[0], step, phi)
            curve_line(curve, fields(h, acc / n))
            log(logf, "%s step %d t=%.0fs train %.4f held-out %.4f (R-D per input %s) best %.4f@%d%s" % (
                name, step, elapsed, acc / n, h[0], ["%.4f/%.4fbpp" % (o[1], o[2]) for o in h[1]], pl.best,
                pl.best_step, {"lr": ", plateau: lr x0.2", "stop": ", plateau again: stop"}.get(ev, "")))
            acc, n = 0.0, 0
            if ev == "lr":
                lr_scale *= 0.2
            save()
            t_last = time.time()
    phi.load_state_dict(pl.best_state)
    save()
    with open(done, "w") as f:
        json.dump(dict(name=name, steps=step, seconds=round(elapsed), stop=reason, best_step=pl.best_step,
                       heldout_loss=pl.best, anchor=a.anchor, lr=a.lr), f, indent=1)
    log(logf, "%s R-D tuning done: %d steps, best held-out %.4f at step %d (%s)" % (name, step, pl.best,
                                                                                   pl.best_step, reason))


if __name__ == "__main__":
    main()
