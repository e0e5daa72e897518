"""Fleiss' kappa with statsmodels, for a file where every item has exactly RATERS answers."""
import sys

import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

RATERS = 5

answers = pd.read_csv(sys.argv[1]).sort_values(["item", "worker"])
matrix = answers["label"].to_numpy().reshape(-1, RATERS)
table, _ = aggregate_raters(matrix)
print(fleiss_kappa(table, method="fleiss"))
