#!/usr/bin/env bash
# Times `quorum agree` and `quorum aggregate` on the one-million-answer synthetic data
# set next to the Python peers (crowd-kit 1.4.2, krippendorff 0.9.0, statsmodels) on the
# same file, and prints a Markdown table of wall time, peak RSS and accuracy.
#
# Usage: benches/stats/run.sh [WORK_DIR]
#   PEERS_VENV       virtual environment with the peers (default /tmp/peers); created
#                    with the pinned versions below when missing
#   PEER_TIMEOUT_S   wall-clock limit per peer command in seconds (default 300)
#   SLOW_ITEMS       when set, GLAD and MACE (Quorum and crowd-kit alike) run only on
#                    the items with ids below this number. crowd-kit takes many minutes
#                    on the full set. The table gives the data size of every row.
#   LIVE_UPDATES     timed LiveAgreement updates (default 100000)
#   REPEAT           runs of each command, of which the median wall time is kept
#                    (default 3; commands over 20 s run once)
#   METHODS          when set, only these rows run, separated by spaces: aggregation
#                    methods (for example "majority wawa dawid-skene"), "agree" for the
#                    agreement rows and "live" for the live-update row
#
# Setup: the peak memory comes from GNU time's `-v` report. On Debian or Ubuntu install
# it with `apt-get install time`; the script stops with this hint when /usr/bin/time is
# missing. The peers need Python 3.10 or later with `venv`.
#
# Each Quorum command runs right before the peer it is compared with, so that both see
# the same machine load.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${1:-/tmp/quorum-stats-bench}"
PEERS_VENV="${PEERS_VENV:-/tmp/peers}"
PEER_TIMEOUT_S="${PEER_TIMEOUT_S:-300}"
SLOW_ITEMS="${SLOW_ITEMS:-}"
LIVE_UPDATES="${LIVE_UPDATES:-100000}"
REPEAT="${REPEAT:-3}"
PY="$PEERS_VENV/bin/python"
QUORUM="$ROOT/target/release/quorum"

if [ ! -x /usr/bin/time ]; then
    echo "GNU time is missing at /usr/bin/time; install it with: apt-get install time" >&2
    exit 1
fi
if [ ! -x "$PY" ]; then
    echo "Creating the peer environment in $PEERS_VENV" >&2
    python3 -m venv "$PEERS_VENV"
    "$PEERS_VENV/bin/pip" install --quiet crowd-kit==1.4.2 "pandas>=2.2,<2.3" "scikit-learn>=1.5,<1.6" \
        krippendorff==0.9.0 statsmodels
fi
mkdir -p "$WORK"

cargo build --release --manifest-path "$ROOT/Cargo.toml" >&2
"$QUORUM" synth --out "$WORK" >&2
ANSWERS="$WORK/synthetic_answers.csv"
GOLD="$WORK/synthetic_gold.csv"
FULL_DATA="$(($(wc -l <"$ANSWERS") - 1))"

# The subset for GLAD and MACE: the header and the rows of items with smaller ids.
SLOW_ANSWERS="$ANSWERS" SLOW_GOLD="$GOLD" SLOW_DATA="$FULL_DATA"
if [ -n "$SLOW_ITEMS" ]; then
    SLOW_ANSWERS="$WORK/subset_answers.csv" SLOW_GOLD="$WORK/subset_gold.csv"
    awk -F, -v n="$SLOW_ITEMS" 'NR == 1 || $1 + 0 < n' "$ANSWERS" >"$SLOW_ANSWERS"
    awk -F, -v n="$SLOW_ITEMS" 'NR == 1 || $1 + 0 < n' "$GOLD" >"$SLOW_GOLD"
    SLOW_DATA="$(($(wc -l <"$SLOW_ANSWERS") - 1))"
fi

