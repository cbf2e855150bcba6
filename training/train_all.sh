#!/bin/bash
# Runs every stage in order; finished stages (training/work/ckpt/*.done.json) are skipped,
# interrupted ones resume from their checkpoint. Budgets in minutes (override via env).
#   nohup training/train_all.sh > training/work/logs/train_all.log 2>&1 &
# Training longer later: rerun with a larger TOP_MIN. The top level then resumes from its checkpoint up to the new
# budget, and every stage downstream of a changed stage (newer .done.json) is retrained from its new input.
cd "$(dirname "$0")"
PY=${PY:-/usr/bin/python3}  # the GPU machine's torch lives in its own python3 (training/gpu/train_family.sh sets PY)
# passive OpenMP waits: 2x faster than spinning when the 2 cores are shared with other jobs
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
TOP_MIN=${TOP_MIN:-60}      # the chain's top (the root, model.ROOT_LAMBDA) from scratch (total, including earlier runs)
LOW_MIN=${LOW_MIN:-7}       # each lower level, fine-tuned from its upper neighbour
# phi stop on a plateau of their held-out regression loss (train_phi.py); these minutes are only safety caps
PHI_MIN=${PHI_MIN:-20}      # cap of each phi_intra transform
PHI_INTER_MIN=${PHI_INTER_MIN:-20}  # cap of each phi_inter
PHI_EVAL_EVERY=${PHI_EVAL_EVERY:-100}  # steps between held-out measurements
PHI_PATIENCE=${PHI_PATIENCE:-6}        # measurements without a 0.5 % gain before the lr drop / the stop
FT_MIN=${FT_MIN:-10}        # cap of the Eq. 13 fine-tune per level (0 = skip); it also stops on a held-out plateau
FT_EVAL_EVERY=${FT_EVAL_EVERY:-50}
FT_PATIENCE=${FT_PATIENCE:-4}
# after the Eq. 13 fine-tune: each phi_inter R-D tuned against the level that codes its output (train_phi_rd.py, v8;
# cap per phi_inter in minutes, 0 = skip); redone when the phi_inter's Eq. 12 training or level k-1 changed
RD_MIN=${RD_MIN:-5}
RD_LR=${RD_LR:-2e-4}
# An imported family (imported.json) keeps its levels unless LEVEL_MORE_MIN > 0: then every level K..LOW_LEVEL is
# continued from its own weights for that many minutes in all (train_level.py --resume; a fresh Adam with an lr
# warm-up, since the shipped weights come without optimiser state), which makes its phi and Eq. 13 stages stale.
LEVEL_MORE_MIN=${LEVEL_MORE_MIN:-0}
LEVEL_MORE_LR=${LEVEL_MORE_LR:-1e-4}  # below the 2e-4 the levels were trained at: these weights are already trained
LOW_LEVEL=${LOW_LEVEL:-1}   # the lowest level any stage touches (a quick trial of the top of the chain: e.g. 7)
# PHI_BATCH / FT_BATCH: batch of the phi / Eq. 13 stages (train_phi.py's defaults 8 / 2 when unset); BATCH: levels
EXPORT=${EXPORT:-1}         # 0: no exports at all (the GPU run: export happens after the way back)
# EC_DEADLINE (Unix time): the time guard of a fixed-length run. No stage starts later than STAGE_MIN_S seconds before
# it, and every stage shortens its own budget to end before it (common.stage_budget); the rest is skipped.
STAGE_MIN_S=${STAGE_MIN_S:-20}
# FROM_SHIPPED=1 (default): a checkpoint directory without level K starts from the shipped weights
# (import_shipped.py). Such a family keeps its levels (no root, no level retraining here) and trains its phi
# (from the shipped ones) and the Eq. 13 fine-tune; exports then go to EC_OUT, by default a side directory.
FROM_SHIPPED=${FROM_SHIPPED:-1}
SHIPPED=${SHIPPED:-../models/ec-mshp-v1}
TOP_LR=${TOP_LR:-2e-4}
TOP_INIT_KLT=${TOP_INIT_KLT:-10}  # > 0: the top starts as the 8x8 block KLT with this latent gain (klt.py); 0 = random
CK=${EC_CKPT:-work/ckpt}   # EC_CKPT: a side directory for trial runs (with EC_OUT and EC_RES for the export)
# shipped levels 1..K, K the best (model.LAMBDAS); the chain trains KT = K + 1 levels when it has a root
read K KT < <($PY -c 'from model import K, TRAIN_LAMBDAS; print(K, len(TRAIN_LAMBDAS))')
[ -n "$K" ] || { echo "$PY cannot import training/model.py: set PY to a python3 with torch, numpy and Pillow"; exit 1; }
mkdir -p $CK work/logs
if [ -n "$EC_DATA" ]; then
  [ -d "$EC_DATA" ] || { echo "EC_DATA=$EC_DATA is no directory: unset it (training/work/data) or unpack the crops there"; exit 1; }
