"""Data loading and evaluation helpers shared by the training scripts."""
import glob
import math
import os
import time

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
EVAL_DIR = os.path.join(HERE, "..", "data", "eval")
CKPT = os.environ.get("EC_CKPT", os.path.join(WORK, "ckpt"))
LOGS = os.path.join(CKPT, "logs") if "EC_CKPT" in os.environ else os.path.join(WORK, "logs")


def threads():
    """Thread count for torch: EC_THREADS, else OMP_NUM_THREADS, else 2 (the machine's cores). torch.set_num_threads
    overrides OMP_NUM_THREADS, so the scripts must ask here instead of hard-coding 2: a background run niced to
    one core (OMP_NUM_THREADS=1) must not take both cores from the engineers building C# next to it."""
    return int(os.environ.get("EC_THREADS") or os.environ.get("OMP_NUM_THREADS") or 2)


def device():
    """Where the models and batches live: EC_DEVICE (cpu, cuda, cuda:1...), else cuda when torch sees a GPU, else cpu.
    Checkpoints are always written from and loaded to the CPU (load_ckpt), so a family trained on a GPU loads
    on a CPU-only machine."""
    d = os.environ.get("EC_DEVICE", "")
    if not d:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if d.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("EC_DEVICE=%s but torch %s sees no CUDA device: set EC_DEVICE=cpu (or unset it) here" %
                         (d, torch.__version__))
    return torch.device(d)


def setup_device(dev):
    """per-process settings for dev. On CUDA only: cuDNN picks the fastest conv algorithms for the fixed crop and
    batch shapes (EC_CUDNN_BENCHMARK=0 turns that off); the CPU path is left exactly as it was."""
    if dev.type == "cuda" and os.environ.get("EC_CUDNN_BENCHMARK", "1") != "0":
        torch.backends.cudnn.benchmark = True


def load_ckpt(path):
    """a training checkpoint, its tensors on the CPU whatever device wrote it. weights_only=False: these are the
    project's own files (plain dicts of tensors and numbers); torch >= 2.6 would otherwise refuse none of them but
    warns or differs between versions, and 1.13 knows the argument too."""
    return torch.load(path, map_location="cpu", weights_only=False)


