"""Reference values for BetaGeoNbdSmallShapeTests: BG/NBD (and MBG/NBD) expected purchases where a + b < 2, including
a + b < 1, where the Gauss hypergeometric term 2F1(r + x, b + x; a + b + x - 1; z) has a negative (or zero) third
parameter and its power series has terms of both signs.

Evaluated with mpmath's hyp2f1 at 60 significant digits (an independent implementation: mpmath sums the series in
arbitrary precision, so the sign changes cost nothing). At a + b = 1 exactly, 2F1 has a pole in c while c * 2F1 is
finite; the value there is taken at c = 1e-40, which differs from the limit by O(1e-40).

Formulas: Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 7 (E[X(t)]) and eq. 10 (E[Y(t) | x, t_x, T]); MBG/NBD
as lifetimes' ModifiedBetaGeoFitter (b + x + 1 and a + b + x in 2F1, P(alive) with a/(b + x)).

Run: python3 bgnbd_small_ab_reference.py (needs mpmath).
"""
from mpmath import mp, mpf, hyp2f1, log

mp.dps = 60


def conditional(r, alpha, a, b, t, x, tx, T, modified=False):
    r, alpha, a, b, t, tx, T = (mpf(v) for v in (r, alpha, a, b, t, tx, T))
    shift = 1 if modified else 0
    c = a + b + x - 1 + shift
    if c == 0:
        c = mpf("1e-40")
    z = t / (alpha + T + t)
    q = ((alpha + T) / (alpha + T + t)) ** (r + x)
    if_alive = c / (a - 1) * (1 - q * hyp2f1(r + x, b + x + shift, c, z))
    if x == 0 and not modified:
        alive = mpf(1)
    else:
        alive = 1 / (1 + a / (b + x - 1 + shift) * ((alpha + T) / (alpha + tx)) ** (r + x))
    return if_alive * alive


cases = [
    # name, r, alpha, a, b, t, x, t_x, T, modified
    ("new, a + b = 0.7", 0.243, 4.414, 0.3, 0.4, 39, 0, 0, 0, False),
    ("new, a + b = 0.3, long horizon", 0.5, 10.0, 0.1, 0.2, 520, 0, 0, 0, False),
    ("new, a + b = 1", 0.243, 4.414, 0.4, 0.6, 39, 0, 0, 0, False),
    ("new, a + b = 1.5, a > 1", 0.8, 2.0, 1.3, 0.2, 26, 0, 0, 0, False),
    ("new, a + b = 1.3, a < 1", 0.243, 4.414, 0.5, 0.8, 39, 0, 0, 0, False),
    ("x = 0, T = 30, a + b = 0.7", 0.243, 4.414, 0.3, 0.4, 39, 0, 0, 30, False),
    ("x = 2, a + b = 0.7", 0.243, 4.414, 0.3, 0.4, 39, 2, 20.5, 30, False),
    ("MBG x = 0, T = 30, a + b = 0.7", 0.243, 4.414, 0.3, 0.4, 39, 0, 0, 30, True),
]

for name, r, alpha, a, b, t, x, tx, T, modified in cases:
    value = conditional(r, alpha, a, b, t, x, tx, T, modified)
    print(f"{name}: {mp.nstr(value, 17)}")
