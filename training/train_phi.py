"""HCF latent transforms phi_{k->k-1} (hcf-spec §1.8, Eqs. 11-12) and the optional Eq. 13 fine-tune.

  /usr/bin/python3 training/train_phi.py --kind inter --upper 6 --minutes 1.5 [--resume]
  /usr/bin/python3 training/train_phi.py --finetune-level 5 --minutes 5 [--resume]

Phase 1: L2 regression of phi(input) to g_a^{k-1}(x); everything trained earlier is frozen.
The input is the level-k latent reached through the already-trained chain: with probability 1/2
the source is level k itself (y~^k = g_a^k(x)), otherwise it comes from level k+1 through a random
trained phi (inter or intra) of the pair k+1 -> k.  inter: input = y_hat^k = D^k E^k Q^k(y~^k) (real
rounding with the level-k hyperprior); intra: input = y~^k (unquantized).
Latents of a fixed pool of training crops are cached once per level (training/work/latents).
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
from model import K, LAMBDAS, LevelModel, Phi, rd_loss  # noqa: E402
from common import CKPT, LOGS, WORK, TrainSet, log, rd_update  # noqa: E402

POOL = int(os.environ.get("EC_PHI_POOL", "160"))  # crops of 256x256 in the latent cache


def load_level_ckpt(k):
    p = os.path.join(CKPT, "level%d.pt" % k)
    st = torch.load(p)
    m = LevelModel(st["N"], st["M"])
    m.load_state_dict(st["model"])
    m.entropy_bottleneck.update_quantiles()
    m.eval()
    for q in m.parameters():
        q.requires_grad_(False)
    return m


def latent_cache(k, crops):
    d = os.path.join(CKPT, "latents")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "level%d.pt" % k)
    # keyed on the level checkpoint's step and time: a retrained level invalidates its cached latents
    st = torch.load(os.path.join(CKPT, "level%d.pt" % k), map_location="cpu")
    key = "%d/%.3f" % (st["step"], st["elapsed"])
    if os.path.exists(p):
        cached = torch.load(p)
        if isinstance(cached, dict) and cached.get("key") == key:
            return cached["y"]
    m = load_level_ckpt(k)
    ys = []
    with torch.no_grad():
        for i in range(0, crops.shape[0], 8):
            ys.append(m.g_a(crops[i:i + 8]))
    y = torch.cat(ys)
    torch.save(dict(key=key, y=y), p)
    return y


def get_crops():
    d = os.path.join(CKPT, "latents")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "crops.pt")
    if os.path.exists(p):
        return torch.load(p)
    ts = TrainSet(256, seed=4242)
    x = torch.cat([ts.batch(8) for _ in range(POOL // 8)])
    x = (x * 255).round().to(torch.uint8)
    torch.save(x, p)
    return x


def load_phi(kind, k):
    p = os.path.join(CKPT, "phi_%s_%dto%d.pt" % (kind, k, k - 1))
    if not os.path.exists(p):
        return None
    st = torch.load(p)
    m = Phi(st["m_in"], st["m_out"])
    m.load_state_dict(st["model"])
    m.eval()
    for q in m.parameters():
        q.requires_grad_(False)
    return m


@torch.no_grad()
def quantize_level(m, y):
    """D^k E^k Q^k: real rounding with the level-k hyperprior (z and y)."""
    y_hat, _, _, _ = m.code_latent(y, training=False)
    return y_hat


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


def train_phi(a):
    k = a.upper
    name = "phi_%s_%dto%d" % (a.kind, k, k - 1)
    logf = os.path.join(LOGS, name + ".log")
    ck = os.path.join(CKPT, name + ".pt")
    done_path = os.path.join(CKPT, name + ".done.json")
    if os.path.exists(done_path) or not take_lock(ck + ".lock", done_path):
        print(name, "already done")
        return
    crops = get_crops().float() / 255.0
    y_k = latent_cache(k, crops)
    y_t = latent_cache(k - 1, crops)
    lvl_k = load_level_ckpt(k)
    upper = None
    if k + 1 <= K and os.path.exists(os.path.join(CKPT, "level%d.pt" % (k + 1))):
        ups = [(t, load_phi(t, k + 1)) for t in ("inter", "intra")]
        ups = [(t, u) for t, u in ups if u is not None]
        if ups:
            upper = (latent_cache(k + 1, crops), load_level_ckpt(k + 1), ups)
    m_in, m_out = y_k.shape[1], y_t.shape[1]
    phi = Phi(m_in, m_out)
    with torch.no_grad():  # skip starts as channel copy (lower levels are fine-tuned from upper ones)
        w = torch.zeros(m_out, m_in, 1, 1)
        for i in range(min(m_in, m_out)):
            w[i, i] = 1.0
        phi.skip.weight.copy_(w)
        phi.skip.bias.zero_()
    opt = torch.optim.Adam(phi.parameters(), lr=a.lr)
    step, elapsed = 0, 0.0
    if a.resume and os.path.exists(ck):
        st = torch.load(ck)
        phi.load_state_dict(st["model"])
        opt.load_state_dict(st["opt"])
        step, elapsed = st["step"], st["elapsed"]
        log(logf, "resumed %s at step %d" % (name, step))
    # held-out: last 16 crops of the pool
    n_tr = y_k.shape[0] - min(16, y_k.shape[0] // 4)
    base = F.mse_loss(y_k[n_tr:, :m_out] if m_in >= m_out else y_t[n_tr:] * 0, y_t[n_tr:]).item()
    var = y_t[n_tr:].var().item()
    log(logf, "%s: M %d -> %d, target var %.3f, channel-copy baseline mse %.4f" % (name, m_in, m_out, var, base))

    def make_input(idx):
        with torch.no_grad():
            src = y_k[idx]
            if upper is not None and random.random() < 0.5:
                yu, lu, ups = upper
                t, ph = random.choice(ups)
                inp = yu[idx]
                if t == "inter":
                    inp = quantize_level(lu, inp)
                src = ph(inp)
            if a.kind == "inter":
                src = quantize_level(lvl_k, src)
        return src

    budget = a.minutes * 60
    t_last = time.time()
    rng = torch.Generator().manual_seed(k * 7 + (a.kind == "inter"))
    acc, n = 0.0, 0
    while elapsed < budget and step < a.max_steps:
        frac = elapsed / budget
        for g in opt.param_groups:
            g["lr"] = a.lr * (1.0 if frac < 0.75 else 0.2)
        idx = torch.randint(0, n_tr, (a.batch,), generator=rng)
        inp = make_input(idx)
        loss = F.mse_loss(phi(inp), y_t[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        acc += loss.item(); n += 1
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % 25 == 0:
            log(logf, "%s step %d t=%.0fs mse=%.4f" % (name, step, elapsed, acc / n))
            acc, n = 0.0, 0
        if step % 100 == 0:
            torch.save(dict(model=phi.state_dict(), opt=opt.state_dict(), step=step, elapsed=elapsed,
                            m_in=m_in, m_out=m_out), ck)
    # held-out regression error (source = level k directly)
    with torch.no_grad():
        idx = torch.arange(n_tr, y_k.shape[0])
        src = y_k[idx]
        if a.kind == "inter":
            src = quantize_level(lvl_k, src)
        mse = F.mse_loss(phi(src), y_t[idx]).item()
    torch.save(dict(model=phi.state_dict(), opt=opt.state_dict(), step=step, elapsed=elapsed,
                    m_in=m_in, m_out=m_out), ck)
    res = dict(name=name, steps=step, seconds=round(elapsed), heldout_mse=mse, target_var=var,
               channel_copy_mse=base, rel_error=mse / var)
    with open(os.path.join(CKPT, name + ".done.json"), "w") as f:
        json.dump(res, f, indent=1)
    log(logf, "%s done: %s" % (name, res))


def finetune(a):
    """Eq. 13: level k's g_s and entropy models trained on inputs from the chain (phi from k+1), rest frozen."""
    k = a.finetune_level
    name = "ft_level%d" % k
    logf = os.path.join(LOGS, name + ".log")
    ck = os.path.join(CKPT, name + ".pt")
    st = torch.load(os.path.join(CKPT, "level%d.pt" % k))
    m = LevelModel(st["N"], st["M"])
    m.load_state_dict(st["model"])
    step, elapsed = 0, 0.0
    if a.resume and os.path.exists(ck):
        s2 = torch.load(ck)
        m.load_state_dict(s2["model"])
        step, elapsed = s2["step"], s2["elapsed"]
    for p in m.g_a.parameters():
        p.requires_grad_(False)
    params = [p for n, p in m.named_parameters() if not n.startswith("g_a") and not n.endswith("quantiles")]
    opt = torch.optim.Adam(params, lr=a.lr)
    aux_opt = torch.optim.Adam([m.entropy_bottleneck.quantiles], lr=1e-3)
    up = load_level_ckpt(k + 1)
    phis = [p for p in (load_phi("inter", k + 1), load_phi("intra", k + 1)) if p is not None]
    data = TrainSet(256, seed=k * 31 + step)
    budget = a.minutes * 60
    t_last = time.time()
    while elapsed < budget:
        x = data.batch(a.batch)
        with torch.no_grad():
            yu = up.g_a(x)
            j = random.randrange(len(phis) + 1)
            if j == len(phis):
                y = m.g_a(x)
            else:
                inp = quantize_level(up, yu) if j == 0 else yu
                y = phis[j](inp)
        y_hat, lik_y, lik_z, _ = m.code_latent(y, training=True)
        x_hat = m.g_s(y_hat)
        loss, bpp, mse = rd_loss(x, x_hat, lik_y, lik_z, LAMBDAS[k - 1])
        rd_update(m, opt, aux_opt, params, loss)
        step += 1
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % 25 == 0:
            log(logf, "%s step %d t=%.0fs loss=%.4f bpp=%.4f mse=%.5f" % (name, step, elapsed, loss.item(),
                                                                       bpp.item(), mse.item()))
            torch.save(dict(st, model=m.state_dict(), step=step, elapsed=elapsed), ck)
    torch.save(dict(st, model=m.state_dict(), step=step, elapsed=elapsed), ck)
    with open(os.path.join(CKPT, name + ".done.json"), "w") as f:
        json.dump(dict(level=k, steps=step, seconds=round(elapsed)), f)
    log(logf, "%s done" % name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=["inter", "intra"])
    ap.add_argument("--upper", type=int)
    ap.add_argument("--finetune-level", type=int, default=0)
    ap.add_argument("--minutes", type=float, default=1.5)
    ap.add_argument("--max-steps", type=int, default=10 ** 9)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--resume", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(LOGS, exist_ok=True)
    random.seed(a.upper or a.finetune_level)
    if a.finetune_level:
        if a.lr == 1e-3:
            a.lr = 5e-5
        if a.batch == 8:
            a.batch = 2
        finetune(a)
    else:
        train_phi(a)


if __name__ == "__main__":
    main()
