# Reference segment sizes for RfmSegmentsTests on the CDNOW sample, independent of the C# code: the summary is built here
# (same-day purchases merged, calibration to 1997-09-30), customers ordered by id (ordinal), and the scores are pandas'
# qcut of rank(method='first') into quintiles (PyMC-Marketing's tie rule, equal to dplyr's ntile) of days since the last
# purchase (descending), purchases and calibration revenue; segments by the first matching rule of R rfm's vignette map.
# Usage: python3 rfm_reference.py samples/cdnow/CDNOW_sample.txt
import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pandas as pd

CAL_END = date(1997, 9, 30)
days = defaultdict(lambda: defaultdict(Decimal))
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 5:
        continue
    d = f[2]
    days[str(int(f[1]))][date(int(d[:4]), int(d[4:6]), int(d[6:]))] += Decimal(f[4])

rows = []
for cid in sorted(days):  # ordinal order of the ids as strings
    ds = sorted(k for k in days[cid] if k <= CAL_END)
    if not ds:
        continue
    rows.append((cid, (CAL_END - ds[-1]).days, len(ds), float(sum(days[cid][k] for k in ds))))
df = pd.DataFrame(rows, columns=["id", "days", "purchases", "revenue"])
q = lambda s: pd.qcut(s.rank(method="first"), 5, labels=False) + 1
df["r"] = q(-df["days"])
df["f"] = q(df["purchases"])
df["m"] = q(df["revenue"])
rules = [("Champions", 4, 5, 4, 5, 4, 5), ("Loyal Customers", 2, 5, 3, 5, 3, 5), ("Potential Loyalist", 3, 5, 1, 3, 1, 3),
         ("New Customers", 4, 5, 1, 1, 1, 1), ("Promising", 3, 4, 1, 1, 1, 1), ("Need Attention", 2, 3, 2, 3, 2, 3),
         ("About To Sleep", 2, 3, 1, 2, 1, 2), ("At Risk", 1, 2, 2, 5, 2, 5), ("Can't Lose Them", 1, 1, 4, 5, 4, 5),
         ("Hibernating", 1, 2, 1, 2, 1, 2), ("Lost", 1, 2, 1, 2, 1, 2)]


def segment(row):
    for name, rl, rh, fl, fh, ml, mh in rules:
        if rl <= row.r <= rh and fl <= row.f <= fh and ml <= row.m <= mh:
            return name
    return "Others"


df["segment"] = df.apply(segment, axis=1)
total = df["revenue"].sum()
for name in [r[0] for r in rules] + ["Others"]:
    part = df[df.segment == name]
    print(f"{name}: {len(part)}, revenue share {part.revenue.sum() / total:.6f}")
print("first five ids with scores:", df.head(5)[["id", "r", "f", "m"]].values.tolist())
