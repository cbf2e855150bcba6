#!/bin/bash
# Issue 16's GPU run: the whole family and its transforms continued on CUDA in at most TOTAL_S (540 s = 9 min),
# the result packed into $OUT for the run tool. From the repository root, on the device machine:
#   bash training/gpu/train_family.sh          (run tool: carry ["training/work/gpu"], timeout_s 600)
# A CPU trial of the same path: EC_DEVICE=cpu PY=/usr/bin/python3 OUT=/tmp/x <tiny budgets> bash training/gpu/...
#
# Stages (training/train_all.sh does them, with its resume and stale rules):
#   1. check torch + CUDA; unpack the carried crop pack (training/work/gpu/crops.tar, pack_crops.py) to PNG;
#   2. import the shipped family (models/ec-mshp-v1 -> $EC_CKPT; import_shipped.py);
#   3. continue every level 9..1 from its shipped weights for LEVEL_MORE_MIN minutes (fresh Adam, lr warm-up);
#   4. the 16 phi, top down, each continued from its shipped weights (a plateau stop, PHI_MIN caps);
#   5. the Eq. 13 fine-tune of levels 8..1 (FT_MIN caps, plateau stop), then the R-D tuning of each phi_inter (RD_MIN);
#   6. pack_result.py: stripped checkpoints as ckpt.tar.gz.partNN (<= 15 MiB each), logs.tar.gz, manifest.json,
#      plus this script's own log train_family.log (at most 8 files, 64 MiB).
# Budget arithmetic for TOTAL_S = 540 s (the run tool allows 600 s a command; a device session has 15 minutes with
# the machine's start, so 9 minutes of run leave room for one retry of a short command):
#   setup (torch import, CUDA check, unpack ~500 crops, import_shipped's 9 entropy-bottleneck refits) ~ 40 s
#   levels: 9 x (LEVEL_MORE_MIN 0.25 min = 15 s + ~8 s process start, cuDNN autotuning, data/eval, save)  ~ 207 s
#   phi:   16 x (PHI_MIN / PHI_INTER_MIN cap 0.1 min = 6 s + ~5 s start and latent caches)                    ~ 176 s
#   Eq.13:  8 x (FT_MIN cap 0.08 min = 5 s + ~6 s start, chain caches, held-out measures)                     ~  88 s
#   R-D:    8 x (RD_MIN cap 0.08 min = 5 s + ~5 s start and caches)                                          ~  80 s
#   = ~591 s, more than the guard allows: the last stages (the R-D tuning of the lower phi_inter) are skipped and
#   train_all.sh here finishes them; packing PACK_S = 30 s. The process starts are guesses (CUDA untested here): the time guard
# (EC_DEADLINE = start + TOTAL_S - PACK_S) makes every stage shorten its own budget to end before it and no
# stage start within STAGE_MIN_S of it, so what exists is always packed; skipped stages are named in the log and
# the manifest, and a rerun of train_all.sh on the unpacked directory here finishes them (stale rule).
# Every budget is an env var (a CPU dry run uses seconds): TOTAL_S PACK_S LEVEL_MORE_MIN PHI_MIN PHI_INTER_MIN
# FT_MIN BATCH PHI_BATCH FT_BATCH LOW_LEVEL EC_PHI_POOL EC_PHI_HOLD, and train_all.sh's others.
set -u -o pipefail
T0=$(date +%s)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
if [ -z "${OUT:-}" ]; then
  echo "OUT is not set: the run tool sets it on the device; for a trial set OUT=/tmp/some-empty-folder"; exit 1
fi
mkdir -p "$OUT"
if [ -n "$(ls -A "$OUT")" ]; then echo "OUT=$OUT is not empty: give an empty folder"; exit 1; fi

