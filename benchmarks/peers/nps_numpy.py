"""NPS of the 100 M scores of NpsTallyBenchmarks (seed 42) with numpy: compare-and-count (job nps) and bincount
(job nps-bincount). Usage: python3 nps_numpy.py INPUTS RUNS"""
import os
import sys

import numpy as np

from peertiming import report

folder, runs = sys.argv[1], int(sys.argv[2])
scores = np.fromfile(os.path.join(folder, "nps-scores.u8"), dtype=np.uint8)


def compare_and_count():
    return 100.0 * (int(np.count_nonzero(scores >= 9)) - int(np.count_nonzero(scores <= 6))) / scores.size


def bincount():
    counts = np.bincount(scores, minlength=11)
    return 100.0 * (int(counts[9:].sum()) - int(counts[:7].sum())) / scores.size


report("numpy " + np.__version__, "nps", compare_and_count, runs)
report("numpy " + np.__version__, "nps-bincount", bincount, runs)
