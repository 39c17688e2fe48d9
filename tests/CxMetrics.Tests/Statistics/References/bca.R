# Reference values for BootstrapBcaTests (BCa against R's boot.ci(type = "bca")).
# Usage: Rscript bca.R > bca.out.txt   (R with package boot; CI never runs this, the test holds the numbers)
library(boot)
x <- c(0, 0, 12.5, 0, 48, 0, 0, 19.9, 0, 150, 0, 7.5, 0, 0, 32)   # treatment revenue per customer
y <- c(0, 22, 0, 0, 0, 9.9, 0, 0, 64, 0, 0, 15)                   # control
d <- data.frame(v = c(x, y), g = rep(1:2, c(length(x), length(y))))
stat <- function(d, i) { s <- d[i, ]; mean(s$v[s$g == 1]) - mean(s$v[s$g == 2]) }
n <- nrow(d); ng <- as.vector(table(d$g))[d$g]
# The stratified jackknife values of empinf are (n_k - 1)(t - t_(-i)) within each sample; the influence of a point on the
# combined sample is n/n_k times that (Davison & Hinkley 1997, sec. 3.2), which is what the acceleration needs.
Ljack <- empinf(data = d, statistic = stat, type = "jack", stype = "i", strata = d$g)
L <- Ljack * n / ng
cat(sprintf("estimate %.15g\n", stat(d, seq_len(n))))
cat(sprintf("acceleration %.15g\n", sum(L^3) / (6 * sum(L^2)^1.5)))
cat(sprintf("acceleration_unscaled_jackknife %.15g\n", sum(Ljack^3) / (6 * sum(Ljack^2)^1.5)))

# Monte Carlo: many stratified resamples; z0 and the end points carry Monte Carlo error only.
set.seed(20260512)
b <- boot(d, stat, R = 100000, strata = d$g)
ci <- boot.ci(b, conf = 0.95, type = c("bca", "perc"), L = L)
cat(sprintf("z0_montecarlo %.6f\n", qnorm(sum(b$t < b$t0) / length(b$t))))
cat(sprintf("bca_montecarlo %.6f %.6f\n", ci$bca[4], ci$bca[5]))
cat(sprintf("percentile_montecarlo %.6f %.6f\n", ci$percent[4], ci$percent[5]))

# Deterministic: boot.ci's BCa arithmetic on a fixed, skewed set of 100,000 replicates (as many as b has) around the estimate.
q <- qnorm(ppoints(100000))
tt <- b$t0 + 8 * q + 2 * (q^2 - 1)
fixed <- boot.ci(b, conf = 0.95, type = "bca", t0 = b$t0, t = tt, L = L)
cat(sprintf("z0_fixed %.15g\n", qnorm(sum(tt < b$t0) / length(tt))))
cat(sprintf("bca_fixed %.15g %.15g\n", fixed$bca[4], fixed$bca[5]))
fixed90 <- boot.ci(b, conf = 0.90, type = "bca", t0 = b$t0, t = tt, L = L)
cat(sprintf("bca_fixed_90 %.15g %.15g\n", fixed90$bca[4], fixed90$bca[5]))
