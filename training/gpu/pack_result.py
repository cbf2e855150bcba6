"""Pack a checkpoint directory for the way back from the device machine ($OUT of the run tool).

  python3 training/gpu/pack_result.py --ckpt /tmp/ec-gpu/ckpt --out "$OUT" [--log FILE]...

What comes back from $OUT is limited: at most 8 files, 16 MiB each, 64 MiB together, names of letters, digits,
'.', '_' and '-'. Training checkpoints are far bigger (Adam moments; ft_level5.pt is 19 MB), so each .pt is stripped
to what export.py, family_eval.py and a later resume need:
* no optimiser state (opt, aux_opt): every stage resumes with a fresh Adam from such a checkpoint;
* conv weights and biases (the tensors model.round_weights_f16 rounds) as F16, exactly what export.py ships;
  GDN, entropy-model and other tensors stay F32;
* ft_level{k}.pt: the tensors equal to level{k}.pt's (g_a and the buffers, frozen in Eq. 13) are left out;
* a finished stage's plateau best_state is left out (it equals the saved model weights).
unpack_result.py reverses all of this (F32 again, shared tensors restored, best_state = model). The stripped files,
the .done.json markers (with their modification times: train_all.sh's stale rule reads them) and imported.json go
into ckpt.tar.gz, split into ckpt.tar.gz.partNN of at most --part-mib (15) MiB; the stage logs and curves into
logs.tar.gz; manifest.json lists every part with its SHA-256. If the parts would pass the 64 MiB total, the
level{k}.pt of levels that also have a finished ft_level{k} are dropped first (export and family_eval use the
fine-tuned one), then the run refuses with a message; it never leaves $OUT over the limits.
"""
import argparse
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import load_ckpt  # noqa: E402

MIB = 2 ** 20
MAX_FILES, MAX_FILE, MAX_TOTAL = 8, 16 * MIB, 64 * MIB
NAME_OK = re.compile(r"^[A-Za-z0-9._-]+$")


def f16_name(name, v):
    # the same selection as model.round_weights_f16 (what export.py writes as F16)
    return (torch.is_tensor(v) and v.is_floating_point() and (name.endswith(".weight") or name.endswith(".bias"))
            and "entropy_bottleneck" not in name)


def strip(path, ckdir, absent=()):
    """the stripped checkpoint as bytes (its ec_packed entry says what was done). absent: files of ckdir that will
    not be packed, so nothing may be shared with them."""
    st = load_ckpt(path)
    base = os.path.basename(path)
    stage = base[:-3]
    done = os.path.exists(os.path.join(ckdir, stage + ".done.json"))
    packed = dict(dropped=[k for k in ("opt", "aux_opt") if k in st], f16=[], shared=[], shared_with=None,
                  best_state_is_model=False)
    for k in packed["dropped"]:
        del st[k]
    model = dict(st["model"])
    m = re.match(r"ft_level(\d+)\.pt$", base)
    lvl = "level%s.pt" % m.group(1) if m else None
    if lvl and lvl not in absent and os.path.exists(os.path.join(ckdir, lvl)):
        lv = load_ckpt(os.path.join(ckdir, "level%s.pt" % m.group(1)))["model"]
        for n in list(model):
            if n in lv and lv[n].shape == model[n].shape and torch.equal(lv[n], model[n]):
                packed["shared"].append(n)
                del model[n]
        packed["shared_with"] = "level%s.pt" % m.group(1)
    for n, v in list(model.items()):
        if f16_name(n, v):
            model[n] = v.half()
            packed["f16"].append(n)
    st["model"] = model
    pl = st.get("plateau")
    if isinstance(pl, dict) and pl.get("best_state") is not None and done:
        st["plateau"] = dict(pl, best_state=None)
        packed["best_state_is_model"] = True
    st["ec_packed"] = packed
    b = io.BytesIO()
    torch.save(st, b)
    return b.getvalue()


def add_bytes(t, name, data, mtime):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime = len(data), int(mtime)
    t.addfile(ti, io.BytesIO(data))


