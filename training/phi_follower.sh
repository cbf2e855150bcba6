#!/bin/bash
# Optional: trains phi_{k->k-1} (k = K..3) as soon as levels k and k-1 are finished, in parallel with the
# remaining level stages of train_all.sh (which skips finished transforms; train_phi.py locks per transform).
cd "$(dirname "$0")"
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
CK=work/ckpt
K=$(/usr/bin/python3 -c 'from model import K; print(K)')
for k in $(seq $K -1 3); do
  while [ ! -f $CK/level$((k-1)).done.json ]; do sleep 20; done
  for t in inter intra; do
    /usr/bin/python3 train_phi.py --kind $t --upper $k --minutes ${PHI_MIN:-1.5} --resume
  done
done
