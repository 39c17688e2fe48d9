"""Reference values for HypergeometricNearOneTests: ln 2F1(a, b; c; z) near z = 1 and BG/NBD's E[X(t)] there, by mpmath
at 60 significant digits. Every input is the exact binary double the test passes (mpf(float) is exact), so the
reference is the function at the test's own arguments (for E[X(t)]: at r, alpha, a, b, t, with z = t/(alpha + t) exact). Run: python3 hypergeometric_near_one_reference.py > hypergeometric_near_one_reference.csv
"""
import mpmath as mp

mp.mp.dps = 60


def bgnbd_expected(r, alpha, a, b, t):
    """E[X(t)] = (a + b - 1)/(a - 1) * [1 - (alpha/(alpha + t))^r 2F1(r, b; a + b - 1; t/(alpha + t))] (FHL 2005, eq. 9)."""
    r, alpha, a, b, t = (mp.mpf(v) for v in (r, alpha, a, b, t))
    z = t / (alpha + t)  # exact: the function at the model's own inputs (the library passes 1 - z = alpha/(alpha + t) too)
    c = a + b - 1
    return c / (a - 1) * (1 - (alpha / (alpha + t)) ** r * mp.hyp2f1(r, b, c, z))


def z_of(alpha, t):
    return float(t) / (float(alpha) + float(t))


# Columns: kind, p1..p5, value. log2f1 and logscaledtail: a, b, c, z (p5 empty); bgnbd: r, alpha, a, b, t.
# (a, b, c, z): the BG/NBD corner (r = 74, alpha = 0.013, t = 380 weeks) with several a, b; c - a - b negative, positive,
# small and near an integer; z from 0.99 to 1 - 2e-5.
grid = []
for (ra, rb) in [(0.5, 3.0), (2.0, 0.7), (0.79, 2.43), (1.3, 45.0), (20.0, 0.2)]:
    c = ra + rb - 1
    grid.append((74.0, rb, c, z_of(0.013, 380.0)))
for z in [0.99, 0.999, 0.9999, z_of(0.01, 520.0)]:
    grid.append((100.0, 100.0, 199.5, z))     # c - a - b = -0.5
    grid.append((3.7, 2.1, 10.4, z))          # c - a - b = 4.6 (converges at z = 1)
    grid.append((1.5, 2.5, 4.0 + 1e-7, z))    # c - a - b = 1e-7 (near the integer 0)
    grid.append((12.25, 0.4, 2.65 + 3e-6, z))  # c - a - b = -10 + 3e-6 (near a negative integer)
    grid.append((0.3, 55.0, 0.9, z))          # c < a + b with a small a
    grid.append((40.0, 7.0, 1.2, z))          # c - a - b = -45.8

print("kind,p1,p2,p3,p4,p5,value")
for (a, b, c, z) in grid:
    v = mp.log(mp.hyp2f1(mp.mpf(a), mp.mpf(b), mp.mpf(c), mp.mpf(z)))
    print(f"log2f1,{a!r},{b!r},{c!r},{z!r},,{mp.nstr(v, 25)}")

# c < 1 (x = 0 with a + b < 2): ln of c*(2F1 - 1), the scaled tail the library uses there.
for (a, b, c) in [(74.0, 0.4, -0.3), (5.0, 0.6, 0.5), (30.0, 0.05, -0.65)]:
    for z in [0.999, z_of(0.013, 380.0)]:
        v = mp.log(mp.mpf(c) * (mp.hyp2f1(mp.mpf(a), mp.mpf(b), mp.mpf(c), mp.mpf(z)) - 1))
        print(f"logscaledtail,{a!r},{b!r},{c!r},{z!r},,{mp.nstr(v, 25)}")

# BG/NBD E[X(t)] in the corner: (r, alpha, a, b, t) -> value.
for (r, alpha, a, b, t) in [(74.0, 0.013, 0.5, 3.0, 380.0), (74.0, 0.013, 2.0, 0.7, 380.0), (74.0, 0.013, 0.3, 0.4, 380.0), (100.0, 0.01, 0.79, 2.43, 520.0)]:
    v = bgnbd_expected(r, alpha, a, b, t)
    print(f"bgnbd,{r!r},{alpha!r},{a!r},{b!r},{t!r},{mp.nstr(v, 25)}")
