# Reference values for GammaGammaTests.Log_likelihood_is_exact_for_huge_parameters: the gamma-gamma log-density
# ln f(zbar | p, q, gamma; x) = lnG(px + q) - lnG(px) - lnG(q) + q ln gamma + (px - 1) ln zbar + px ln x - (px + q) ln(gamma + x zbar)
# (Fader & Hardie 2013) evaluated in 80-digit arithmetic with mpmath, where the textbook formula does not cancel.
from mpmath import mp, mpf, loggamma, log

mp.dps = 80


def ll(p, q, g, x, z):
    p, q, g, x, z = map(mpf, (p, q, g, x, z))
    px = p * x
    return loggamma(px + q) - loggamma(px) - loggamma(q) + q * log(g) + (px - 1) * log(z) + px * log(x) - (px + q) * log(g + x * z)


for row in [
    (3270031575469.823, 5.603413657260208e22, 171346284483.47217, 1, 10),
    (1.1420073242203829e26, 1.6458831245847925e21, 0.00014412194122383502, 1, 10),
    (2.0, 1e15, 3e15, 4, 12.0),
    (1e3, 5.0, 20.0, 3, 7.0),
    (6.25, 3.74, 15.44, 2, 35.5),
]:
    print(row, mp.nstr(ll(*row), 20))
