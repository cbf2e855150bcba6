#!/bin/bash
# attempt 2: attempt 1's level 1 (548 steps at lambda 0.0000795, under contention) trained on to 32 minutes in all,
# then its dependents again, as in run.sh (phi_inter 2->1 from its attempt-1 Eq. 12 weights)
set -e
cd "$(dirname "$0")/../.."
export EC_CKPT=$PWD/work/ckpt-l1 OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
export EC_LAMBDAS=0.0000795,0.000225,0.00045,0.0009,0.0018,0.0035,0.0067,0.0130,0.0250
PY="nice /usr/bin/python3"
$PY train_level.py --level 1 --resume --minutes 32 --lr 2e-4 --batch 4 --no-eval --ckpt-dir $EC_CKPT --threads 1
for t in inter intra; do
  $PY train_phi.py --kind $t --upper 2 --minutes 8 --eval-every 100 --patience 6 --resume --restart
done
rm -f $EC_CKPT/ft_level1.done.json $EC_CKPT/ft_level1.pt
$PY train_phi.py --finetune-level 1 --minutes 5 --eval-every 50 --patience 4 --resume
rm -f $EC_CKPT/phi_inter_2to1.eq12.pt $EC_CKPT/phi_inter_2to1.rd.done.json
$PY train_phi_rd.py --upper 2 --minutes 5 --lr 2e-4 --anchor 0.5
$PY family_eval.py measure --ckpt work/ckpt-l1 --images holdout --out results/issue16d/family_l1b_holdout.json
$PY phi_headroom.py --pairs 2 --out results/issue16d/headroom_l1b_2to1.json
echo PIPELINE DONE
