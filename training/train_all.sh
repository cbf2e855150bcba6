#!/bin/bash
# Runs every stage in order; finished stages (training/work/ckpt/*.done.json) are skipped,
# interrupted ones resume from their checkpoint. Budgets in minutes (override via env).
#   nohup training/train_all.sh > training/work/logs/train_all.log 2>&1 &
cd "$(dirname "$0")"
PY=/usr/bin/python3
# passive OpenMP waits: 2x faster than spinning when the 2 cores are shared with other jobs
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
TOP_MIN=${TOP_MIN:-45}      # level 6 from scratch
LOW_MIN=${LOW_MIN:-5}       # each lower level, fine-tuned from its upper neighbour
PHI_MIN=${PHI_MIN:-1}     # each phi transform
FT_MIN=${FT_MIN:-0}         # Eq. 13 fine-tune per level (0 = skip)
CK=work/ckpt
mkdir -p $CK work/logs
[ -d work/data ] || ./prepare_data.sh

run_level() {  # level init minutes lr
  local k=$1 init=$2 min=$3 lr=$4
  if [ -f $CK/level$k.done.json ]; then echo "level $k done, skipping"; return 0; fi
  local res=""; [ -f $CK/level$k.pt ] && res="--resume"
  $PY train_level.py --level $k --init $init --minutes $min --lr $lr --batch ${BATCH:-4} --eval-every ${EVAL_EVERY:-500} $res || exit 1
  $PY export.py --levels $k || echo "export of level $k failed (rerun training/export.py)"
}

run_level 6 0 $TOP_MIN 5e-4
for k in 5 4 3 2 1; do run_level $k $((k+1)) $LOW_MIN 2e-4; done

for k in 6 5 4 3 2; do
  for t in inter intra; do
    if [ -f $CK/phi_${t}_${k}to$((k-1)).done.json ]; then continue; fi
    $PY train_phi.py --kind $t --upper $k --minutes $PHI_MIN --resume || exit 1
  done
done
$PY export.py --phi || echo "phi export failed"

if [ "$FT_MIN" != "0" ]; then
  for k in 5 4 3 2 1; do
    [ -f $CK/ft_level$k.done.json ] && continue
    $PY train_phi.py --finetune-level $k --minutes $FT_MIN --resume || exit 1
  done
  $PY export.py --all || true
fi
$PY export.py --all --eval || echo "final export failed"
echo "ALL STAGES DONE"
