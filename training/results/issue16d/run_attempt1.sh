#!/bin/bash
# level 1 at lambda_1 = 0.0001125 / sqrt(2), then what depends on it (mirrors train_all.sh's stale rules by hand)
set -e
cd "$(dirname "$0")/../.."
export EC_CKPT=$PWD/work/ckpt-l1 OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
export EC_LAMBDAS=0.0000795,0.000225,0.00045,0.0009,0.0018,0.0035,0.0067,0.0130,0.0250
PY="nice /usr/bin/python3"
$PY train_level.py --level 1 --resume --minutes 12 --lr 2e-4 --batch 4 --no-eval --ckpt-dir $EC_CKPT --threads 1
for t in inter intra; do
  $PY train_phi.py --kind $t --upper 2 --minutes 8 --eval-every 100 --patience 6 --resume --restart
done
rm -f $EC_CKPT/ft_level1.done.json $EC_CKPT/ft_level1.pt
$PY train_phi.py --finetune-level 1 --minutes 5 --eval-every 50 --patience 4 --resume
rm -f $EC_CKPT/phi_inter_2to1.eq12.pt $EC_CKPT/phi_inter_2to1.rd.done.json
$PY train_phi_rd.py --upper 2 --minutes 5 --lr 2e-4 --anchor 0.5
echo PIPELINE DONE
