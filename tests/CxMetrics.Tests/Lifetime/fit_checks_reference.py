# Reference values for FitCheckTests (CalibrationHoldout, RepeatPurchaseHistogram, PurchaseTracking) on the CDNOW sample,
# computed independently of the C# code: the sample is read and summarised here (same-day purchases merged, weeks = days/7,
# calibration to 1997-09-30, holdout to 1998-06-30), BG/NBD is fitted here with scipy (Fader, Hardie & Lee 2005 eq. 6),
# and the checks use scipy's hyp2f1 for eqs. 7 and 10 and eq. 8 for P(X(t) = x).
# Usage: python3 fit_checks_reference.py samples/cdnow/CDNOW_sample.txt
import sys
from collections import defaultdict
from datetime import date

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1, betainc

CAL_END, HOLD_END = date(1997, 9, 30), date(1998, 6, 30)
days = defaultdict(set)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 5:
        continue
    d = f[2]
    days[f[1]].add(date(int(d[:4]), int(d[4:6]), int(d[6:])))

cust = []
for cid, ds in days.items():
    ds = sorted(ds)
    first = ds[0]
    if first > CAL_END:
        continue
    cal = [d for d in ds[1:] if d <= CAL_END]
    hold = [d for d in ds[1:] if CAL_END < d <= HOLD_END]
    x = len(cal)
    tx = ((cal[-1] - first).days if x else 0) / 7
    T = (CAL_END - first).days / 7
    cust.append((x, tx, T, len(hold), first, ds[1:]))

x = np.array([c[0] for c in cust], float)
tx = np.array([c[1] for c in cust])
T = np.array([c[2] for c in cust])
xstar = np.array([c[3] for c in cust], float)


def negll(logp):
    r, a, A, B = np.exp(logp)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(a)
    a2 = gammaln(A + B) + gammaln(B + x) - gammaln(B) - gammaln(A + B + x)
    a3 = -(r + x) * np.log(a + T)
    a4 = np.where(x > 0, np.log(A) - np.log(np.maximum(B + x - 1, 1e-300)) - (r + x) * np.log(a + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4))


fit = minimize(negll, np.log([0.25, 4.0, 0.8, 2.5]), method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})
fit = minimize(negll, fit.x, method="BFGS", options={"gtol": 1e-9})
r, alpha, a, b = np.exp(fit.x)
print(f"customers {len(cust)}; BG/NBD r = {r:.6f}, alpha = {alpha:.6f}, a = {a:.6f}, b = {b:.6f}, LL = {-fit.fun:.4f}")


def palive(x, tx, T):
    return np.where(x > 0, 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x)), 1.0)


def cond(t, x, tx, T):
    h = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    return (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * h) * palive(x, tx, T)


def ex(t):
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def pxt(n, t):
    first = np.exp(betaln(a, b + n) - betaln(a, b) + gammaln(r + n) - gammaln(r) - gammaln(n + 1) + r * np.log(alpha / (alpha + t)) + n * np.log(t / (alpha + t)))
    if n == 0:
        return first
    # delta_{x>0} B(a+1, b+x-1)/B(a,b) [1 - (alpha/(alpha+t))^r sum_{j<x} Gamma(r+j)/(Gamma(r) j!) (t/(alpha+t))^j]
    s = sum(np.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * np.log(alpha / (alpha + t)) + j * np.log(t / (alpha + t))) for j in range(n))
    return first + np.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * (1 - s)


e = cond(39, x, tx, T)
print("calibration/holdout bins x = 0..6, 7+: customers, mean actual, mean expected")
for k in range(8):
    m = (x == k) if k < 7 else (x >= 7)
    print(f"  {k}{'+' if k == 7 else ''}: {int(m.sum())}, {xstar[m].mean():.6f}, {e[m].mean():.6f}")
print(f"  total expected {e.sum():.4f}, actual {int(xstar.sum())}")

print("histogram x = 0..6, 7+: observed, expected")
rest = np.zeros(len(cust))
for k in range(7):
    p = np.array([pxt(k, t) for t in T])
    rest += p
    print(f"  {k}: {int((x == k).sum())}, {p.sum():.4f}")
print(f"  7+: {int((x >= 7).sum())}, {(1 - rest).sum():.4f}")

start = min(c[4] for c in cust)
first = np.array([(c[4] - start).days for c in cust])
repeat_offsets = [(d - start).days for c in cust for d in c[5] if d <= HOLD_END]
print("tracking (week k covers days 7k..7k+6 from", start, "): week, cumulative actual, cumulative expected")
for k in [0, 11, 38, 51, 77]:
    end = 7 * k + 6
    act = sum(1 for o in repeat_offsets if o <= end)
    expd = sum(ex((end - f) / 7) for f in first if f <= end)
    print(f"  {k + 1}: {act}, {expd:.4f}")
