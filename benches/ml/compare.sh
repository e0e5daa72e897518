#!/usr/bin/env bash
# Compare Quorum's classifiers with scikit-learn's on the sample tasks.
#
# For each of fortune-topics, shici-dynasty and digits, and for logistic regression
# and multinomial naive Bayes, this prints macro-F1 and accuracy of 5-fold
# cross-validation, its wall time, and the time of one fit on all items:
#   - Quorum: `quorum eval --labels-from gold --json` and `quorum train --json`
#     (release build), timed around the process, so loading the store counts too.
#   - scikit-learn 1.5: TfidfVectorizer (or the 8x8 grey pixels) with the same
#     n-gram range, max_features and sublinear tf, then LogisticRegression(C=1/alpha,
#     lbfgs) or MultinomialNB(); timed inside Python, without start-up and loading.
#     Its "one fit" is the mean time of one fold (vectorizer, fit and predict), on 80%
#     of the items; Quorum's is one `quorum train` process on all items.
# Both sides use the same folds: the Python part replays Quorum's seeded stratified
# split (SplitMix64, src/ml/evaluate.rs) over the items in store order, and first
# checks the replay against the reference vector that a Rust unit test pins.
#
# Usage: [TASKS="..."] [KINDS="..."] benches/ml/compare.sh [--markdown]
# TASKS and KINDS narrow the run; KINDS may include linear-svm (scikit-learn's
# LinearSVC with the squared hinge, C = 1/alpha).
# Needs python3 >= 3.11 and PyPI access for the throwaway venv in /tmp/skl.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VENV="${VENV:-/tmp/skl}"
QUORUM="$ROOT/target/release/quorum"
WORK="$(mktemp -d /tmp/quorum-compare.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sklearn, scipy, PIL' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'scikit-learn==1.5.*' numpy scipy pillow
fi
(cd "$ROOT" && cargo build --release --quiet)

now() { date +%s.%N; }

RESULTS="$WORK/quorum.jsonl"
for task in ${TASKS:-fortune-topics shici-dynasty digits}; do
    for kind in ${KINDS:-logistic naive-bayes}; do
        project="$WORK/$task-$kind"
        "$QUORUM" init "$project" --from "$ROOT/sample_tasks/$task" >/dev/null
        sed -i "s/^\[model\]/[model]\nkind = \"$kind\"/" "$project/quorum.toml"

        start=$(now)
        "$QUORUM" --project "$project" eval --labels-from gold --json >"$project/eval.json" 2>/dev/null
        cv_seconds=$(echo "$(now) - $start" | bc)
        start=$(now)
        "$QUORUM" --project "$project" train --labels-from gold --json >"$project/train.json" 2>/dev/null
        fit_seconds=$(echo "$(now) - $start" | bc)

        "$VENV/bin/python" - "$task" "$kind" "$cv_seconds" "$fit_seconds" "$project" >>"$RESULTS" <<'PY'
import json, sys
task, kind, cv, fit, project = sys.argv[1:]
report = json.load(open(f"{project}/eval.json"))
print(json.dumps({"task": task, "kind": kind, "impl": "quorum", "macro_f1": report["macro_f1"],
                  "accuracy": report["accuracy"], "cv_seconds": float(cv), "fit_seconds": float(fit)}))
PY
    done
done

"$VENV/bin/python" - "$WORK" "$RESULTS" "${1:-}" <<'PY'
import json, sqlite3, sys, time, tomllib
from pathlib import Path

import numpy as np
from PIL import Image
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

MASK = (1 << 64) - 1


class SplitMix64:
    """The generator of src/core/rng.rs, bit for bit."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return int((self.next_u64() >> 11) * (1.0 / (1 << 53)) * n)

    def shuffle(self, values):
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]


def stratified_folds(targets, folds, seed):
    """Quorum's stratified_folds: shuffle each class, deal the folds in turn."""
    by_class = [[] for _ in range(max(targets) + 1)]
    for index, cls in enumerate(targets):
        by_class[cls].append(index)
    rng = SplitMix64(seed)
    assignment, next_fold = [0] * len(targets), 0
    for members in by_class:
        rng.shuffle(members)
        for index in members:
            assignment[index] = next_fold
            next_fold = (next_fold + 1) % folds
    return assignment


