# Reference optimum for ShiftedBetaGeometricTests.High_end_fit_is_certified_at_the_optimum: the sBG log-likelihood
# (Fader & Hardie 2007) of the high-end cohort, maximised in 50-digit arithmetic (mpmath) by solving grad LL = 0, then
# DERL(d = 0.1, n = 8, i.e. 7 renewals) = sum_{t>=n} S(t)/S(n-1) (1+d)^-(t-n) (Fader & Hardie 2010, eq. 6).
from mpmath import mp, mpf, log, diff, findroot, nsum, inf, beta as B

mp.dps = 50
survivors = [1000, 869, 743, 653, 593, 551, 517, 491]


def ll(a, b):
    total, log_s = mpf(0), mpf(0)
    for t in range(1, len(survivors)):
        hazard = a / (a + b + t - 1)
        total += (survivors[t - 1] - survivors[t]) * (log_s + log(hazard))
        log_s += log(1 - hazard)
    return total + survivors[-1] * log_s


a, b = findroot([lambda a, b: diff(lambda x: ll(x, b), a), lambda a, b: diff(lambda y: ll(a, y), b)], (mpf("0.668"), mpf("3.806")))
S = lambda t: B(a, b + t) / B(a, b)
n, d = 8, mpf("0.1")
derl = nsum(lambda t: S(t) / S(n - 1) / (1 + d) ** (t - n), [n, inf])
print("alpha", mp.nstr(a, 15), "beta", mp.nstr(b, 15), "LL", mp.nstr(ll(a, b), 15), "DERL", mp.nstr(derl, 15))
