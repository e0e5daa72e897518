"""Nominal Krippendorff's alpha of a long-format item,worker,label file with krippendorff 0.9.0."""
import sys

import krippendorff
import pandas as pd

answers = pd.read_csv(sys.argv[1])
wide = answers.pivot(index="worker", columns="item", values="label")
print(krippendorff.alpha(reliability_data=wide.to_numpy(dtype=float), level_of_measurement="nominal"))