# Pinned by the Rust test `folds_match_reference_vector` in src/ml/evaluate.rs.
REFERENCE = [1, 2, 2, 1, 0, 0, 0, 1, 2, 0]
assert stratified_folds([0, 1, 0, 1, 0, 1, 2, 2, 2, 0], 3, 0) == REFERENCE, "fold replay differs from Rust"


def load(project):
    spec = tomllib.loads((project / "quorum.toml").read_text())
    fields, model = spec.get("fields", {}), spec.get("model", {})
    train_columns = fields.get("train", fields.get("show", []))
    db = sqlite3.connect(project / "quorum.db")
    rows = db.execute("SELECT fields, image, gold FROM items ORDER BY ord, id").fetchall()
    texts = ["\n".join(v for k, v in json.loads(f) if k in train_columns) for f, _, _ in rows]
    images = [project / i if i else None for _, i, _ in rows]
    labels = [g for _, _, g in rows]
    return model, texts, images, labels


def features(model, texts, images):
    """Returns a function fit_transform(train_idx, test_idx) -> (X_train, X_test)."""
    if images[0] is not None:
        pixels = np.array([np.asarray(Image.open(p).convert("L").resize((8, 8)), dtype=float).ravel() / 255
                           for p in images])
        return lambda tr, te: (pixels[tr], pixels[te])
    word = tuple(model.get("word_ngrams", [1, 2]))
    char = tuple(model.get("char_ngrams", [0, 0]))
    assert (word[1] == 0) != (char[1] == 0), "one of word or char n-grams must be on"
    options = dict(sublinear_tf=True, max_features=model.get("max_features", 5000))
    if word[1] > 0:
        options.update(analyzer="word", ngram_range=word, token_pattern=r"(?u)\b\w+\b")
    else:
        options.update(analyzer="char", ngram_range=char)
    texts = np.array(texts, dtype=object)

    def fit_transform(tr, te):
        vectorizer = TfidfVectorizer(**options)
        return vectorizer.fit_transform(texts[tr]), vectorizer.transform(texts[te])
    return fit_transform


def classifier(kind, model):
    if kind == "logistic":
        return LogisticRegression(C=1 / model.get("alpha", 0.01), max_iter=model.get("max_iterations", 200))
    if kind == "linear-svm":
        return LinearSVC(C=1 / model.get("alpha", 0.01), loss="squared_hinge", max_iter=1000)
    return MultinomialNB()


work, results, markdown = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "--markdown"
rows = [json.loads(line) for line in open(results)]
# Quorum rows only: each one gets its scikit-learn counterpart on the same folds.
for task, kind in [(r["task"], r["kind"]) for r in list(rows)]:
    model, texts, images, labels = load(work / f"{task}-{kind}")
    names = sorted(set(labels))
    targets = [names.index(label) for label in labels]
    fold_of = np.array(stratified_folds(targets, model.get("folds", 5), model.get("seed", 0)))
    y = np.array(targets)
    build = features(model, texts, images)

    start = time.perf_counter()
    truth, predicted, fold_seconds = [], [], []
    for fold in range(model.get("folds", 5)):
        fold_start = time.perf_counter()
        tr, te = np.where(fold_of != fold)[0], np.where(fold_of == fold)[0]
        x_train, x_test = build(tr, te)
        predicted.extend(classifier(kind, model).fit(x_train, y[tr]).predict(x_test))
        truth.extend(y[te])
        fold_seconds.append(time.perf_counter() - fold_start)
    row = {"task": task, "kind": kind, "impl": "sklearn", "macro_f1": f1_score(truth, predicted, average="macro"),
           "accuracy": accuracy_score(truth, predicted), "cv_seconds": time.perf_counter() - start,
           "fit_seconds": sum(fold_seconds) / len(fold_seconds)}
    print(json.dumps(row), file=sys.stderr, flush=True)
    rows.append(row)

header = ["task", "model", "implementation", "macro-F1", "accuracy", "5-fold CV s", "one fit s"]
lines = []
for r in rows:
    lines.append([r["task"], r["kind"], r["impl"], f'{r["macro_f1"]:.4f}', f'{r["accuracy"]:.4f}',
                  f'{r["cv_seconds"]:.2f}', f'{r["fit_seconds"]:.2f}'])
lines.sort(key=lambda l: (l[0], l[1], l[2]))
if markdown:
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for l in lines:
        print("| " + " | ".join(l) + " |")
else:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    for l in [header] + lines:
        print("  ".join(str(x).ljust(w) for x, w in zip(l, widths)))
PY
