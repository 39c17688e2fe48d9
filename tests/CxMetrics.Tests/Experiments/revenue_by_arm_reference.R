# References for RevenueByArmComparisonTests (revenue per customer by arm compared at once), produced with base R's stats:
#   Rscript revenue_by_arm_reference.R > revenue_by_arm_reference.out
# Every number the test pins is printed with 15 significant digits. Non-buyers count as 0, as in the read-out.
options(digits = 15)
cat(R.version.string, "\n")
control  <- c(rep(0, 24), 12.5, 30, 45.9, 8, 22, 60)
off10    <- c(rep(0, 20), 10, 15, 27.5, 33, 41, 18, 9.9, 55, 70, 12)
shipping <- c(rep(0, 8), 25, 35, 80, 14, 16.5, 29, 44, 52, 38, 61, 27, 33, 70, 19, 48, 26, 31)
arms <- list(control = control, "10% off" = off10, "free shipping" = shipping)
d <- data.frame(y = unlist(arms, use.names = FALSE), g = factor(rep(names(arms), lengths(arms))))
w <- oneway.test(y ~ g, data = d, var.equal = FALSE)
cat("== oneway.test\n")
cat("statistic", format(unname(w$statistic), digits = 15), "\n")
cat("parameter", format(unname(w$parameter), digits = 15), "\n")
cat("p.value", format(w$p.value, digits = 15), "\n")
# Pairs in the read-out's arm order (control first, then by name): first minus second, Welch t.test at 95%.
pairs <- list(c(1, 2), c(1, 3), c(2, 3))
ps <- c()
for (p in pairs) {
  t <- t.test(arms[[p[1]]], arms[[p[2]]], var.equal = FALSE)
  cat("== t.test", names(arms)[p[1]], "-", names(arms)[p[2]], "\n")
  cat("difference", format(unname(t$estimate[1] - t$estimate[2]), digits = 15), "\n")
  cat("t", format(unname(t$statistic), digits = 15), "\n")
  cat("df", format(unname(t$parameter), digits = 15), "\n")
  cat("conf.int", format(t$conf.int, digits = 15), "\n")
  cat("p.value", format(t$p.value, digits = 15), "\n")
  ps <- c(ps, t$p.value)
}
cat("== p.adjust holm\n", format(p.adjust(ps, "holm"), digits = 15), "\n")
cat("== p.adjust BH\n", format(p.adjust(ps, "BH"), digits = 15), "\n")
