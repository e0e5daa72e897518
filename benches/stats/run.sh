#!/usr/bin/env bash
# Times `quorum agree` and `quorum aggregate` on the one-million-answer synthetic data
# set next to the Python peers (crowd-kit 1.4.2, krippendorff 0.9.0, statsmodels) on the
# same file, and prints a Markdown table of wall time and peak RSS.
#
# Usage: benches/stats/run.sh [WORK_DIR]
#   PEERS_VENV      virtual environment with the peers installed (default /tmp/peers)
#   PEER_TIMEOUT_S  wall-clock limit per peer command in seconds (default 300)
#   LIVE_UPDATES    timed LiveAgreement updates (default 100000)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/quorum-stats-bench}"
PEERS_VENV="${PEERS_VENV:-/tmp/peers}"
PEER_TIMEOUT_S="${PEER_TIMEOUT_S:-300}"
LIVE_UPDATES="${LIVE_UPDATES:-100000}"
PY="$PEERS_VENV/bin/python"
QUORUM="$ROOT/target/release/quorum"
mkdir -p "$WORK"

cargo build --release --manifest-path "$ROOT/Cargo.toml" >&2
"$QUORUM" synth --out "$WORK" >&2
ANSWERS="$WORK/synthetic_answers.csv"
GOLD="$WORK/synthetic_gold.csv"

# measure NAME TIMEOUT CMD...: runs CMD under /usr/bin/time -v and records
# "NAME<TAB>seconds<TAB>peak RSS in MiB<TAB>status" in $WORK/times.tsv.
measure() {
    local name="$1" limit="$2"
    shift 2
    local log="$WORK/$name.time" status=ok
    if ! timeout "$limit" /usr/bin/time -v "$@" >"$WORK/$name.out" 2>"$log"; then
        status="failed or timed out after ${limit} s"
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
    # A command killed by timeout leaves no report, so its time is at least the limit.
    if [ "$status" != ok ] && [ -z "$wall" ]; then
        wall="$limit"
    fi
    printf '%s\t%s\t%s\t%s\n' "$name" "${wall:-NA}" "${rss:-NA}" "$status" >>"$WORK/times.tsv"
    echo "$name: ${wall:-NA} s, ${rss:-NA} MiB, $status" >&2
}

: >"$WORK/times.tsv"

# Agreement. Quorum computes every statistic in one run, so it is timed twice: the full
# `agree` and the peers' single statistics.
measure quorum_agree 600 "$QUORUM" agree --labels "$ANSWERS" --json
measure peer_krippendorff_alpha "$PEER_TIMEOUT_S" "$PY" -c "
import sys, pandas as pd, krippendorff
df = pd.read_csv(sys.argv[1])
wide = df.pivot(index='worker', columns='item', values='label')
print(krippendorff.alpha(reliability_data=wide.to_numpy(dtype=float), level_of_measurement='nominal'))
" "$ANSWERS"
measure peer_statsmodels_fleiss "$PEER_TIMEOUT_S" "$PY" -c "
import sys, pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
df = pd.read_csv(sys.argv[1]).sort_values(['item', 'worker'])
matrix = df['label'].to_numpy().reshape(-1, 5)
table, _ = aggregate_raters(matrix)
print(fleiss_kappa(table, method='fleiss'))
" "$ANSWERS"

# Aggregation.
for method in majority wawa dawid-skene one-coin glad mace; do
    measure "quorum_$method" 600 "$QUORUM" aggregate --labels "$ANSWERS" --gold "$GOLD" --method "$method" --json
done
for peer in MajorityVote Wawa DawidSkene OneCoinDawidSkene GLAD MACE; do
    measure "peer_$peer" "$PEER_TIMEOUT_S" "$PY" -c "
import sys, pandas as pd
import crowdkit.aggregation as ca
df = pd.read_csv(sys.argv[1]).rename(columns={'item': 'task'})
gold = pd.read_csv(sys.argv[2]).set_index('item')['label']
labels = getattr(ca, sys.argv[3])().fit_predict(df)
print((labels.reindex(gold.index) == gold).mean())
" "$ANSWERS" "$GOLD" "$peer"
done

# Live agreement: microseconds per update on a one-million-answer state.
"$QUORUM" live-bench --updates "$LIVE_UPDATES" >"$WORK/live.json"

python3 - "$WORK" <<'PYEOF'
import json, sys
work = sys.argv[1]
rows = {}
for line in open(f"{work}/times.tsv"):
    name, wall, rss, status = line.rstrip("\n").split("\t")
    rows[name] = (wall, rss, status)
def cell(name):
    wall, rss, status = rows[name]
    note = "" if status == "ok" else f" ({status})"
    return f"{wall} s, {rss} MiB{note}"
def ratio(ours, theirs):
    try:
        if rows[theirs][2] != "ok":
            return "> " + f"{float(rows[theirs][0]) / float(rows[ours][0]):.1f}x"
        return f"{float(rows[theirs][0]) / float(rows[ours][0]):.1f}x"
    except (ValueError, ZeroDivisionError):
        return "n/a"
pairs = [
    ("alpha (nominal), all agreement stats for Quorum", "quorum_agree", "peer_krippendorff_alpha", "krippendorff 0.9.0"),
    ("Fleiss' kappa", "quorum_agree", "peer_statsmodels_fleiss", "statsmodels"),
    ("majority vote", "quorum_majority", "peer_MajorityVote", "crowd-kit MajorityVote"),
    ("Wawa", "quorum_wawa", "peer_Wawa", "crowd-kit Wawa"),
    ("Dawid-Skene", "quorum_dawid-skene", "peer_DawidSkene", "crowd-kit DawidSkene"),
    ("one-coin DS", "quorum_one-coin", "peer_OneCoinDawidSkene", "crowd-kit OneCoinDawidSkene"),
    ("GLAD", "quorum_glad", "peer_GLAD", "crowd-kit GLAD"),
    ("MACE", "quorum_mace", "peer_MACE", "crowd-kit MACE"),
]
print("| task | Quorum | peer | peer time | speed-up |")
print("|---|---|---|---|---|")
for task, ours, theirs, peer in pairs:
    print(f"| {task} | {cell(ours)} | {peer} | {cell(theirs)} | {ratio(ours, theirs)} |")
live = json.load(open(f"{work}/live.json"))
print()
print(f"LiveAgreement: {live['microseconds_per_update']:.2f} µs per update on a "
      f"{live['state_annotations']}-answer state ({live['updates']} updates; {live['note']}).")
PYEOF
