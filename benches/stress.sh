#!/usr/bin/env bash
# Long crash-safety run: eight `quorum simulate` processes answer one project in a
# release build while random ones are killed with SIGKILL and restarted. Prints the
# machine, then answers per second and kills survived; every acknowledged answer is
# checked against the log as in tests/stress.rs.
#
# Usage: benches/stress.sh [ANSWERS_PER_PROCESS] [ITEMS] [MEAN_MS_BETWEEN_KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."

answers="${1:-5000}"
items="${2:-15000}"
kill_ms="${3:-200}"

echo "machine: $(nproc) CPUs; $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
echo "run: 8 processes x ${answers} answers, ${items} items, redundancy 3, a kill every ~${kill_ms} ms"

QUORUM_STRESS_ANSWERS="$answers" \
QUORUM_STRESS_ITEMS="$items" \
QUORUM_STRESS_KILL_MS="$kill_ms" \
QUORUM_STRESS_DEADLINE_S=1800 \
    cargo test --release --test stress -- --nocapture 2>&1 | grep -E '^stress:|^test |panicked|FAILED'