def to_cpu(o):
    """a checkpoint dict with every tensor on the CPU (what torch.save writes must load without the device)."""
    if torch.is_tensor(o):
        return o.cpu()
    if isinstance(o, dict):
        return {k: to_cpu(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return type(o)(to_cpu(v) for v in o)
    return o


def deadline_left():
    """seconds until EC_DEADLINE (a Unix time; the GPU run's time guard), inf when unset. Stages shorten their
    budget to it so that a fixed-length device run still ends with finished, packable stages."""
    d = os.environ.get("EC_DEADLINE")
    return float(d) - time.time() if d else float("inf")


def stage_budget(seconds, elapsed, reserve=5.0):
    """a stage's loop budget (total seconds, earlier runs included) cut to the time guard: the loop may run until
    EC_DEADLINE minus `reserve` (the stage's final evaluation and save). Returns (budget, cut)."""
    left = deadline_left()
    if left == float("inf"):
        return seconds, False
    cap = elapsed + max(0.0, left - reserve)
    return (cap, True) if cap < seconds else (seconds, False)


class Prefetch:
    """TrainSet batches made one ahead on a background thread and moved to the device (CUDA only: there the GPU
    step is short enough that cropping on the main thread would leave it idle). Same batch sequence as TrainSet."""

    def __init__(self, data, n, dev, depth=3):
        import queue
        import threading
        self.q = queue.Queue(depth)
        self.dev = dev

        def work():
            while True:
                self.q.put(data.batch(n).pin_memory())
        threading.Thread(target=work, daemon=True).start()

    def batch(self, n=None):
        return self.q.get().to(self.dev, non_blocking=True)


def batches(data, n, dev):
    """an object with .batch(n) giving device tensors: TrainSet itself on the CPU (unchanged), Prefetch on CUDA."""
    if dev.type != "cuda":
        return data
    return Prefetch(data, n, dev)


# Hold-out split of the TRAINING photos (never data/eval): the photos of every 10th source wallpaper
# (prepare_data.sh names them NNN_r.png, NNN = source index, r = one of two random downscales). Both downscales of a
# source go to the same side, so no held-out photo has a twin among the training ones. Early stopping, checkpoint
# choice and the new-vs-shipped comparison use these; data/eval only reports.
HOLDOUT_MOD = int(os.environ.get("EC_HOLDOUT_MOD", "10"))


def is_holdout(path):
    stem = os.path.basename(path).split("_")[0]
    return stem.isdigit() and HOLDOUT_MOD > 0 and int(stem) % HOLDOUT_MOD == HOLDOUT_MOD - 1


def data_files(split="train"):
    """training photos of one side of the split ("train", "holdout" or "all")."""
    data_dir = os.environ.get("EC_DATA", os.path.join(WORK, "data"))
    src = sorted(glob.glob(os.path.join(data_dir, "*.png")))
    if split == "train":
        src = [p for p in src if not is_holdout(p)]
    elif split == "holdout":
        src = [p for p in src if is_holdout(p)]
    return src


def log(path, msg):
    line = "%s %s" % (time.strftime("%H:%M:%S"), msg)
    print(line, flush=True)
    # A fresh checkout has no training/work/ yet (it is gitignored).
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "a") as f:
        f.write(line + "\n")


def rd_update(model, opt, aux_opt, params, loss):
    """One clipped Adam step on the R-D loss, then one step of the entropy bottleneck's quantile (aux) loss.

    Shared by the level training and the Eq. 13 fine-tune; returns the aux loss for logging."""
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    aux = model.aux_loss()
    aux_opt.zero_grad()
    aux.backward()
    aux_opt.step()
    return aux


class TrainSet:
    """Wallpaper photos (already downscaled by prepare_data.sh), cached as .npy, random crops + flips."""

    def __init__(self, crop=256, seed=0, split="train"):
        src = data_files(split)
        if not src:
            raise SystemExit("no training data: run training/prepare_data.sh")
        cache = os.path.join(WORK, "npy") if "EC_DATA" not in os.environ else os.path.join(CKPT, "npy")
        os.makedirs(cache, exist_ok=True)
        self.imgs = []
        for p in src:
            c = os.path.join(cache, os.path.basename(p)[:-4] + ".npy")
            if not os.path.exists(c):
                np.save(c, np.asarray(Image.open(p).convert("RGB")))
            a = np.load(c, mmap_mode="r")
            if a.shape[0] >= crop and a.shape[1] >= crop:
                self.imgs.append(a)
        self.crop = crop
        self.rng = np.random.default_rng(seed)

    def batch(self, n):
        out = np.empty((n, self.crop, self.crop, 3), np.uint8)
        c = self.crop
        for i in range(n):
            a = self.imgs[self.rng.integers(len(self.imgs))]
            y = self.rng.integers(a.shape[0] - c + 1)
            x = self.rng.integers(a.shape[1] - c + 1)
            p = np.asarray(a[y:y + c, x:x + c])
            if self.rng.random() < 0.5:
                p = p[:, ::-1]
            if self.rng.random() < 0.5:
                p = p[::-1]
            out[i] = p
        return torch.from_numpy(out).permute(0, 3, 1, 2).float().div_(255.0)


def load_images(which="eval"):
    """whole images as (name, 1x3xHxW tensor): "eval" = data/eval (report only), "holdout" = the held-out
    training photos (model and setting choices), or a directory of PNGs."""
    if which == "eval":
        return load_eval()
    if which == "holdout":
        # evenly spaced subset (EC_HOLDOUT_IMAGES, default 12 of the ~43): whole-image evaluation on one core
        files = data_files("holdout")
        n = int(os.environ.get("EC_HOLDOUT_IMAGES", "12"))
        if 0 < n < len(files):
            files = [files[int(i * len(files) / n)] for i in range(n)]
    else:
        files = sorted(glob.glob(os.path.join(which, "*.png")))
    out = []
    for f in files:
        a = np.asarray(Image.open(f).convert("RGB"))
        out.append((os.path.basename(f)[:-4], torch.from_numpy(a.copy()).permute(2, 0, 1)[None].float() / 255.0))
    return out


def load_eval():
    files = sorted(glob.glob(os.path.join(EVAL_DIR, "*.png")))
    c = int(os.environ.get("EC_EVAL_CROP", "0"))  # testing only: top-left c x c crops
    out = []
    for f in files:
        a = np.asarray(Image.open(f).convert("RGB"))
        if c:
            a = a[:c, :c]
        out.append((os.path.basename(f)[:-4], torch.from_numpy(a.copy()).permute(2, 0, 1)[None].float() / 255.0))
    return out


def psnr_8bit(x, x_hat):
    a = torch.round(x.clamp(0, 1) * 255)
    b = torch.round(x_hat.clamp(0, 1) * 255)
    mse = torch.mean((a - b) ** 2).item()
    return 10 * math.log10(255 ** 2 / max(mse, 1e-10))


@torch.no_grad()
def eval_level(model, images):
    """whole images, real rounding; bpp from likelihoods. returns mean bpp, mean psnr, per-image list"""
    from model import pad64
    model.eval()
    dev = next(model.parameters()).device
    res = []
    for name, x in images:
        x = x.to(dev)
        xp, (H, W) = pad64(x)
        x_hat, lik_y, lik_z, _ = model(xp, training=False)
        x_hat = x_hat[..., :H, :W]
        bits = -(torch.log2(lik_y).sum() + torch.log2(lik_z).sum()).item()
        res.append((name, bits / (H * W), psnr_8bit(x, x_hat)))
    model.train()
    return float(np.mean([r[1] for r in res])), float(np.mean([r[2] for r in res])), res
