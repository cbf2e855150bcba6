"""HCF latent transforms phi_{k->k-1} (HCF §3.3, Eqs. 11-12) and the Eq. 13 fine-tune.

  /usr/bin/python3 training/train_phi.py --kind inter --upper 6 --minutes 20 [--resume]   # stops on a plateau
  /usr/bin/python3 training/train_phi.py --finetune-level 5 --minutes 10 [--resume]

Phase 1: L2 regression of phi(input) to g_a^{k-1}(x); everything trained earlier is frozen.
Inputs come from the already-trained chain (Eqs. 11-12: y~^k = F_{s->k} g_a^s(x)), not only from g_a^k: a phi
trained on clean g_a^k latents alone sees its own predecessors' errors for the first time in use, and those
errors add up over a chain of phi_intra. Per level, a cache holds for every crop the direct latent g_a^k(x) and
EC_CHAIN_VARIANTS latents that arrived through the trained pair k+1 -> k (a random phi_inter after level-(k+1)
rounding, or a random phi_intra) from a random variant of level k+1: the direct one with probability 1/2, so chain
lengths 1, 2, 3... come with weights 1/2, 1/4, 1/8... (training/work/ckpt/latents/chain_level{k}.pt, rebuilt when an
upstream checkpoint changes). A training batch takes the direct latent or a chain variant with probability 1/2 each.
inter: input = y_hat^k = D^k E^k Q^k(.) (real rounding with the level-k hyperprior); intra: the latent itself.

Stopping: the held-out regression loss (mean of the direct and the chain MSE on crops of the held-out TRAINING
photos, common.is_holdout; never data/eval) is measured every --eval-every steps; after --patience measurements
without a 0.5 % improvement the learning rate drops 5x, after the next such plateau training stops and the best
held-out weights are kept. --minutes is only a safety cap. The curve goes to <logs>/<name>.curve.tsv.
Phase 2 (--finetune-level k, Eq. 13): g_s^k, h_a^k, h_s^k and the level-k entropy models on the chain's outputs
(random source s >= k, random policy), R-D loss at lambda_k, same held-out plateau rule on the R-D loss.

--restart (train_all.sh, a continued family whose upstream level changed): keep the phi's current weights, drop its
optimiser, plateau state, step and elapsed, and train it again at --lr-continue like an imported phi.
EC_DEVICE picks the device (common.device); the caches stay CPU tensors, the training inputs move to the device.
"""
import argparse
import json
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import K, LAMBDAS, PHI_WIDTH, LevelModel, Phi, rd_loss  # noqa: E402
from common import (CKPT, LOGS, TrainSet, batches, data_files, device, load_ckpt, log, rd_update,  # noqa: E402
                    setup_device, stage_budget, threads, to_cpu)

POOL = int(os.environ.get("EC_PHI_POOL", "160"))  # training crops of 256x256 in the latent cache
HOLD = int(os.environ.get("EC_PHI_HOLD", "32"))   # held-out crops (from the held-out training photos)
VARIANTS = int(os.environ.get("EC_CHAIN_VARIANTS", "4"))  # chain-arrived latents per crop and level
IMPROVE = 0.005  # a held-out measurement counts as better when it beats the best by 0.5 %


def load_level_ckpt(k, dev=None):
    """level k frozen, on dev (default: the CPU, as before; callers pass their device)."""
    p = os.path.join(CKPT, "level%d.pt" % k)
    st = load_ckpt(p)
    m = LevelModel(st["N"], st["M"])
    m.load_state_dict(st["model"])
    if dev is not None:
        m = m.to(dev)
    m.entropy_bottleneck.update_quantiles()
    m.eval()
    for q in m.parameters():
        q.requires_grad_(False)
    return m


