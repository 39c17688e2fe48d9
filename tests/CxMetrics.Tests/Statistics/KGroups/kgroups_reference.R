# References for KGroupTests (chi-square homogeneity and independence, Welch's ANOVA), produced with base R's stats:
#   Rscript kgroups_reference.R > kgroups_reference.out
# Every number the tests pin is printed with 15 significant digits.
options(digits = 15)
cat(R.version.string, "\n")
show <- function(label, test) {
  cat("==", label, "\n")
  cat("statistic", format(unname(test$statistic), digits = 15), "\n")
  cat("parameter", format(unname(test$parameter), digits = 15), "\n")
  cat("p.value", format(test$p.value, digits = 15), "\n")
}

# Conversions by four channels: prop.test without continuity correction (k > 2 never has one in R).
show("prop.test 4 channels", prop.test(c(83, 90, 129, 70), c(86, 93, 136, 82), correct = FALSE))
# Six channels with small rates.
show("prop.test 6 channels", prop.test(c(12, 30, 7, 41, 22, 18), c(400, 820, 310, 900, 650, 480), correct = FALSE))
# Two groups: R applies Yates by default for k = 2; the library does not (chi-square = pooled z squared).
show("prop.test 2 groups correct=FALSE", prop.test(c(45, 30), c(200, 210), correct = FALSE))

# NPS by channel: promoters, passives, detractors (rows) x channels (columns).
nps <- matrix(c(120, 80, 50,
                 60, 70, 40,
                 30, 25, 45,
                200, 90, 60), nrow = 3)
show("chisq.test NPS 3x4", chisq.test(nps, correct = FALSE))

# Welch's ANOVA on support first-response hours in three channels.
email <- c(5.2, 7.9, 3.1, 12.4, 6.6, 8.8, 4.0, 9.5, 15.1, 6.2)
chat  <- c(0.4, 0.9, 0.3, 1.2, 0.6, 0.8, 2.1, 0.5)
phone <- c(1.5, 2.2, 3.9, 0.8, 2.7, 1.9, 4.4, 2.0, 3.1, 2.6, 1.1, 2.9)
d <- data.frame(h = c(email, chat, phone), g = factor(rep(c("email", "chat", "phone"), c(length(email), length(chat), length(phone)))))
show("oneway.test 3 channels", oneway.test(h ~ g, data = d, var.equal = FALSE))
# Two groups: Welch's ANOVA F equals Welch's t squared.
d2 <- d[d$g != "phone", , drop = TRUE]
d2$g <- droplevels(d2$g)
show("oneway.test 2 channels", oneway.test(h ~ g, data = d2, var.equal = FALSE))
show("t.test 2 channels", t.test(email, chat, var.equal = FALSE))
# Revenue per visitor in five arms (many zeros, as in shops).
a1 <- c(0, 0, 0, 25, 0, 40, 0, 0, 12, 0, 0, 60, 0, 0, 0)
a2 <- c(0, 30, 0, 0, 45, 0, 0, 22, 0, 0, 80, 0, 0, 15, 0, 0)
a3 <- c(0, 0, 0, 0, 10, 0, 0, 0, 0, 35, 0, 0)
a4 <- c(55, 0, 0, 20, 0, 0, 90, 0, 0, 30, 0, 0, 0, 65)
a5 <- c(0, 0, 18, 0, 0, 0, 0, 27, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0)
d5 <- data.frame(y = c(a1, a2, a3, a4, a5), g = factor(rep(paste0("arm", 1:5), c(length(a1), length(a2), length(a3), length(a4), length(a5)))))
show("oneway.test 5 arms", oneway.test(y ~ g, data = d5, var.equal = FALSE))
# Holm and BH over the pairwise p-values of the four channels above (pooled z-test, no correction).
x <- c(83, 90, 129, 70); n <- c(86, 93, 136, 82)
ps <- c()
for (i in 1:3) for (j in (i + 1):4) ps <- c(ps, prop.test(x[c(i, j)], n[c(i, j)], correct = FALSE)$p.value)
cat("== pairwise 4 channels (1-2,1-3,1-4,2-3,2-4,3-4)\n")
cat("raw", format(ps, digits = 15), "\n")
cat("holm", format(p.adjust(ps, "holm"), digits = 15), "\n")
cat("BH", format(p.adjust(ps, "BH"), digits = 15), "\n")
