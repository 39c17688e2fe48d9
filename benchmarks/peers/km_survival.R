# Kaplan-Meier of the 1 M whole-day lifetimes of SurvivalKaplanMeierBenchmarks (seed 42) with R survival's survfit
# (log-type confidence interval, the default). Usage: Rscript km_survival.R INPUTS RUNS
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
runs <- as.integer(args[2])
suppressPackageStartupMessages(library(survival))
d <- read.csv(file.path(folder, "km-days.csv"))
call <- function() {
  fit <- survfit(Surv(time, status) ~ 1, data = d)
  summary(fit, times = 365)$surv
}
ms <- function(f) { t0 <- Sys.time(); r <- f(); list(ms = as.numeric(Sys.time() - t0, units = "secs") * 1000, r = r) }
first <- ms(call)
warm <- vapply(seq_len(runs), function(i) ms(call)$ms, numeric(1))
cat(sprintf("side=R-survival-%s job=km cold_ms=%.1f warm_median_ms=%.1f runs=%d result=%.17g\n",
            as.character(packageVersion("survival")), first$ms, if (runs > 0) median(warm) else NaN, runs, first$r))
