"""Writes a deterministic CSV of N items (id,text,gold) to standard output for the import benchmark."""
import random
import sys

rows = int(sys.argv[1])
rng = random.Random(20241204)
words = ("the quick brown fox jumps over lazy dog data label annotator item agreement "
         "kappa alpha vote model text image terminal store queue lease gold review").split()
labels = ("positive", "negative", "neutral")
out = sys.stdout
out.write("id,text,gold\n")
for i in range(rows):
    text = " ".join(rng.choice(words) for _ in range(10))
    out.write(f"item-{i},{text},{labels[i % 3]}\n")
