# References for CoxRegressionTests, produced with R survival 3.5.3:
#   Rscript cox_reference.R
# Writes lung.csv (the NCCTG lung cancer data, survival::lung) and prints every number the tests pin.
suppressPackageStartupMessages(library(survival))
options(digits = 10)
stopifnot(as.character(packageVersion("survival")) == "3.5.3")
data(cancer, package = "survival")
out <- lung[, c("inst", "time", "status", "age", "sex", "ph.ecog", "wt.loss")]
write.csv(out, "lung.csv", row.names = FALSE, na = "NA", quote = FALSE)

show <- function(label, fit) {
  s <- summary(fit)
  cat("==", label, "\n")
  print(s$coefficients)
  print(s$conf.int)
  cat("loglik", fit$loglik, "\n")
  cat("LR", s$logtest, "\nWald", s$waldtest, "\nScore", s$sctest, "\n")
  cat("concordance", s$concordance, "\n")
  cat("n", fit$n, "events", fit$nevent, "iter", fit$iter, "\n")
}

show("efron age+sex", coxph(Surv(time, status) ~ age + sex, data = lung))
show("breslow age+sex", coxph(Surv(time, status) ~ age + sex, data = lung, ties = "breslow"))
show("strata(sex) age", coxph(Surv(time, status) ~ age + strata(sex), data = lung))
w <- 1 + (seq_len(nrow(lung)) %% 3)
show("weights 1+(row %% 3) age+sex", coxph(Surv(time, status) ~ age + sex, data = lung, weights = w))
lung2 <- lung[!is.na(lung$ph.ecog), ]
lung2$sexf <- factor(ifelse(lung2$sex == 1, "male", "female"), levels = c("male", "female"))
lung2$ecog <- factor(lung2$ph.ecog)
show("categorical age+sexf+ecog (ref male, 0)", coxph(Surv(time, status) ~ age + sexf + ecog, data = lung2))
show("categorical ref female, ecog ref 1", coxph(Surv(time, status) ~ age + relevel(sexf, "female") + relevel(ecog, "1"), data = lung2))

cat("== score test vs log-rank, sex only\n")
cat("survdiff", survdiff(Surv(time, status) ~ sex, data = lung)$chisq, "\n")
for (t in c("efron", "breslow", "exact")) cat(t, coxph(Surv(time, status) ~ sex, data = lung, ties = t)$score, "\n")

cat("== survfit profile age 60, sex 2 (efron)\n")
fit <- coxph(Surv(time, status) ~ age + sex, data = lung)
sf <- survfit(fit, newdata = data.frame(age = 60, sex = 2))
print(summary(sf, times = c(5, 100, 300, 500, 1000))[c("time", "surv", "cumhaz", "std.err", "lower", "upper")])
fitb <- coxph(Surv(time, status) ~ age + sex, data = lung, ties = "breslow")
sfb <- survfit(fitb, newdata = data.frame(age = 60, sex = 2))
cat("breslow\n")
print(summary(sfb, times = c(5, 100, 300, 500, 1000))[c("time", "surv", "cumhaz")])
cat("n steps", length(sf$time), "last", tail(sf$time, 1), tail(sf$surv, 1), "\n")

cat("== cox.zph\n")
print(cox.zph(fit))
print(cox.zph(fitb))
cat("strata(sex) age\n")
print(cox.zph(coxph(Surv(time, status) ~ age + strata(sex), data = lung)))
cat("weights 1+(row %% 3) age+sex\n")
print(cox.zph(coxph(Surv(time, status) ~ age + sex, data = lung, weights = w)))
cat("categorical age+sexf+ecog (ref male, 0)\n")
print(cox.zph(coxph(Surv(time, status) ~ age + sexf + ecog, data = lung2)))

cat("== separation\n")
sep <- data.frame(time = c(1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 1, 1, 1), x = c(1, 1, 1, 0, 0, 0))
print(tryCatch(coef(coxph(Surv(time, status) ~ x, data = sep)), warning = function(w) conditionMessage(w)))

cat("== concordance variance by brute force (checks the formula the C# code uses)\n")
lp <- fit$linear.predictors; y <- lung$time; d <- lung$status == 2; n <- length(y)
C <- D <- Tx <- numeric(n)
for (i in 1:n) for (j in 1:n) if (i != j) {
  comparable <- d[i] && (y[i] < y[j] || (y[i] == y[j] && !d[j]))
  if (comparable) {
    if (lp[i] > lp[j]) { C[i] <- C[i] + 1; C[j] <- C[j] + 1 }
    else if (lp[i] < lp[j]) { D[i] <- D[i] + 1; D[j] <- D[j] + 1 }
    else { Tx[i] <- Tx[i] + 1; Tx[j] <- Tx[j] + 1 }
  }
}
np <- sum(C + D + Tx) / 2; somer <- (sum(C) - sum(D)) / 2 / np
dfb <- (C - D) / np - somer / np * (C + D + Tx)
cat("brute C", (somer + 1) / 2, "se", sqrt(sum(dfb^2) / 4), "\n")

cat("== telco worked example (samples/telco/telco_churn_tenure.csv)\n")
telco <- read.csv("../../../../samples/telco/telco_churn_tenure.csv")
telco$Contract <- relevel(factor(telco$Contract), "Month-to-month")
telco$InternetService <- relevel(factor(telco$InternetService), "DSL")
show("telco", coxph(Surv(tenure, Churn == "Yes") ~ Contract + InternetService + MonthlyCharges, data = telco))