else
  [ -d work/data ] || ./prepare_data.sh
fi
if [ "$FROM_SHIPPED" = 1 ] && [ ! -f $CK/level$K.pt ] && [ -f $SHIPPED/card.json ]; then
  $PY import_shipped.py --src $SHIPPED --out $CK || exit 1
fi
IMPORTED=0; [ -f $CK/imported.json ] && IMPORTED=1
if [ $IMPORTED = 1 ] && [ -z "$EC_OUT" ]; then
  # never export a continued family over the shipped one: replacing models/ is decided on the held-out comparison
  export EC_OUT=$PWD/work/ec-next EC_RES=${EC_RES:-$PWD/work/results-next}
fi
[ -n "$EC_OUT" ] && echo "exports go to $EC_OUT"

seconds_of() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$1"; }
# true when level marker $1 records a continuation of at least $2 minutes (train_level.py writes continued_minutes)
continued_enough() {
  $PY -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])).get("continued_minutes", 0) < float(sys.argv[2]) - 1e-6)' "$1" "$2"
}

GUARDED=0
guard() {  # true when stage $1 may start before the time guard (EC_DEADLINE)
  [ -z "$EC_DEADLINE" ] && return 0
  [ $GUARDED = 1 ] && return 1
  if [ $(( $(date +%s) + STAGE_MIN_S )) -gt ${EC_DEADLINE%.*} ]; then
    echo "time guard: $1 and every later stage skipped (EC_DEADLINE in $(( ${EC_DEADLINE%.*} - $(date +%s) )) s)"
    GUARDED=1; return 1
  fi
  return 0
}

# true when marker $1 is older than any existing marker among the rest
stale() {
  local marker=$1; shift
  local d
  for d in "$@"; do [ -f "$d" ] && [ "$d" -nt "$marker" ] && return 0; done
  return 1
}

run_level() {  # level init minutes lr
  local k=$1 init=$2 min=$3 lr=$4 done=$CK/level$1.done.json
  if [ -f $done ]; then
    if [ $init = 0 ] && [ "$(seconds_of $done)" -lt $((min * 60 - 60)) ]; then
      echo "level $k: extending to $min min"; rm -f $done
    elif [ $init != 0 ] && stale $done $CK/level$init.done.json; then
      echo "level $k: level $init changed, fine-tuning again"; rm -f $done $CK/level$k.pt
    else
      echo "level $k done, skipping"; return 0
    fi
  fi
  guard "level $k" || return 0
  local res=""; [ -f $CK/level$k.pt ] && res="--resume"
  local klt=""; [ $init = 0 ] && [ "$TOP_INIT_KLT" != "0" ] && klt="--init-klt $TOP_INIT_KLT"
  $PY train_level.py --level $k --init $init --minutes $min --lr $lr --batch ${BATCH:-4} --eval-every ${EVAL_EVERY:-500} $res $klt || exit 1
  if [ $k -le $K ] && [ $EXPORT = 1 ]; then  # the root is not shipped
    $PY export.py --levels $k || echo "export of level $k failed (rerun training/export.py)"
  fi
}

more_level() {  # an imported level continued from its own weights (LEVEL_MORE_MIN minutes in all)
  local k=$1
  if [ -f $CK/level$k.done.json ] && continued_enough $CK/level$k.done.json $LEVEL_MORE_MIN; then
    echo "level $k continued for $LEVEL_MORE_MIN min already, skipping"; return 0
  fi
  guard "level $k (continued)" || return 0
  $PY train_level.py --level $k --minutes $LEVEL_MORE_MIN --lr $LEVEL_MORE_LR --batch ${BATCH:-4} \
    --eval-every ${EVAL_EVERY:-500} --resume || exit 1
  if [ $EXPORT = 1 ]; then
    $PY export.py --levels $k || echo "export of level $k failed (rerun training/export.py)"
  fi
}

