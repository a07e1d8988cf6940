#!/usr/bin/env bash
# Measures avain at research-project scale against the raw limits of its
# parts and prints one table (see "Benchmarks" in the README).
#   bench/run.sh                 100 transcripts, about 1 M words
#   bench/run.sh --large         1,000 transcripts, about 10 M words
#   bench/run.sh --docs N [--seed S] [--keep] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for a in "$@"; do
  if [ "$a" = "--large" ]; then args+=(--docs 1000); else args+=("$a"); fi
done
scripts/deps
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
CGO_ENABLED=0 go build -o "$bin/avain" ./cmd/avain
CGO_ENABLED=0 go build -o "$bin/avain-bench" ./cmd/avain-bench
"$bin/avain-bench" run --avain "$bin/avain" "${args[@]}"
