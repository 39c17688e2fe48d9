"""BG/NBD (job bgnbd) and Pareto/NBD (job pareto) fits of the CDNOW calibration summary with lifetimes.
Usage: python3 lifetimes_fit.py INPUTS RUNS JOB. lifetimes must be importable (see README.md)."""
import os
import sys

import pandas as pd
from lifetimes import BetaGeoFitter, ParetoNBDFitter, __version__

from peertiming import report

folder, runs, job = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = pd.read_csv(os.path.join(folder, "cdnow-summary.csv"))
fitter = {"bgnbd": BetaGeoFitter, "pareto": ParetoNBDFitter}[job]


def fit():
    model = fitter().fit(data["frequency"], data["recency"], data["T"])
    # r to 6 significant figures: lifetimes scales time (and so the log-likelihood) differently, r is comparable.
    return f"{float(model.params_['r']):.6g}"


report("lifetimes " + __version__, job, fit, runs)
