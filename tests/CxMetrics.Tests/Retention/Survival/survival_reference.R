# References for DelayedEntryTests and LogRankWeightedTests, produced with R survival 3.5.3:
#   Rscript survival_reference.R > survival_reference.out
# Reads ../Cox/lung.csv (survival::lung, written by ../Cox/cox_reference.R) and prints every number the tests pin.
# The delayed entries are artificial: entry_i = floor(time_i * ((i mod 4) / 5)) for row i = 1..228 (0 for every fourth row),
# so every positive entry is below its exit.
suppressPackageStartupMessages(library(survival))
options(digits = 10, width = 200)
stopifnot(as.character(packageVersion("survival")) == "3.5.3")
lung <- read.csv("../Cox/lung.csv", na.strings = "NA")
i <- seq_len(nrow(lung))
lung$entry <- floor(lung$time * ((i %% 4) / 5))
stopifnot(all(lung$entry == 0 | lung$entry < lung$time))
w <- 1 + (i %% 3)

steps <- function(label, fit) {
  cat("==", label, "\n")
  print(data.frame(time = fit$time, n.risk = fit$n.risk, n.event = fit$n.event, n.censor = fit$n.censor,
                   surv = fit$surv, std.err = fit$std.err, lower = fit$lower, upper = fit$upper), row.names = FALSE)
  print(summary(fit)$table)
}

cat("== km plain\nrecords\n"); print(unname(summary(survfit(Surv(time, status) ~ 1, data = lung))$table))
steps("km delayed entry, log", survfit(Surv(entry, time, status) ~ 1, data = lung))
steps("km delayed entry, log-log", survfit(Surv(entry, time, status) ~ 1, data = lung, conf.type = "log-log"))
steps("km delayed entry, weights 1+(row %% 3)", survfit(Surv(entry, time, status) ~ 1, data = lung, weights = w))

cat("== survdiff sex\n"); print(survdiff(Surv(time, status) ~ sex, data = lung)$chisq)
d1 <- survdiff(Surv(time, status) ~ sex, data = lung, rho = 1)
cat("== survdiff sex rho=1\n"); print(d1$chisq); print(d1$obs); print(d1$exp); print(d1$var)
ds <- survdiff(Surv(time, status) ~ sex + strata(ph.ecog), data = lung)
cat("== survdiff sex + strata(ph.ecog)\n"); print(ds$chisq); print(rowSums(as.matrix(ds$obs))); print(rowSums(as.matrix(ds$exp))); print(unname(as.vector(ds$n)))
cat("== survdiff sex + strata(ph.ecog) rho=1\n"); print(survdiff(Surv(time, status) ~ sex + strata(ph.ecog), data = lung, rho = 1)$chisq)
cat("== survdiff ph.ecog (4 groups)\n"); print(survdiff(Surv(time, status) ~ ph.ecog, data = lung)$chisq)

# The log-rank test is the score test of coxph with ties = "exact" (Efron and Breslow differ slightly under ties).
cat("== coxph score tests (exact ties): plain, stratified, delayed entry\n")
print(coxph(Surv(time, status) ~ sex, data = lung, ties = "exact")$score)
print(coxph(Surv(time, status) ~ sex + strata(ph.ecog), data = lung, ties = "exact")$score)
print(tryCatch(coxph(Surv(entry, time, status) ~ sex, data = lung, ties = "exact")$score, error = function(e) conditionMessage(e)))

# G(rho, gamma): survdiff has rho only, so the weighted test is written out here from its definition (Harrington &
# Fleming 1982): w_j = S(t_j-)^rho (1 - S(t_j-))^gamma with S the pooled Kaplan-Meier curve; checked against survdiff for
# gamma = 0 before it is trusted for gamma > 0.
fh <- function(time, status, group, rho, gamma, entry = 0 * time) {
  g <- sort(unique(group)); k <- length(g)
  times <- sort(unique(time[status == 1]))
  o <- numeric(k); e <- numeric(k); v <- matrix(0, k, k); s <- 1
  for (t in times) {
    atrisk <- time >= t & (entry < t | entry == 0)
    n <- sum(atrisk); d <- sum(time == t & status == 1)
    ng <- sapply(g, function(x) sum(atrisk & group == x))
    dg <- sapply(g, function(x) sum(time == t & status == 1 & group == x))
    wt <- s^rho * (1 - s)^gamma
    o <- o + wt * dg; e <- e + wt * ng * d / n
    if (n > 1) v <- v + wt^2 * d * (n - d) / (n - 1) * (diag(ng / n) - outer(ng / n, ng / n))
    s <- s * (1 - d / n)
  }
  u <- (o - e)[-1]
  list(chisq = drop(t(u) %*% solve(v[-1, -1, drop = FALSE]) %*% u), obs = o, exp = e)
}
cat("== hand-written G(rho, gamma) on sex: (0,0) (1,0) [must equal survdiff], (0,1), (1,1), (0.5,2)\n")
for (p in list(c(0, 0), c(1, 0), c(0, 1), c(1, 1), c(0.5, 2))) {
  r <- fh(lung$time, lung$status == 2, lung$sex, p[1], p[2])
  cat(p, r$chisq, r$obs, r$exp, "\n")
}
cat("== hand-written G(rho, gamma) on sex with the delayed entries: (0,0), (1,0), (0,1)\n")
for (p in list(c(0, 0), c(1, 0), c(0, 1))) {
  r <- fh(lung$time, lung$status == 2, lung$sex, p[1], p[2], lung$entry)
  cat(p, r$chisq, r$obs, r$exp, "\n")
}