if [ $IMPORTED = 0 ]; then
  run_level $KT 0 $TOP_MIN $TOP_LR
  for k in $(seq $((KT-1)) -1 $LOW_LEVEL); do run_level $k $((k+1)) $LOW_MIN 2e-4; done
elif [ "$LEVEL_MORE_MIN" != 0 ]; then
  for k in $(seq $K -1 $LOW_LEVEL); do more_level $k; done
fi

for k in $(seq $K -1 $((LOW_LEVEL+1))); do
  for t in inter intra; do
    name=phi_${t}_${k}to$((k-1))
    restart=""
    if [ -f $CK/$name.done.json ]; then
      if stale $CK/$name.done.json $CK/level$k.done.json $CK/level$((k-1)).done.json \
          $CK/phi_inter_$((k+1))to$k.done.json $CK/phi_intra_$((k+1))to$k.done.json; then
        if [ $IMPORTED = 1 ] && [ -f $CK/$name.pt ]; then
          # a continued family: the phi go on from their current weights (train_phi.py --restart: step 0, fresh
          # Adam at --lr-continue, fresh plateau state), not from a channel copy
          echo "$name: inputs changed, training again from its current weights"; restart="--restart"
        else
          echo "$name: inputs changed, training again"; rm -f $CK/$name.done.json $CK/$name.pt
        fi
      else
        continue
      fi
    fi
    guard $name || continue
    min=$PHI_MIN; [ $t = inter ] && min=$PHI_INTER_MIN
    $PY train_phi.py --kind $t --upper $k --minutes $min --eval-every $PHI_EVAL_EVERY --patience $PHI_PATIENCE \
      ${PHI_BATCH:+--batch $PHI_BATCH} --resume $restart || exit 1
  done
done
if [ $EXPORT = 1 ]; then
  $PY export.py --phi || echo "phi export failed"
fi

if [ "$FT_MIN" != "0" ]; then
  for k in $(seq $((K-1)) -1 $LOW_LEVEL); do
    name=ft_level$k
    if [ -f $CK/$name.done.json ]; then
      if stale $CK/$name.done.json $CK/level$k.done.json $CK/phi_inter_$((k+1))to$k.done.json \
          $CK/phi_intra_$((k+1))to$k.done.json; then
        rm -f $CK/$name.done.json $CK/$name.pt
      else
        continue
      fi
    fi
    guard $name || continue
    $PY train_phi.py --finetune-level $k --minutes $FT_MIN --eval-every $FT_EVAL_EVERY --patience $FT_PATIENCE \
      ${FT_BATCH:+--batch $FT_BATCH} --resume || exit 1
  done
fi
if [ "$RD_MIN" != "0" ]; then
  for k in $(seq $K -1 $((LOW_LEVEL+1))); do
    name=phi_inter_${k}to$((k-1))
    [ -f $CK/$name.done.json ] || continue  # no Eq. 12 phi_inter to tune (a guarded run skipped it)
    if [ -f $CK/$name.rd.done.json ]; then
      if stale $CK/$name.rd.done.json $CK/$name.done.json $CK/level$((k-1)).done.json $CK/ft_level$((k-1)).done.json; then
        # the tuning starts again from the Eq. 12 weights: the new ones where the phi_inter was trained again (its
        # .done.json is newer than the kept copy), else the kept copy train_phi_rd.py made before tuning
        echo "$name: R-D tuning again, its inputs changed"
        if [ ! -f $CK/$name.eq12.pt ] || [ $CK/$name.done.json -nt $CK/$name.eq12.pt ]; then
          rm -f $CK/$name.eq12.pt
        else
          cp $CK/$name.eq12.pt $CK/$name.pt
        fi
        rm -f $CK/$name.rd.done.json
      else
        continue
      fi
    fi
    guard "$name R-D" || continue
    $PY train_phi_rd.py --upper $k --minutes $RD_MIN --lr $RD_LR || exit 1
  done
fi
# FINAL_EVAL=0: export without the data/eval tables (eval_reference.py: JPEG/WebP curves, every hop), e.g. when the
# held-out comparison (family_eval.py) has to run on the same core first
if [ $EXPORT = 0 ]; then
  echo "no export (EXPORT=0)"
elif [ "${FINAL_EVAL:-1}" = 1 ]; then
  $PY export.py --all --eval || echo "final export failed"
else
  $PY export.py --all || echo "final export failed"
fi
if [ $GUARDED = 1 ]; then
  echo "STOPPED BY THE TIME GUARD: the stages above that ran are finished, the rest were not started"
else
  echo "ALL STAGES DONE"
fi
