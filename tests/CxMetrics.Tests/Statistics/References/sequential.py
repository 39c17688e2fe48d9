# Reference values for ConfidenceSequenceTests: GrowthBook's asymptotic confidence sequence (gbstats
# frequentist/tests.py: sequential_rho, sequential_interval_halfwidth, SequentialTwoSidedTTest.p_value), restated.
# Usage: python3 sequential.py > sequential.out.txt   (numpy; CI never runs this, the test holds the numbers)
import numpy as np

def rho(alpha, tuning):  # eq. 161 of Waudby-Smith et al. (arXiv:2103.06476v7)
    return np.sqrt((-2 * np.log(alpha) + np.log(-2 * np.log(alpha) + 1)) / tuning)

def halfwidth(se, n, alpha, tuning):  # eq. 9, with s2 = se^2 * n as GrowthBook
    r = rho(alpha, tuning); s2 = se ** 2 * n
    return np.sqrt(s2) * np.sqrt(2 * (n * r ** 2 + 1) * np.log(np.sqrt(n * r ** 2 + 1) / alpha) / (n * r) ** 2)

def p_value(estimate, se, n, alpha, tuning):  # eq. 155
    r = rho(alpha, tuning)
    st2 = estimate ** 2 * n / se ** 2
    t = n * r ** 2 + 1
    e = np.exp(r ** 2 * st2 / (2 * t)) / np.sqrt(t)
    return min(1 / e, 1)

for (est, se, n, alpha, tuning) in [(0.02, 0.008, 12000, 0.05, 5000), (1.5, 0.9, 800, 0.05, 5000), (0.3, 0.1, 20000, 0.1, 20000)]:
    print(f"case {est} {se} {n} {alpha} {tuning}: halfwidth {halfwidth(se, n, alpha, tuning):.15g} p {p_value(est, se, n, alpha, tuning):.15g}")