# measure NAME DATA TIMEOUT CMD...: runs CMD under /usr/bin/time -v and records
# "NAME<TAB>wall seconds<TAB>CPU seconds<TAB>peak RSS in MiB<TAB>status<TAB>DATA" in
# $WORK/times.tsv, where DATA is the number of answers in the input file. CPU time is
# user plus system time over all threads; it moves less than wall time when other
# processes load the machine. The wall time is taken with nanosecond timestamps, since
# GNU time rounds it to 0.01 s and the fastest commands take about 0.1 s, less the time
# that `timeout` and GNU time themselves take ($WRAPPER_S, measured below).
#
# A command runs REPEAT times and the run with the median wall time is recorded. A run
# that fails, hits the limit or takes over 20 s is not repeated.
measure() {
    local name="$1" data="$2" limit="$3"
    shift 3
    local runs="$WORK/$name.runs" run
    : >"$runs"
    for ((run = 1; run <= REPEAT; run++)); do
        local log="$WORK/$name.time" status=ok start end wall cpu rss
        start=$(date +%s.%N)
        if ! timeout "$limit" /usr/bin/time -v "$@" >"$WORK/$name.out" 2>"$log"; then
            status="failed or stopped at the ${limit} s limit"
        fi
        end=$(date +%s.%N)
        wall=$(awk -v start="$start" -v end="$end" -v wrapper="$WRAPPER_S" 'BEGIN { printf "%.3f", end - start - wrapper }')
        cpu=$(awk -F': ' '/User time|System time/ {sum += $2} END {if (NR) printf "%.2f", sum}' "$log")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "${cpu:-NA}" "${rss:-NA}" "$status" "$data" >>"$runs"
        echo "$name run $run: $wall s wall, ${cpu:-NA} s CPU, ${rss:-NA} MiB, $status" >&2
        if [ "$status" != ok ] || awk -v wall="$wall" 'BEGIN { exit !(wall > 20) }'; then
            break
        fi
    done
    sort -t "$(printf '\t')" -k2,2g "$runs" | awk -v n="$(wc -l <"$runs")" 'NR == int((n + 1) / 2)' >>"$WORK/times.tsv"
}

: >"$WORK/times.tsv"

# The wrappers' own cost, the median of nine runs of `true` under them: about 5 ms, which
# is several percent of the fastest commands.
WRAPPER_S=$(for _ in 1 2 3 4 5 6 7 8 9; do
    start=$(date +%s.%N)
    timeout 10 /usr/bin/time -v true 2>/dev/null
    end=$(date +%s.%N)
    awk -v start="$start" -v end="$end" 'BEGIN { printf "%.6f\n", end - start }'
done | sort -g | sed -n 5p)
echo "wrapper time subtracted from every wall time: $WRAPPER_S s" >&2
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# selected NAME: succeeds when METHODS is unset or lists NAME.
selected() {
    [ -z "${METHODS:-}" ] || [[ " $METHODS " == *" $1 "* ]]
}

# Agreement. Quorum computes every statistic in one run, which is compared with each
# peer's single statistic.
if selected agree; then
    measure quorum_agree "$FULL_DATA" 600 "$QUORUM" agree --labels "$ANSWERS" --json
    measure peer_alpha "$FULL_DATA" "$PEER_TIMEOUT_S" "$PY" "$HERE/peer_alpha.py" "$ANSWERS"
    measure peer_fleiss "$FULL_DATA" "$PEER_TIMEOUT_S" "$PY" "$HERE/peer_fleiss.py" "$ANSWERS"
fi

# Aggregation, each Quorum method next to its crowd-kit class.
for pair in majority:MajorityVote wawa:Wawa dawid-skene:DawidSkene one-coin:OneCoinDawidSkene glad:GLAD mace:MACE; do
    method="${pair%%:*}" peer="${pair##*:}"
    if ! selected "$method"; then
        continue
    fi
    answers="$ANSWERS" gold="$GOLD" data="$FULL_DATA"
    if [ "$method" = glad ] || [ "$method" = mace ]; then
        answers="$SLOW_ANSWERS" gold="$SLOW_GOLD" data="$SLOW_DATA"
    fi
    measure "quorum_$method" "$data" 600 \
        "$QUORUM" aggregate --labels "$answers" --gold "$gold" --method "$method" --json
    measure "peer_$peer" "$data" "$PEER_TIMEOUT_S" "$PY" "$HERE/peer_crowdkit.py" "$answers" "$gold" "$peer"
done

# Live agreement: microseconds per update on a one-million-answer state.
if selected live; then
    "$QUORUM" live-bench --updates "$LIVE_UPDATES" >"$WORK/live.json"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$PY" "$HERE/report.py" "$WORK"
