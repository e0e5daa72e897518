"""Runs one crowd-kit 1.4.2 aggregation method with its default settings and prints its
accuracy on the gold file: share of gold items whose inferred label equals the gold one.

Usage: peer_crowdkit.py ANSWERS.csv GOLD.csv CLASS_NAME
"""
import sys

import crowdkit.aggregation as ca
import pandas as pd

answers_path, gold_path, method = sys.argv[1:4]
answers = pd.read_csv(answers_path).rename(columns={"item": "task"})
gold = pd.read_csv(gold_path).set_index("item")["label"]
labels = getattr(ca, method)().fit_predict(answers)
print((labels.reindex(gold.index) == gold).mean())
