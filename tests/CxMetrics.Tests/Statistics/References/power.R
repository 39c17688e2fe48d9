# Reference values for PowerTests: power and sample size against R's power.prop.test and power.t.test (stats).
# Usage: Rscript power.R > power.out.txt   (CI never runs this; the test holds the numbers)
f <- function(label, x) cat(sprintf("%s %.12g\n", label, x))
# Proportions: 10% -> 12%
f("prop_n_0.10_0.12", power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8, tol = 1e-12)$n)
f("prop_power_0.10_0.12_n3000", power.prop.test(n = 3000, p1 = 0.10, p2 = 0.12)$power)
f("prop_power_0.03_0.035_n4000_a0.1", power.prop.test(n = 4000, p1 = 0.03, p2 = 0.035, sig.level = 0.1)$power)
f("prop_p2_0.03_n4000", power.prop.test(n = 4000, p1 = 0.03, power = 0.8, tol = 1e-12)$p2)
f("prop_p2_0.10_n500_p0.9", power.prop.test(n = 500, p1 = 0.10, power = 0.9, tol = 1e-12)$p2)
# Means: revenue per visitor with sd 40
f("t_n_sd40_d2", power.t.test(delta = 2, sd = 40, power = 0.8, tol = 1e-12)$n)
f("t_n_sd1_d0.5", power.t.test(delta = 0.5, sd = 1, power = 0.9, tol = 1e-12)$n)
f("t_n_sd1_d2", power.t.test(delta = 2, sd = 1, power = 0.8, tol = 1e-12)$n)
f("t_power_sd40_d2_n5000", power.t.test(n = 5000, delta = 2, sd = 40)$power)
f("t_power_sd1_d1_n10", power.t.test(n = 10, delta = 1, sd = 1)$power)
f("t_power_sd1_d1_n10_a0.01", power.t.test(n = 10, delta = 1, sd = 1, sig.level = 0.01)$power)
f("t_delta_sd40_n4000", power.t.test(n = 4000, sd = 40, power = 0.8, tol = 1e-12)$delta)
f("t_delta_sd1_n8", power.t.test(n = 8, sd = 1, power = 0.8, tol = 1e-12)$delta)