def latent_cache(k, crops, dev=None):
    """g_a^k of the crops, a CPU tensor (cached on disk); computed on dev (default common.device())."""
    d = os.path.join(CKPT, "latents")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "level%d.pt" % k)
    # keyed on the level checkpoint's step and time: a retrained level invalidates its cached latents
    key = _ckpt_key(os.path.join(CKPT, "level%d.pt" % k))
    if os.path.exists(p):
        cached = load_ckpt(p)
        if isinstance(cached, dict) and cached.get("key") == key:
            return cached["y"]
    dev = dev or device()
    m = load_level_ckpt(k, dev)
    ys = []
    with torch.no_grad():
        for i in range(0, crops.shape[0], 8):
            ys.append(m.g_a(crops[i:i + 8].to(dev)).cpu())
    y = torch.cat(ys)
    torch.save(dict(key=key, y=y), p)
    return y


def get_crops():
    """uint8 crops: POOL from the training photos, then HOLD from the held-out training photos; returns (crops,
    n_train). Without held-out photos (the smoke test's EC_DATA has none) the last eighth of the pool is held out."""
    d = os.path.join(CKPT, "latents")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "crops_split.pt")
    if os.path.exists(p):
        st = load_ckpt(p)
        return st["x"], st["n_train"]
    ts = TrainSet(256, seed=4242, split="train")
    x = torch.cat([ts.batch(8) for _ in range(max(1, POOL // 8))])
    n_train = x.shape[0]
    if data_files("holdout"):
        hs = TrainSet(256, seed=4343, split="holdout")
        x = torch.cat([x] + [hs.batch(8) for _ in range(max(1, HOLD // 8))])
    else:
        n_train = x.shape[0] - max(1, x.shape[0] // 8)
    x = (x * 255).round().to(torch.uint8)
    torch.save(dict(x=x, n_train=n_train), p)
    return x, n_train


def load_phi(kind, k, dev=None):
    p = os.path.join(CKPT, "phi_%s_%dto%d.pt" % (kind, k, k - 1))
    if not os.path.exists(p):
        return None
    st = load_ckpt(p)
    m = Phi(st["m_in"], st["m_out"], st.get("w", PHI_WIDTH))
    m.load_state_dict(st["model"])
    if dev is not None:
        m = m.to(dev)
    m.eval()
    for q in m.parameters():
        q.requires_grad_(False)
    return m


@torch.no_grad()
def quantize_level(m, y):
    """D^k E^k Q^k: real rounding with the level-k hyperprior (z and y); runs on m's device, returns on y's."""
    dm = next(m.parameters()).device
    out = []
    for i in range(0, y.shape[0], 16):
        out.append(m.code_latent(y[i:i + 16].to(dm), training=False)[0].to(y.device))
    return torch.cat(out)


def _ckpt_key(path):
    if not os.path.exists(path):
        return "-"
    st = load_ckpt(path)
    # "restart": a phi put back to step 0 with other weights than the imported ones must not match their caches
    return "%d/%.3f%s" % (st.get("step", 0), st.get("elapsed", 0.0), "/r%s" % st["restart"] if "restart" in st else "")


@torch.no_grad()
def chain_cache(k, crops, dev=None):
    """latents that reached level k through the trained pair k+1 -> k (and what is above it): CPU tensor
    (VARIANTS, crops, M_k, h, w), or None at the top or when no phi k+1 -> k is trained yet. Computed on dev."""
    if k >= K:
        return None
    dev = dev or device()
    phis = [(t, load_phi(t, k + 1, dev)) for t in ("inter", "intra")]
    phis = [(t, p) for t, p in phis if p is not None]
    if not phis:
        return None
    up_chain = chain_cache(k + 1, crops, dev)
    key = "|".join([_ckpt_key(os.path.join(CKPT, "level%d.pt" % j)) for j in range(k + 1, K + 1)] +
                   [_ckpt_key(os.path.join(CKPT, "phi_%s_%dto%d.pt" % (t, j, j - 1)))
                    for j in range(k + 1, K + 1) for t in ("inter", "intra")] + [str(VARIANTS)])
    p = os.path.join(CKPT, "latents", "chain_level%d.pt" % k)
    if os.path.exists(p):
        try:
            cached = load_ckpt(p)
        except (RuntimeError, EOFError):  # truncated by an interrupted run: rebuild
            cached = {}
        if cached.get("key") == key:
            return cached["v"]
    y_up = latent_cache(k + 1, crops, dev)
    lvl_up = load_level_ckpt(k + 1, dev)
    g = torch.Generator().manual_seed(1000 + k)
    n = y_up.shape[0]
    out = []
    for r in range(VARIANTS):
        v = torch.empty_like(latent_cache(k, crops, dev)) if r == 0 else torch.empty_like(out[0])
        for i in range(0, n, 8):
            sl = slice(i, min(n, i + 8))
            src = y_up[sl]
            if up_chain is not None and torch.rand(1, generator=g).item() < 0.5:
                src = up_chain[int(torch.randint(0, up_chain.shape[0], (1,), generator=g))][sl]
            t, ph = phis[int(torch.randint(0, len(phis), (1,), generator=g))]
            src = src.to(dev)
            if t == "inter":
                src = quantize_level(lvl_up, src)
            v[sl] = ph(src).cpu()
        out.append(v)
    v = torch.stack(out)
    # write then rename: a failed write (it happened once, "file write failed" with a full /tmp next door) must not
    # leave a truncated cache that the next run would try to load
    torch.save(dict(key=key, v=v), p + ".tmp")
    os.replace(p + ".tmp", p)
    return v


def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def take_lock(path, done):
    """one trainer per transform: if another live process holds the lock, wait for it to finish."""
    if os.path.exists(path):
        try:
            pid = int(open(path).read().strip())
        except ValueError:
            pid = -1
        if pid > 0 and pid != os.getpid() and _alive(pid):
            while _alive(pid) and not os.path.exists(done):
                time.sleep(10)
            if os.path.exists(done):
                return False
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    return True


class Plateau:
    """held-out early stopping: after `patience` measurements without a 0.5 % gain the lr drops 5x, after the
    next plateau training stops. Keeps the best weights. State goes into the checkpoint (resumable)."""

    def __init__(self, patience, st=None):
        self.patience = patience
        st = st or {}
        self.best = st.get("best", float("inf"))
        self.best_step = st.get("best_step", -1)
        self.best_state = st.get("best_state")
        self.bad = st.get("bad", 0)
        self.stage = st.get("stage", 0)
        self.stopped = st.get("stopped", False)

    def update(self, loss, step, model):
        if loss < self.best * (1 - IMPROVE) or self.best_state is None:
            if loss < self.best:
                self.best, self.best_step = loss, step
                self.best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            self.bad = 0
            return ""
        if loss < self.best:  # better, but not by 0.5 %: keep the weights, still counts towards the plateau
            self.best, self.best_step = loss, step
            self.best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        self.bad += 1
        if self.bad < self.patience:
            return ""
        self.bad = 0
        self.stage += 1
        if self.stage >= 2:
            self.stopped = True
            return "stop"
        return "lr"

    def state(self):
        return dict(best=self.best, best_step=self.best_step, best_state=self.best_state, bad=self.bad,
                    stage=self.stage, stopped=self.stopped)


def curve_line(path, fields):
    new = not os.path.exists(path)
    with open(path, "a") as f:
        if new:
            f.write("\t".join(k for k, _ in fields) + "\n")
        f.write("\t".join(v if isinstance(v, str) else ("%.6g" % v) for _, v in fields) + "\n")


def sample_inputs(batch, n_tr, n_var, rng):
    """a training batch's crops (of the first n_tr) and, per crop, its input: the direct latent (0) or one of the
    chain variants (1..n_var-1), half each. Shared by the phi training and train_phi_rd.py."""
    idx = torch.randint(0, n_tr, (batch,), generator=rng)
    var_idx = torch.where(torch.rand(batch, generator=rng) < 0.5, torch.zeros(batch, dtype=torch.long),
                          torch.randint(1, max(2, n_var), (batch,), generator=rng).clamp(max=n_var - 1))
    return idx, var_idx


def restart_from_weights(ck, done_path, logf, name):
    """a finished phi whose inputs changed (a continued level above or below it): its weights become the start of a
    new stage, as an imported phi's do (step 0, no optimiser, no plateau state, the lr of --lr-continue). The .pt is
    rewritten first and the .done.json removed after, so an interruption in between only repeats this."""
    st = load_ckpt(ck)
    new = dict(model=st["model"], step=0, elapsed=0.0, m_in=st["m_in"], m_out=st["m_out"], w=st.get("w", PHI_WIDTH),
               restart="%.0f" % time.time(),
               init="continued from its weights (%s, then %d steps)" % (st.get("init", "?"), st.get("step", 0)))
    if "imported" in st:
        new["imported"] = st["imported"]
    torch.save(new, ck + ".tmp")
    os.replace(ck + ".tmp", ck)
    os.remove(done_path)
    log(logf, "%s: inputs changed, continuing from its current weights (was step %d)" % (name, st.get("step", 0)))


def train_phi(a):
    k = a.upper
    name = "phi_%s_%dto%d" % (a.kind, k, k - 1)
    logf = os.path.join(LOGS, name + ".log")
    curve = os.path.join(LOGS, name + ".curve.tsv")
    ck = os.path.join(CKPT, name + ".pt")
    done_path = os.path.join(CKPT, name + ".done.json")
    if a.restart and os.path.exists(done_path) and os.path.exists(ck):
        restart_from_weights(ck, done_path, logf, name)
    if os.path.exists(done_path) or not take_lock(ck + ".lock", done_path):
        print(name, "already done")
        return
    dev = a.dev
    crops_u8, n_tr = get_crops()
    crops = crops_u8.float() / 255.0
    y_k = latent_cache(k, crops, dev)
    y_t = latent_cache(k - 1, crops, dev)
    chain = chain_cache(k, crops, dev)
    lvl_k = load_level_ckpt(k, dev)
    inputs = torch.stack([y_k] + ([] if chain is None else list(chain)))  # (1 + variants, crops, M, h, w)
    del chain
    if a.kind == "inter":  # D E Q at level k is deterministic: once for every cached latent
        inputs = torch.stack([quantize_level(lvl_k, v) for v in inputs])
    if dev.type != "cpu":  # ~190 MB at the default pool: the whole training set sits on the device
        inputs, y_k, y_t = inputs.to(dev), y_k.to(dev), y_t.to(dev)
    n_var = inputs.shape[0]
    m_in, m_out = y_k.shape[1], y_t.shape[1]
    st = load_ckpt(ck) if a.resume and os.path.exists(ck) else None
    width = a.width if st is None else st.get("w", PHI_WIDTH)  # a resumed phi keeps the width it was started with
    phi = Phi(m_in, m_out, width).to(dev)
    with torch.no_grad():  # skip starts as channel copy (lower levels are fine-tuned from upper ones)
        w = torch.zeros(m_out, m_in, 1, 1)
        for i in range(min(m_in, m_out)):
            w[i, i] = 1.0
        phi.skip.weight.copy_(w)
        phi.skip.bias.zero_()
    opt = torch.optim.Adam(phi.parameters(), lr=a.lr)
    step, elapsed, init, pl_state = 0, 0.0, "channel copy", None
    if st is not None:
        phi.load_state_dict(st["model"])
        if "opt" in st:
            opt.load_state_dict(st["opt"])  # casts the state to the parameters' device
        step, elapsed = st["step"], st["elapsed"]
        init = st.get("init", "imported from %s" % st["imported"] if "imported" in st else "channel copy")
        pl_state = st.get("plateau")
        if "lr" in st:  # a stage interrupted after it started keeps its lr
            a.lr = st["lr"]
        elif ("imported" in st or "restart" in st) and a.lr_continue > 0:
            # a shipped phi is already trained: a fresh Adam at the from-scratch lr (1e-3) threw phi_intra 9->8 from
            # a held-out MSE of 0.0004 to 0.0014 in 50 steps; continue at the lr its schedule ended with (x0.2)
            a.lr = a.lr_continue
        log(logf, "resumed %s at step %d (%s), lr %g" % (name, step, init, a.lr))
    pl = Plateau(a.patience, pl_state)
    base = F.mse_loss(y_k[n_tr:, :m_out] if m_in >= m_out else y_t[n_tr:] * 0, y_t[n_tr:]).item()
    var = y_t[n_tr:].var().item()
    log(logf, "%s: M %d -> %d, %d train / %d held-out crops, %d input variants (1 direct + chain), target var %.3f, "
              "channel-copy baseline mse %.4f" % (name, m_in, m_out, n_tr, y_k.shape[0] - n_tr, n_var, var, base))

    @torch.no_grad()
    def heldout():
        phi.eval()
        per = []
        for v in range(n_var):
            se = 0.0
            for i in range(n_tr, y_k.shape[0], 16):
                j = slice(i, min(y_k.shape[0], i + 16))
                se += F.mse_loss(phi(inputs[v, j]), y_t[j], reduction="sum").item()
            per.append(se / y_t[n_tr:].numel())
        phi.train()
        direct = per[0]
        chained = sum(per[1:]) / (n_var - 1) if n_var > 1 else direct
        return 0.5 * (direct + chained), direct, chained

    lr_scale = 0.2 ** pl.stage
    budget, cut = stage_budget(a.minutes * 60, elapsed)
    if cut:
        log(logf, "time guard (EC_DEADLINE): %s cap %.0fs instead of %.0fs" % (name, budget, a.minutes * 60))
    rng = torch.Generator().manual_seed(k * 7 + (a.kind == "inter") + step)
    acc, n = 0.0, 0
    if step == 0 and not pl.stopped:  # the starting point's held-out loss: what the training changed
        h = heldout()
        pl.update(h[0], 0, phi)
        curve_line(curve, [("step", "0"), ("seconds", 0.0), ("train_mse", float("nan")), ("heldout", h[0]),
                           ("heldout_direct", h[1]), ("heldout_chain", h[2]), ("lr", a.lr)])
        log(logf, "%s step 0 heldout %.5f (direct %.5f, chain %.5f)" % (name, *h))
    t_last = time.time()
    reason = "plateau" if pl.stopped else "max minutes"
    while not pl.stopped and elapsed < budget and step < a.max_steps:
        for g_ in opt.param_groups:
            g_["lr"] = a.lr * lr_scale
        idx, var_idx = sample_inputs(a.batch, n_tr, n_var, rng)
        if dev.type != "cpu":
            var_idx, idx = var_idx.to(dev), idx.to(dev)
        inp = inputs[var_idx, idx]
        loss = F.mse_loss(phi(inp), y_t[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        acc += loss.item() if dev.type == "cpu" else loss.detach(); n += 1  # no host sync per step on a GPU
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % a.eval_every == 0:
            h = heldout()
            ev = pl.update(h[0], step, phi)
            acc = float(acc)
            curve_line(curve, [("step", str(step)), ("seconds", elapsed), ("train_mse", acc / n), ("heldout", h[0]),
                               ("heldout_direct", h[1]), ("heldout_chain", h[2]), ("lr", a.lr * lr_scale)])
            log(logf, "%s step %d t=%.0fs mse=%.5f heldout %.5f (direct %.5f, chain %.5f) best %.5f@%d%s" % (
                name, step, elapsed, acc / n, h[0], h[1], h[2], pl.best, pl.best_step,
                {"lr": ", plateau: lr x0.2", "stop": ", plateau again: stop"}.get(ev, "")))
            acc, n = 0.0, 0
            if ev == "lr":
                lr_scale *= 0.2
            if ev == "stop":
                reason = "plateau"
            torch.save(to_cpu(dict(model=phi.state_dict(), opt=opt.state_dict(), step=step, elapsed=elapsed, init=init,
                                   plateau=pl.state(), m_in=m_in, m_out=m_out, w=width, lr=a.lr)), ck)
            t_last = time.time()
    if step >= a.max_steps and not pl.stopped:
        reason = "max steps"
    if cut and not pl.stopped and elapsed >= budget:
        reason = "deadline"  # train_all.sh's time guard (EC_DEADLINE) cut the cap
    phi.load_state_dict(pl.best_state)  # the best held-out weights, not the last ones
    h = heldout()
    torch.save(to_cpu(dict(model=phi.state_dict(), opt=opt.state_dict(), step=step, elapsed=elapsed, init=init,
                           plateau=pl.state(), m_in=m_in, m_out=m_out, w=width, lr=a.lr)), ck)
    res = dict(name=name, steps=step, seconds=round(elapsed), stop=reason, best_step=pl.best_step, init=init,
               heldout_loss=h[0], heldout_mse=h[1], heldout_mse_chain=h[2], target_var=var,
               channel_copy_mse=base, rel_error=h[1] / var, rel_error_chain=h[2] / var,
               heldout="%d crops of held-out training photos" % (y_k.shape[0] - n_tr), input_variants=n_var)
    with open(done_path, "w") as f:
        json.dump(res, f, indent=1)
    log(logf, "%s done: %s" % (name, res))


def load_level_latest(k, dev=None):
    """level k as the family will ship it: the Eq. 13 fine-tuned checkpoint once that is done (export.level_ckpt)."""
    ft = os.path.join(CKPT, "ft_level%d.pt" % k)
    if os.path.exists(os.path.join(CKPT, "ft_level%d.done.json" % k)):
        st = load_ckpt(ft)
        m = LevelModel(st["N"], st["M"])
        m.load_state_dict(st["model"])
        if dev is not None:
            m = m.to(dev)
        m.entropy_bottleneck.update_quantiles()
        m.eval()
        for q in m.parameters():
            q.requires_grad_(False)
        return m
    return load_level_ckpt(k, dev)


def finetune(a):
    """Eq. 13: level k's g_s, hyperprior and entropy models trained on latents from the chain, g_a^k and everything
    above frozen. Each batch: the source level s is k itself with probability 1/3 (direct coding must not get
    worse), else uniform in k+1..K; every hop s -> k takes phi_inter (after rounding at that level) or phi_intra
    at random (all policies). Held-out: the R-D loss with real rounding on held-out training crops, direct and
    through the cached chain variants; plateau rule and best-weights choice as for phi."""
    k = a.finetune_level
    name = "ft_level%d" % k
    logf = os.path.join(LOGS, name + ".log")
    curve = os.path.join(LOGS, name + ".curve.tsv")
    ck = os.path.join(CKPT, name + ".pt")
    dev = a.dev
    st = load_ckpt(os.path.join(CKPT, "level%d.pt" % k))
    m = LevelModel(st["N"], st["M"])
    m.load_state_dict(st["model"])
    m = m.to(dev)
    for p in m.g_a.parameters():
        p.requires_grad_(False)
    params = [p for n, p in m.named_parameters() if not n.startswith("g_a") and not n.endswith("quantiles")]
    opt = torch.optim.Adam(params, lr=a.lr)
    aux_opt = torch.optim.Adam([m.entropy_bottleneck.quantiles], lr=1e-3)
    step, elapsed, pl_state = 0, 0.0, None
    if "imported" in st and a.lr == 5e-5:
        # a shipped level is trained to the end of its schedule (2e-4 x 0.1): at 5e-5 four steps of a fresh Adam
        # raised level 8's held-out R-D loss by 3 %, at 2e-5 by 0.4 %
        a.lr = 2e-5
    if a.resume and os.path.exists(ck):
        s2 = load_ckpt(ck)
        a.lr = s2.get("lr", a.lr)
        m.load_state_dict(s2["model"])
        if "opt" in s2:
            opt.load_state_dict(s2["opt"])
            aux_opt.load_state_dict(s2["aux_opt"])
        step, elapsed, pl_state = s2["step"], s2["elapsed"], s2.get("plateau")
        log(logf, "resumed %s at step %d" % (name, step))
    pl = Plateau(a.patience, pl_state)
    uppers = {j: load_level_latest(j, dev) for j in range(k + 1, K + 1)
              if os.path.exists(os.path.join(CKPT, "level%d.pt" % j))}
    phis = {j: [(t, p) for t, p in ((t, load_phi(t, j, dev)) for t in ("inter", "intra")) if p is not None]
            for j in uppers}
    top = k
    while phis.get(top + 1):  # the chain reaches k from every level down to which phi exist
        top += 1
    # held-out inputs: direct g_a^k and the first two cached chain variants of the held-out crops
    crops_u8, n_tr = get_crops()
    crops = crops_u8.float() / 255.0
    n_hold = min(16, crops.shape[0] - n_tr)
    hx = crops[n_tr:n_tr + n_hold].to(dev)
    y_k = latent_cache(k, crops, dev)[n_tr:n_tr + n_hold]
    chain = chain_cache(k, crops, dev)
    h_in = [y_k] + ([] if chain is None else [chain[v, n_tr:n_tr + n_hold] for v in range(min(2, chain.shape[0]))])
    h_in = [y.to(dev) for y in h_in]
    del chain

    @torch.no_grad()
    def heldout():
        m.eval()
        m.entropy_bottleneck.update_quantiles()
        out = []
        for y in h_in:
            L = B = D = 0.0
            for i in range(0, n_hold, 4):
                y_hat, lik_y, lik_z, _ = m.code_latent(y[i:i + 4], training=False)
                loss, bpp, mse = rd_loss(hx[i:i + 4], m.g_s(y_hat), lik_y, lik_z, LAMBDAS[k - 1])
                nb = y[i:i + 4].shape[0]
                L += loss.item() * nb; B += bpp.item() * nb; D += mse.item() * nb
            out.append((L / n_hold, B / n_hold, D / n_hold))
        m.train()
        direct = out[0][0]
        chained = sum(o[0] for o in out[1:]) / (len(out) - 1) if len(out) > 1 else direct
        return 0.5 * (direct + chained), out

    def fields(h, train_loss, lr):
        f = [("step", str(step)), ("seconds", elapsed), ("train_loss", train_loss), ("heldout", h[0])]
        for i, (L, B, D) in enumerate(h[1]):
            tag = "direct" if i == 0 else "chain%d" % i
            f += [(tag + "_loss", L), (tag + "_bpp", B), (tag + "_mse", D)]
        return f + [("lr", lr)]

    def save():
        torch.save(to_cpu(dict(st, model=m.state_dict(), opt=opt.state_dict(), aux_opt=aux_opt.state_dict(),
                               step=step, elapsed=elapsed, plateau=pl.state(), lr=a.lr)), ck)

    lr_scale = 0.2 ** pl.stage
    if step == 0 and not pl.stopped:
        h = heldout()
        pl.update(h[0], 0, m)
        curve_line(curve, fields(h, float("nan"), a.lr))
        log(logf, "%s step 0 (the level as it was) heldout R-D loss %.4f, per input %s; lr %g" % (
            name, h[0], ["%.4f/%.4fbpp" % (L, B) for L, B, _ in h[1]], a.lr))
    data = batches(TrainSet(256, seed=k * 31 + step), a.batch, dev)
    budget, cut = stage_budget(a.minutes * 60, elapsed, reserve=8.0)
    if cut:
        log(logf, "time guard (EC_DEADLINE): %s cap %.0fs instead of %.0fs" % (name, budget, a.minutes * 60))
    t_last = time.time()
    reason = "plateau" if pl.stopped else "max minutes"
    acc, n = 0.0, 0
    while not pl.stopped and elapsed < budget and step < a.max_steps:
        for g_ in opt.param_groups:
            g_["lr"] = a.lr * lr_scale
        x = data.batch(a.batch)
        with torch.no_grad():
            s = k if (top == k or random.random() < 1 / 3) else random.randint(k + 1, top)
            y = (uppers[s] if s > k else m).g_a(x)
            for j in range(s, k, -1):
                t, ph = random.choice(phis[j])
                if t == "inter":
                    y = quantize_level(uppers[j], y)
                y = ph(y)
        y_hat, lik_y, lik_z, _ = m.code_latent(y, training=True)
        x_hat = m.g_s(y_hat)
        loss, bpp, mse = rd_loss(x, x_hat, lik_y, lik_z, LAMBDAS[k - 1])
        rd_update(m, opt, aux_opt, params, loss)
        step += 1
        acc += loss.item() if dev.type == "cpu" else loss.detach(); n += 1  # no host sync per step on a GPU
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % 25 == 0:
            log(logf, "%s step %d t=%.0fs loss=%.4f bpp=%.4f mse=%.5f" % (name, step, elapsed, loss.item(),
                                                                       bpp.item(), mse.item()))
        if step % a.eval_every == 0:
            h = heldout()
            ev = pl.update(h[0], step, m)
            acc = float(acc)
            curve_line(curve, fields(h, acc / n, a.lr * lr_scale))
            log(logf, "%s step %d heldout R-D loss %.4f (per input %s) best %.4f@%d%s" % (
                name, step, h[0], ["%.4f/%.4fbpp" % (L, B) for L, B, _ in h[1]], pl.best, pl.best_step,
                {"lr": ", plateau: lr x0.2", "stop": ", plateau again: stop"}.get(ev, "")))
            acc, n = 0.0, 0
            if ev == "lr":
                lr_scale *= 0.2
            if ev == "stop":
                reason = "plateau"
            save()
            t_last = time.time()
    if step % a.eval_every and not pl.stopped:  # the last partial interval gets its measurement too
        h = heldout()
        pl.update(h[0], step, m)
        curve_line(curve, fields(h, float(acc) / max(n, 1), a.lr * lr_scale))
    if cut and not pl.stopped and elapsed >= budget:
        reason = "deadline"  # train_all.sh's time guard (EC_DEADLINE) cut the cap
    m.load_state_dict(pl.best_state)
    m.entropy_bottleneck.update_quantiles()
    save()
    with open(os.path.join(CKPT, name + ".done.json"), "w") as f:
        json.dump(dict(level=k, steps=step, seconds=round(elapsed), stop=reason, best_step=pl.best_step,
                       heldout_rd_loss=pl.best, chain_top=top), f, indent=1)
    log(logf, "%s done: %d steps, best held-out R-D loss %.4f at step %d (%s)" % (name, step, pl.best, pl.best_step,
                                                                              reason))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=["inter", "intra"])
    ap.add_argument("--upper", type=int)
    ap.add_argument("--finetune-level", type=int, default=0)
    ap.add_argument("--minutes", type=float, default=30, help="safety cap; training stops on a held-out plateau")
    ap.add_argument("--max-steps", type=int, default=10 ** 9)
    ap.add_argument("--batch", type=int, default=0, help="8 (phi), 2 (Eq. 13)")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--eval-every", type=int, default=0, help="steps between held-out measurements (100; ft 50)")
    ap.add_argument("--patience", type=int, default=0, help="measurements without gain before lr drop/stop (6; ft 4)")
    ap.add_argument("--lr-continue", type=float, default=2e-4,
                    help="phi: lr when continuing an imported (already trained) phi; 0 = --lr")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--width", type=int, default=PHI_WIDTH,
                    help="phi: channels inside a new phi's body (%d). Other widths are for experiments (phi_headroom.py): "
                         "export and the C# codec take one width per family, card.json's phi_width" % PHI_WIDTH)
    ap.add_argument("--restart", action="store_true",
                    help="phi already done but its inputs changed: train it again from its current weights")
    a = ap.parse_args()
    torch.set_num_threads(threads())
    a.dev = device()
    setup_device(a.dev)
    os.makedirs(LOGS, exist_ok=True)
    random.seed(a.upper or a.finetune_level)
    torch.manual_seed(a.upper or a.finetune_level)
    if a.finetune_level:
        if a.lr == 1e-3:
            a.lr = 5e-5
        a.batch = a.batch or 2
        a.eval_every = a.eval_every or 50
        a.patience = a.patience or 4
        finetune(a)
    else:
        a.batch = a.batch or 8
        a.eval_every = a.eval_every or 100
        a.patience = a.patience or 6
        train_phi(a)


if __name__ == "__main__":
    main()
