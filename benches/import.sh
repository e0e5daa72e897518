#!/usr/bin/env bash
# Import benchmark: `quorum import` of a generated CSV side by side with the sqlite3
# shell's `.import` of the same file into a table with the same unique id column.
#
# Usage: benches/import.sh [ROWS]   (default 1000000; needs sqlite3 and python3)
# Prints wall time and peak memory of each, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
out=target/bench-import
rm -rf "$out"
mkdir -p "$out"

cargo build --release --quiet
python3 benches/gen_items.py "$rows" >"$out/items.csv"

# quorum: the default task of `quorum init` reads id and text; gold is stored as a column.
target/release/quorum init "$out/project" >/dev/null
sed -i 's/^# gold = "gold".*/gold = "gold"/' "$out/project/quorum.toml"
/usr/bin/time -f '%e %M' -o "$out/quorum.time" \
    target/release/quorum --project "$out/project" import "$out/items.csv" >/dev/null

# sqlite3: WAL and synchronous=FULL as quorum uses, a unique id, the header skipped.
sqlite3 "$out/plain.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
    CREATE TABLE items (id TEXT PRIMARY KEY, text TEXT, gold TEXT);" >/dev/null
/usr/bin/time -f '%e %M' -o "$out/sqlite.time" \
    sqlite3 "$out/plain.db" -cmd "PRAGMA synchronous=FULL" -cmd ".mode csv" ".import --skip 1 $out/items.csv items"

read -r q_s q_kb <"$out/quorum.time"
read -r s_s s_kb <"$out/sqlite.time"
echo "rows: $rows ($(du -h "$out/items.csv" | cut -f1) CSV)"
printf '%-16s %10s %14s\n' tool seconds "peak RSS (MB)"
printf '%-16s %10s %14s\n' "quorum import" "$q_s" "$((q_kb / 1024))"
printf '%-16s %10s %14s\n' "sqlite3 .import" "$s_s" "$((s_kb / 1024))"
python3 -c "print(f'quorum / sqlite3 time ratio: {float(\"$q_s\") / float(\"$s_s\"):.2f}')"
