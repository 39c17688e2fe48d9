# References for CoxSurvivalCurveTests and CoxDelayedEntryTests, produced with R survival 3.5.3:
#   Rscript cox_extension_reference.R > cox_extension_reference.out
# Writes heart.csv (the Stanford heart transplant data in counting-process form, survival::heart) and prints every
# number the tests pin: the pointwise intervals of survfit(coxph, newdata) and coxph(Surv(start, stop, event) ~ ...).
suppressPackageStartupMessages(library(survival))
options(digits = 10)
stopifnot(as.character(packageVersion("survival")) == "3.5.3")
data(cancer, package = "survival")
data(heart, package = "survival")
write.csv(heart, "heart.csv", row.names = FALSE, quote = FALSE)
times <- c(5, 100, 300, 500, 1000)

curve <- function(label, sf, times) {
  cat("==", label, "\n")
  i <- findInterval(times, sf$time)
  cat("time", times, "\n")
  cat("surv", sf$surv[i], "\n")
  cat("cumhaz", sf$cumhaz[i], "\n")
  cat("se(cumhaz)", sf$std.err[i], "\n")
  cat("lower", sf$lower[i], "\n")
  cat("upper", sf$upper[i], "\n")
}

fit <- coxph(Surv(time, status) ~ age + sex, data = lung)
curve("survfit efron age 60 sex 2, log interval", survfit(fit, newdata = data.frame(age = 60, sex = 2)), times)
curve("survfit efron age 75 sex 1, level 0.9", survfit(fit, newdata = data.frame(age = 75, sex = 1), conf.int = 0.9), times)
fitb <- coxph(Surv(time, status) ~ age + sex, data = lung, ties = "breslow")
curve("survfit breslow age 60 sex 2", survfit(fitb, newdata = data.frame(age = 60, sex = 2)), times)
fits <- coxph(Surv(time, status) ~ age + strata(sex), data = lung)
curve("survfit strata(sex) age 60, stratum 2", survfit(fits, newdata = data.frame(age = 60, sex = 2)), times)
w <- 1 + (seq_len(nrow(lung)) %% 3)
fitw <- coxph(Surv(time, status) ~ age + sex, data = lung, weights = w)
curve("survfit weights 1+(row %% 3) age 60 sex 2", survfit(fitw, newdata = data.frame(age = 60, sex = 2)), times)

show <- function(label, fit) {
  s <- summary(fit)
  cat("==", label, "\n")
  print(s$coefficients)
  cat("loglik", fit$loglik, "\n")
  cat("LR", s$logtest, "\nWald", s$waldtest, "\nScore", s$sctest, "\n")
  cat("concordance", s$concordance, "\n")
  cat("n", fit$n, "events", fit$nevent, "\n")
}

h <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart)
show("heart efron", h)
print(cox.zph(h))
curve("heart survfit age 0 year 3 surgery 0 transplant 1",
      survfit(h, newdata = data.frame(age = 0, year = 3, surgery = 0, transplant = factor(1, levels = c(0, 1)))), c(10, 50, 200, 1000))
hb <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart, ties = "breslow")
show("heart breslow", hb)
hs <- coxph(Surv(start, stop, event) ~ age + transplant + strata(surgery), data = heart)
show("heart strata(surgery) age + transplant", hs)

# lung with invented entry times: entry = floor(time * u), u uniform(0, 0.5) from a fixed seed, entry 0 for every third row.
set.seed(19)
u <- runif(nrow(lung), 0, 0.5)
lung$entry <- ifelse(seq_len(nrow(lung)) %% 3 == 0, 0, floor(lung$time * u))
cat("== lung entries\n")
cat(lung$entry, "\n")
show("lung delayed entry age + sex", coxph(Surv(entry, time, status) ~ age + sex, data = lung))
