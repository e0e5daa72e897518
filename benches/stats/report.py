"""Prints the Markdown table of a benches/stats/run.sh run from WORK/times.tsv, the
command outputs and WORK/live.json."""
import json
import sys

work = sys.argv[1]
rows = {}
for line in open(f"{work}/times.tsv"):
    name, wall, cpu, rss, status, data = line.rstrip("\n").split("\t")
    rows[name] = {"wall": wall, "cpu": cpu, "rss": rss, "status": status, "data": data}


def accuracy(name):
    """Accuracy printed by the command: Quorum's JSON field, or the peer's one number."""
    try:
        text = open(f"{work}/{name}.out").read().strip()
        value = json.loads(text)["accuracy"] if text.startswith("{") else float(text.splitlines()[-1])
        return f"{value:.4f}"
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return "–"


def cell(name, with_accuracy):
    row = rows[name]
    note = "" if row["status"] == "ok" else f" ({row['status']})"
    if row["status"] != "ok":
        return f"{row['wall']} s{note}"
    text = f"{row['wall']} s ({row['cpu']} s CPU), {row['rss']} MiB"
    return f"{text}, acc. {accuracy(name)}" if with_accuracy and row["status"] == "ok" else text


def ratio(ours, theirs, column):
    try:
        value = float(rows[theirs][column]) / float(rows[ours][column])
    except (ValueError, ZeroDivisionError):
        return "n/a"
    return ("> " if rows[theirs]["status"] != "ok" else "") + f"{value:.1f}×"


pairs = [
    ("alpha, nominal (Quorum: `quorum agree`, all statistics)", "quorum_agree", "peer_alpha", "krippendorff 0.9.0 `alpha`", False),
    ("Fleiss' kappa (Quorum: `quorum agree`, all statistics)", "quorum_agree", "peer_fleiss", "statsmodels `fleiss_kappa`", False),
    ("majority vote", "quorum_majority", "peer_MajorityVote", "crowd-kit MajorityVote", True),
    ("Wawa", "quorum_wawa", "peer_Wawa", "crowd-kit Wawa", True),
    ("Dawid–Skene", "quorum_dawid-skene", "peer_DawidSkene", "crowd-kit DawidSkene", True),
    ("one-coin Dawid–Skene", "quorum_one-coin", "peer_OneCoinDawidSkene", "crowd-kit OneCoinDawidSkene", True),
    ("GLAD", "quorum_glad", "peer_GLAD", "crowd-kit GLAD", True),
    ("MACE", "quorum_mace", "peer_MACE", "crowd-kit MACE (10 restarts)", True),
]
print("| task | data | Quorum | peer | peer time | speed-up (wall) | speed-up (CPU) |")
print("|---|---|---|---|---|---|---|")
for task, ours, theirs, peer, with_accuracy in pairs:
    if ours in rows and theirs in rows:
        print(f"| {task} | {int(rows[ours]['data']):,} answers | {cell(ours, with_accuracy)} | {peer} | "
              f"{cell(theirs, with_accuracy)} | {ratio(ours, theirs, 'wall')} | {ratio(ours, theirs, 'cpu')} |")
try:
    live = json.load(open(f"{work}/live.json"))
except FileNotFoundError:
    # A run restricted by METHODS times no live updates.
    sys.exit(0)
print()
print(f"LiveAgreement: {live['microseconds_per_update']:.2f} µs per update on a "
      f"{live['state_annotations']}-answer state ({live['updates']} updates; {live['note']}).")
