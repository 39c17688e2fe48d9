"""Reads the 1 M-row order export of OrderCsvBenchmarks (seed 11) with pandas: the three columns an order needs
(customer id as text, timestamp with offset parsed, amount) and the amount summed; also without parsing the timestamps. Usage: python3 csv_pandas.py INPUTS RUNS"""
import os
import sys

import pandas as pd

from peertiming import report

folder, runs = sys.argv[1], int(sys.argv[2])
path = os.path.join(folder, "orders-1m.csv")


def columns():
    return pd.read_csv(path, usecols=["customer_id", "placed_at", "amount"], dtype={"customer_id": str, "amount": float})


def read_only():
    return f"{columns()['amount'].sum():.2f}"


def read_with_timestamps():
    frame = columns()
    frame["placed_at"] = pd.to_datetime(frame["placed_at"], format="%Y-%m-%dT%H:%M:%S%z")
    return f"{frame['amount'].sum():.2f}"


# "csv": the timestamps parsed, as OrderCsv.Read does; "csv-text-timestamps": pandas' floor, timestamps left as text.
report("pandas " + pd.__version__, "csv", read_with_timestamps, runs)
report("pandas " + pd.__version__, "csv-text-timestamps", read_only, runs)