export PYTHONUNBUFFERED=1
# on the device a plain python3 holds torch 2.11 (KINDS.md); here Debian's /usr/bin/python3 holds torch 1.13
export PY=${PY:-python3}
TOTAL_S=${TOTAL_S:-540}
PACK_S=${PACK_S:-30}
PACK=${PACK:-training/work/gpu}                  # the carried crop pack
WORKDIR=${EC_GPU_WORK:-/tmp/ec-gpu}              # crops as PNG and the checkpoints, on the device's own disk
export EC_DATA=$WORKDIR/data EC_CKPT=$WORKDIR/ckpt
export EC_THREADS=${EC_THREADS:-4}               # CPU-side work only (import refit, crops); the GPU does the rest
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$EC_THREADS} OMP_WAIT_POLICY=PASSIVE
export EC_DEADLINE=$((T0 + TOTAL_S - PACK_S))
# budgets (minutes) and batches: see the arithmetic above
export LEVEL_MORE_MIN=${LEVEL_MORE_MIN:-0.25} LEVEL_MORE_LR=${LEVEL_MORE_LR:-1e-4}
export PHI_MIN=${PHI_MIN:-0.1} PHI_INTER_MIN=${PHI_INTER_MIN:-0.1} FT_MIN=${FT_MIN:-0.08}
# the R-D tuning of the 8 phi_inter comes last: where the guard skips it, train_all.sh here finishes it (stale rule)
export RD_MIN=${RD_MIN:-0.08}
export PHI_EVAL_EVERY=${PHI_EVAL_EVERY:-100} PHI_PATIENCE=${PHI_PATIENCE:-4}
export FT_EVAL_EVERY=${FT_EVAL_EVERY:-50} FT_PATIENCE=${FT_PATIENCE:-3}
# batches 4x the CPU's (levels 4, phi 8, Eq. 13 2): the GPU step costs about the same at these sizes.
# EVAL_EVERY: only each level's final data/eval measurement (whole images of 5 sizes: with cuDNN autotuning every
# new shape costs a search, which a 15-second stage should not pay twice)
export BATCH=${BATCH:-16} PHI_BATCH=${PHI_BATCH:-32} FT_BATCH=${FT_BATCH:-8} EVAL_EVERY=${EVAL_EVERY:-100000}
export EXPORT=0 FROM_SHIPPED=1 FINAL_EVAL=0

main() {
  echo "train_family.sh: start $(date -u +%H:%M:%S) UTC, TOTAL_S=$TOTAL_S, time guard at +$((TOTAL_S - PACK_S)) s"
  echo "budgets: levels ${LEVEL_MORE_MIN} min, phi_intra ${PHI_MIN} / phi_inter ${PHI_INTER_MIN} min, Eq.13 ${FT_MIN} min;" \
    "batches ${BATCH} / ${PHI_BATCH} / ${FT_BATCH}"
  $PY - <<'EOF' || return 1
import os, sys
try:
    import numpy, PIL, torch
except ImportError as e:
    sys.exit("%s: %s lacks it; set PY to a python3 with torch, numpy and Pillow" % (e, sys.executable))
dev = os.environ.get("EC_DEVICE", "")
if not torch.cuda.is_available() and dev != "cpu":
    sys.exit("torch %s sees no CUDA device: this script is for the GPU machine (a CPU trial: EC_DEVICE=cpu)"
             % torch.__version__)
print("python %s, torch %s, numpy %s, device: %s" % (sys.version.split()[0], torch.__version__, numpy.__version__,
      torch.cuda.get_device_name(0) if dev != "cpu" else "cpu (EC_DEVICE=cpu)"))
EOF
  if [ ! -d "$EC_DATA" ]; then
    if [ ! -f "$PACK/crops.tar" ]; then
      echo "no $PACK/crops.tar: run training/gpu/pack_crops.py in the checkout and carry training/work/gpu"; return 1
    fi
    $PY training/gpu/unpack_crops.py --pack "$PACK" --out "$EC_DATA" || return 1
  fi
  echo "setup done at +$(( $(date +%s) - T0 )) s"
  bash training/train_all.sh
  local rc=$?
  echo "train_all.sh ended rc=$rc at +$(( $(date +%s) - T0 )) s"
  return $rc
}

main 2>&1 | tee "$OUT/train_family.log"
RC=${PIPESTATUS[0]}

finish() {  # always pack what exists: a failed or guarded run still returns its finished stages and its logs
  if [ ! -d "$EC_CKPT" ]; then echo "no checkpoint directory $EC_CKPT: nothing to pack"; return 3; fi
  local note
  note=$(printf '{"train_rc": %d, "seconds_training": %d, "total_s": %d, "device": "%s", "budgets": "%s"}' \
    "$RC" $(( $(date +%s) - T0 )) "$TOTAL_S" "${EC_DEVICE:-cuda}" \
    "LEVEL_MORE_MIN=$LEVEL_MORE_MIN PHI_MIN=$PHI_MIN PHI_INTER_MIN=$PHI_INTER_MIN FT_MIN=$FT_MIN BATCH=$BATCH PHI_BATCH=$PHI_BATCH FT_BATCH=$FT_BATCH")
  $PY training/gpu/pack_result.py --ckpt "$EC_CKPT" --out "$OUT" --note "$note" || return 3
  echo "files in \$OUT:"; ls -l "$OUT"
}
finish 2>&1 | tee -a "$OUT/train_family.log"
PRC=${PIPESTATUS[0]}
[ "$RC" = 0 ] && RC=$PRC
echo "train_family.sh: done in $(( $(date +%s) - T0 )) s (rc $RC)" | tee -a "$OUT/train_family.log"
exit $RC
