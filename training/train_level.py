"""Train one level of the ec-mshp-v1 family (time-budgeted, resumable).

  /usr/bin/python3 training/train_level.py --level 6 --minutes 60            # from scratch
  /usr/bin/python3 training/train_level.py --level 5 --init 6 --minutes 7    # fine-tune from level 6
  add --resume to continue from training/work/ckpt/level{k}.pt
  /usr/bin/python3 training/train_level.py --level 5 --minutes 2 --lr 1e-4 --resume   # continue an imported level
An imported level (import_shipped.py: step 0, no optimiser state) resumes with a fresh Adam whose lr warms up over
--warmup steps; --minutes is then the continuation's length (the import's elapsed is 0). EC_DEVICE picks the device.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import TRAIN_LAMBDAS, M_DEFAULT, N_DEFAULT, LevelModel, init_from_upper, rd_loss  # noqa: E402
from common import (CKPT, LOGS, WORK, TrainSet, batches, device, eval_level, load_ckpt, load_eval, log,  # noqa: E402
                    rd_update, setup_device, stage_budget, threads, to_cpu)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--level", type=int, required=True)
    ap.add_argument("--init", type=int, default=0, help="upper level to fine-tune from (0 = scratch)")
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--max-steps", type=int, default=10 ** 9)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--crop", type=int, default=256)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--eval-every", type=int, default=200)
    ap.add_argument("--ckpt-every", type=int, default=200)
    ap.add_argument("--N", type=int, default=N_DEFAULT)
    ap.add_argument("--M", type=int, default=0)
    ap.add_argument("--gain", type=float, default=0, help="init latent gain (0 = sqrt(lambda_up/lambda))")
    ap.add_argument("--init-klt", type=float, default=0, metavar="GAIN",
                    help="from scratch only: start g_a/g_s as the 8x8 block KLT with this latent gain (klt.py; needs M = 4N)")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--ckpt-dir", default=CKPT)
    ap.add_argument("--threads", type=int, default=threads())
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--contiguous", action="store_true",
                    help="NCHW activations (default: channels_last, 1.3-2.4x faster conv on this CPU build)")
    ap.add_argument("--warmup", type=int, default=100,
                    help="steps of linear lr warm-up when a checkpoint without optimiser state is continued")
    a = ap.parse_args()
    dev = device()
    setup_device(dev)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.level)
    k = a.level
    lam = TRAIN_LAMBDAS[k - 1]  # k = K + 1 is the training root (model.ROOT_LAMBDA)
    M = a.M or M_DEFAULT[k - 1]
    os.makedirs(a.ckpt_dir, exist_ok=True)
    os.makedirs(LOGS, exist_ok=True)
    logf = os.path.join(LOGS, "level%d.log" % k)
    ck = os.path.join(a.ckpt_dir, "level%d.pt" % k)
    resume = a.resume and os.path.exists(ck)
    if resume:  # the checkpoint's widths win over the defaults (v3's level 6 has M=64, fresh runs 192)
        st = load_ckpt(ck)
        a.N, M = st["N"], st["M"]

    model = LevelModel(a.N, M)
    # channels_last: measured faster on this CPU build; on CUDA cuDNN picks its own layouts for fp32 convs
    layout = torch.contiguous_format if (a.contiguous or dev.type == "cuda") else torch.channels_last
    model = model.to(memory_format=layout)
    main_params = [p for n, p in model.named_parameters() if not n.endswith("quantiles")]
    opt = torch.optim.Adam(main_params, lr=a.lr)
    aux_opt = torch.optim.Adam([model.entropy_bottleneck.quantiles], lr=1e-3)
    step, elapsed = 0, 0.0
    warm_from = None  # first step of the lr warm-up (a fresh Adam on trained weights)
    keep = {}  # provenance the checkpoint carries on (imported: the Eq. 13 fine-tune's lr rule reads it)
    if resume:
        model.load_state_dict(st["model"])
        step, elapsed = st["step"], st["elapsed"]
        keep = {n: st[n] for n in ("imported", "continued_from_step") if n in st}
        if "opt" in st:
            opt.load_state_dict(st["opt"])
            aux_opt.load_state_dict(st["aux_opt"])
            warm_from = st.get("warm_from")
        else:  # imported (or stripped by the GPU pack): trained weights, fresh Adam
            warm_from = step
            keep.setdefault("continued_from_step", step)
        log(logf, "resumed level %d at step %d elapsed %.0fs%s" % (
            k, step, elapsed, "" if "opt" in st else " (no optimiser state: fresh Adam, lr warm-up %d steps)" % a.warmup))
    elif a.init:
        up = load_ckpt(os.path.join(a.ckpt_dir, "level%d.pt" % a.init))
        upper = LevelModel(up["N"], up["M"])
        upper.load_state_dict(up["model"])
        gain = a.gain if a.gain > 0 else (TRAIN_LAMBDAS[a.init - 1] / lam) ** 0.5
        init_from_upper(model, upper, gain)
        log(logf, "level %d init from level %d (M %d -> %d), latent gain %.3f" % (k, a.init, upper.M, M, gain))
    elif a.init_klt > 0:
        from klt import init_level_from_klt, training_klt
        mean, vectors = training_klt(a.ckpt_dir)
        init_level_from_klt(model, mean, vectors, a.init_klt)
        log(logf, "level %d from the 8x8 block KLT, N=%d M=%d lambda=%g gain %g" % (k, a.N, M, lam, a.init_klt))
    else:
        log(logf, "level %d from scratch N=%d M=%d lambda=%g" % (k, a.N, M, lam))

    model = model.to(dev)
    # models are built and loaded on the CPU, then moved: the optimisers must hold the moved parameters' state
    if dev.type != "cpu":
        for o in (opt, aux_opt):
            for s_ in o.state.values():
                for n_, v in s_.items():
                    if torch.is_tensor(v) and n_ != "step":
                        s_[n_] = v.to(dev)
    data = batches(TrainSet(a.crop, seed=k * 1000 + step), a.batch, dev)
    evals = [] if a.no_eval else load_eval()
    budget, cut = stage_budget(a.minutes * 60, elapsed, reserve=15.0 if evals else 5.0)
    if cut:
        log(logf, "time guard (EC_DEADLINE): L%d budget %.0fs instead of %.0fs" % (k, budget, a.minutes * 60))

    def save(done=False, extra=None):
        st = dict(model=model.state_dict(), opt=opt.state_dict(), aux_opt=aux_opt.state_dict(), step=step,
                  elapsed=elapsed, N=a.N, M=M, level=k, lam=lam, init=a.init, batch=a.batch, crop=a.crop, **keep)
        if warm_from is not None:
            st["warm_from"] = warm_from
        if dev.type != "cpu":  # checkpoints hold CPU tensors: they load on a machine without the device
            st = to_cpu(st)
        torch.save(st, ck + ".tmp")
        os.replace(ck + ".tmp", ck)
        if done:
            with open(os.path.join(a.ckpt_dir, "level%d.done.json" % k), "w") as f:
                json.dump(dict(level=k, steps=step, seconds=round(elapsed), N=a.N, M=M, lam=lam, init=a.init,
                               batch=a.batch, crop=a.crop, lr=a.lr, **(extra or {})), f, indent=1)

    t_last = time.time()
    acc = [0.0, 0.0, 0.0, 0]
    while elapsed < budget and step < a.max_steps:
        frac = elapsed / budget
        lr = a.lr * (1.0 if frac < 0.8 else (0.3 if frac < 0.93 else 0.1))
        if warm_from is not None and step - warm_from < a.warmup:
            # a fresh Adam's first steps move every weight by ~lr at once: ramp up instead of jolting trained weights
            lr *= (step - warm_from + 1) / a.warmup
        for g in opt.param_groups:
            g["lr"] = lr
        x = data.batch(a.batch).contiguous(memory_format=layout)
        x_hat, lik_y, lik_z, _ = model(x, training=True)
        loss, bpp, mse = rd_loss(x, x_hat, lik_y, lik_z, lam)
        aux = rd_update(model, opt, aux_opt, main_params, loss)
        step += 1
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if dev.type == "cpu":
            acc[0] += loss.item(); acc[1] += bpp.item(); acc[2] += mse.item(); acc[3] += 1
        else:  # no host sync per step on a GPU: sum on the device, read every 50 steps
            acc[0] += loss.detach(); acc[1] += bpp.detach(); acc[2] += mse.detach(); acc[3] += 1
        if step % 50 == 0:
            n = acc[3]
            acc[:3] = [float(v) for v in acc[:3]]
            psnr = 10 * torch.log10(torch.tensor(1.0 / (acc[2] / n))).item()
            log(logf, "L%d step %d t=%.0fs lr=%.1e loss=%.4f bpp=%.4f psnr=%.2f aux=%.1f" %
                (k, step, elapsed, lr, acc[0] / n, acc[1] / n, psnr, aux.item()))
            acc = [0.0, 0.0, 0.0, 0]
        if step % a.ckpt_every == 0:
            save()
            t_last = time.time()
        if evals and step % a.eval_every == 0:
            b, p, _ = eval_level(model, evals)
            log(logf, "L%d EVAL step %d bpp=%.4f psnr=%.2f (whole eval images, rounded)" % (k, step, b, p))
            t_last = time.time()
    model.entropy_bottleneck.update_quantiles()  # exact quantiles/medians for the tables (aux may lag)
    extra = {}
    if evals:
        b, p, per = eval_level(model, evals)
        log(logf, "L%d FINAL step %d bpp=%.4f psnr=%.2f" % (k, step, b, p))
        extra = dict(eval_bpp=b, eval_psnr=p)
    if "continued_from_step" in keep:  # train_all.sh LEVEL_MORE_MIN: how far this continuation has come
        extra.update(continued_minutes=(a.minutes if not cut or elapsed >= a.minutes * 60 else elapsed / 60),
                     continued_from_step=keep["continued_from_step"])
    if cut:
        extra["cut_by_deadline"] = True
    if "imported" in keep:
        extra["imported"] = keep["imported"]
    save(done=True, extra=extra)
    log(logf, "L%d done: %d steps, %.0fs" % (k, step, elapsed))


if __name__ == "__main__":
    main()
