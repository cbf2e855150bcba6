#!/usr/bin/env bash
# The README's test command: installs what the tests need when missing, runs every test project,
# and ends with one line "N passed, N failed" summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need_apt=()
# Python smoke test of the training pipeline needs Debian's torch/numpy/PIL.
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c "import torch, numpy, PIL" >/dev/null 2>&1; then
  need_apt+=(python3-torch python3-numpy python3-pil)
fi
# `eval --anchors` tests code JPEG and WebP with Debian's command-line tools.
if ! command -v cjpeg >/dev/null 2>&1 || ! command -v djpeg >/dev/null 2>&1; then need_apt+=(libjpeg-turbo-progs); fi
if ! command -v cwebp >/dev/null 2>&1 || ! command -v dwebp >/dev/null 2>&1; then need_apt+=(webp); fi
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing ${need_apt[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}") >/dev/null 2>&1 \
    || echo "test.sh: could not install ${need_apt[*]}; the tests that need them will fail"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The clustered-runtime tests start their own Akka.Cluster members on free 127.0.0.1 ports: nothing to install.
dotnet build EdgeCascade.sln -c Release -v q -nologo 2>&1 | tail -n 20
build_rc=${PIPESTATUS[0]}
if [ "$build_rc" -ne 0 ]; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test EdgeCascade.sln -c Release --no-build -nologo 2>&1 | tee "$log"
test_rc=${PIPESTATUS[0]}

passed=0; failed=0
while IFS= read -r line; do
  p=$(sed -n 's/.*Passed: *\([0-9]\+\).*/\1/p' <<<"$line")
  f=$(sed -n 's/.*Failed: *\([0-9]\+\).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done < <(grep -E '^(Passed|Failed)!' "$log")

extra_failed=0
if [ -f training/smoke_test.sh ] && [ -x /usr/bin/python3 ]; then
  if bash training/smoke_test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); extra_failed=1; fi
fi

if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$test_rc" -eq 0 ] && [ "$extra_failed" -eq 0 ]