def build_tar(ckdir, names, absent=()):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w:gz", compresslevel=1) as t:
        for n in names:
            p = os.path.join(ckdir, n)
            data = strip(p, ckdir, absent) if n.endswith(".pt") else open(p, "rb").read()
            add_bytes(t, n, data, os.path.getmtime(p))
    return b.getvalue()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--part-mib", type=float, default=15.0)
    ap.add_argument("--reserve-mib", type=float, default=2.0,
                    help="left free of the 64 MiB for files written after this (the run log)")
    ap.add_argument("--note", default="", help="JSON object merged into the manifest (run facts)")
    a = ap.parse_args()
    t0 = time.time()
    ck = a.ckpt
    if not os.path.isdir(ck):
        raise SystemExit("no checkpoint directory %s" % ck)
    os.makedirs(a.out, exist_ok=True)
    for n in ("manifest.json", "logs.tar.gz"):
        if os.path.exists(os.path.join(a.out, n)):
            raise SystemExit("%s already holds %s: give an empty --out" % (a.out, n))
    names = sorted(n for n in os.listdir(ck) if os.path.isfile(os.path.join(ck, n)) and
                   (n.endswith(".pt") or n.endswith(".done.json") or n == "imported.json"))
    # logs and curves (EC_CKPT puts them in <ckpt>/logs)
    lb = io.BytesIO()
    logdir = os.path.join(ck, "logs")
    with tarfile.open(fileobj=lb, mode="w:gz") as t:
        if os.path.isdir(logdir):
            for n in sorted(os.listdir(logdir)):
                p = os.path.join(logdir, n)
                if os.path.isfile(p):
                    add_bytes(t, "logs/" + n, open(p, "rb").read(), os.path.getmtime(p))
    logs = lb.getvalue()
    existing = [n for n in os.listdir(a.out) if os.path.isfile(os.path.join(a.out, n))]
    used = sum(os.path.getsize(os.path.join(a.out, n)) for n in existing) + len(logs) + 64 * 1024 + a.reserve_mib * MIB
    part = int(a.part_mib * MIB)
    slots = MAX_FILES - len(existing) - 2 - (0 if "train_family.log" in existing else 1)  # logs + manifest (+ log)
    dropped = []
    blob = build_tar(ck, names)
    n_parts = -(-len(blob) // part)
    if used + len(blob) > MAX_TOTAL or n_parts > slots:
        # export and family_eval use ft_level{k} where it is finished: its level{k}.pt is what can go
        dropped = [n for n in names if re.match(r"level\d+\.pt$", n) and
                   "ft_" + n[:-3] + ".done.json" in names and "ft_" + n in names]
        keep = [n for n in names if n not in dropped]
        blob = build_tar(ck, keep, absent=dropped)  # their ft files are then packed whole
        n_parts = -(-len(blob) // part)
        if used + len(blob) > MAX_TOTAL or n_parts > slots:
            raise SystemExit("the checkpoints come to %.1f MiB even without %d level files: over what $OUT can "
                             "bring back (64 MiB, 8 files); nothing packed" % (len(blob) / MIB, len(dropped)))
        print("pack_result: %.1f MiB too much: left out %s (their ft_level is what export uses)" % (
            len(blob) / MIB, ", ".join(dropped)), flush=True)
    parts = []
    for i in range(n_parts):
        data = blob[i * part:(i + 1) * part]
        name = "ckpt.tar.gz.part%02d" % i
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(data)
        parts.append(dict(name=name, bytes=len(data), sha256=sha256(data)))
    with open(os.path.join(a.out, "logs.tar.gz"), "wb") as f:
        f.write(logs)
    manifest = dict(format="ec-gpu-result-1", made_utc=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    torch=torch.__version__, parts=parts, tar_bytes=len(blob), tar_sha256=sha256(blob),
                    files=[n for n in names if n not in dropped], left_out=dropped,
                    done=[n[:-10] for n in names if n.endswith(".done.json")],
                    logs=dict(name="logs.tar.gz", bytes=len(logs), sha256=sha256(logs)))
    if a.note:
        manifest.update(json.loads(a.note))
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    check_out(a.out, a.reserve_mib)
    print("pack_result: %d stage files (%d done markers) -> %d parts, %.1f MiB in %.0f s" % (
        len(manifest["files"]), len(manifest["done"]), len(parts), len(blob) / MIB, time.time() - t0), flush=True)


def check_out(out, reserve_mib=0.0):
    """$OUT against the run tool's limits; raises when broken (the reserve is for the log still being written)."""
    files = []
    for root, dirs, fs in os.walk(out):
        depth = os.path.relpath(root, out).count(os.sep) + (0 if root == out else 1)
        for n in dirs + fs:
            if not NAME_OK.match(n):
                raise SystemExit("$OUT name %r has characters the run tool will not bring back" % n)
        if fs and depth > 2:
            raise SystemExit("$OUT has files more than 2 folders down: %s" % root)
        files += [os.path.join(root, n) for n in fs]
    sizes = [os.path.getsize(p) for p in files]
    if len(files) > MAX_FILES or max(sizes or [0]) > MAX_FILE or sum(sizes) + reserve_mib * MIB > MAX_TOTAL:
        raise SystemExit("$OUT breaks the limits: %d files, largest %.1f MiB, %.1f MiB together (max 8, 16, 64)" % (
            len(files), max(sizes or [0]) / MIB, sum(sizes) / MIB))
    return len(files), sum(sizes)


if __name__ == "__main__":
    main()
