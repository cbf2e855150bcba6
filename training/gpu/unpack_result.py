"""The way back: the files of a GPU run ($OUT, fetched by the run tool) -> a checkpoint directory here.

  /usr/bin/python3 training/gpu/unpack_result.py DIR [--out training/work/ckpt-gpu]

DIR holds manifest.json, ckpt.tar.gz.partNN and logs.tar.gz (pack_result.py). The parts are checked against their
SHA-256, joined and unpacked; every stripped checkpoint is made whole again in the usual format (F32 weights, the
Eq. 13 checkpoint's shared tensors taken from its level file, a finished stage's plateau best_state = its weights;
no optimiser state, so a resumed stage starts a fresh Adam). Modification times are kept (train_all.sh's stale
rule). Logs go to <out>/logs, where EC_CKPT=<out> puts them. The output folder must be new or empty.
Then (training/README.md, "GPU run"): EC_CKPT=<out> EC_OUT=... EC_RES=... export.py --all; family_eval.py measure.
"""
import argparse
import hashlib
import io
import json
import os
import sys
import tarfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import WORK  # noqa: E402


def safe_members(t):
    for m in t.getmembers():
        if not m.isfile() or m.name.startswith("/") or ".." in m.name.split("/"):
            raise SystemExit("unexpected entry %r in the result: not unpacked" % m.name)
        yield m


def restore(st, shared_models):
    p = st.pop("ec_packed")
    model = dict(st["model"])
    for n in p["f16"]:
        model[n] = model[n].float()
    if p["shared"]:
        src = shared_models.get(p["shared_with"])
        if src is None:
            raise SystemExit("%s is needed for the shared tensors but is not in the result" % p["shared_with"])
        for n in p["shared"]:
            model[n] = src[n].clone()
    st["model"] = model
    if p["best_state_is_model"]:
        st["plateau"]["best_state"] = {k: v.clone() for k, v in model.items()}
    return st


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", help="the fetched $OUT of the run (manifest.json, ckpt.tar.gz.partNN, logs.tar.gz)")
    ap.add_argument("--out", default=os.path.join(WORK, "ckpt-gpu"))
    a = ap.parse_args()
    mp = os.path.join(a.dir, "manifest.json")
    if not os.path.isfile(mp):
        raise SystemExit("no %s: give the folder the run tool fetched ($OUT of train_family.sh)" % mp)
    man = json.load(open(mp))
    if man.get("format") != "ec-gpu-result-1":
        raise SystemExit("%s is not a pack_result.py manifest" % mp)
    if os.path.isdir(a.out) and os.listdir(a.out):
        raise SystemExit("%s is not empty: give a new --out (nothing is written over an existing checkpoint)" % a.out)
    blob = b""
    for p in man["parts"]:
        path = os.path.join(a.dir, p["name"])
        if not os.path.isfile(path):
            raise SystemExit("missing part %s: fetch every file of the run" % path)
        data = open(path, "rb").read()
        if hashlib.sha256(data).hexdigest() != p["sha256"]:
            raise SystemExit("%s is damaged (SHA-256 differs from manifest.json): fetch it again" % path)
        blob += data
    if hashlib.sha256(blob).hexdigest() != man["tar_sha256"]:
        raise SystemExit("the joined parts differ from the packed tar: fetch every part again")
    os.makedirs(a.out, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as t:
        members = list(safe_members(t))
        raw = {m.name: (t.extractfile(m).read(), m.mtime) for m in members}
    # level files first: the ft checkpoints take their shared tensors from them
    order = sorted(raw, key=lambda n: (not n.startswith("level"), n))
    models = {}
    for n in order:
        data, mtime = raw[n]
        path = os.path.join(a.out, n)
        if n.endswith(".pt"):
            st = torch.load(io.BytesIO(data), map_location="cpu", weights_only=False)
            if "ec_packed" in st:
                st = restore(st, models)
            if n.startswith("level"):
                models[n] = st["model"]
            torch.save(st, path)
        else:
            with open(path, "wb") as f:
                f.write(data)
        os.utime(path, (mtime, mtime))
    lp = os.path.join(a.dir, "logs.tar.gz")
    n_logs = 0
    if os.path.isfile(lp):
        with tarfile.open(lp) as t:
            for m in safe_members(t):
                dst = os.path.join(a.out, m.name)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                with open(dst, "wb") as f:
                    f.write(t.extractfile(m).read())
                os.utime(dst, (m.mtime, m.mtime))
                n_logs += 1
    done = man.get("done", [])
    print("unpacked %d files (%d finished stages, %d logs) into %s%s" % (
        len(raw), len(done), n_logs, a.out,
        "; left out by the packer: %s" % ", ".join(man["left_out"]) if man.get("left_out") else ""))


if __name__ == "__main__":
    main()
