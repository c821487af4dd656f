// reproduce.R of the reproducibility bundle, and the SpineMet numbers it checks. Both are written
// from the one result object: spinemetNumbers() lists every number reproduce.R recomputes under a
// key, and reproduceScript() writes the R code that computes the same keys from the dataset with
// R (stats, survival; MatchIt >= 4.5.4 when installed) and prints each next to SpineMet's.
//
// Without MatchIt, or with a MatchIt older than 4.5.4 (whose caliper is broken), the script says so
// and takes the matched sets from the dataset's `pair` column; everything after matching is then
// still recomputed (balance, Table 2–4, survival, hazard ratios). Only the sensitivity rows, which
// re-match, need MatchIt.
import type { StudyResult, TableRow } from '@contract/study'
import { matchitArguments } from '../study/r-script'

/** Dataset column of a table variable: `sosgoq:1.0` → `v_sosgoq_v1_0`, `vas.month6` → `v_vas_month6`, `spinalLevel` → `v_spinal_level`. */
export function variableColumn(variable: string): string {
  const base = variable.replace(/\.preop$/, '').replace(/\.month6$/, '_month6')
  return (
    'v_' +
    base
      .replace(/:(\d+)\.(\d+)/, '_v$1_$2')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase()
  )
}

const ARMS = ['HT', 'TES'] as const
type Num = number | null

/** Every number reproduce.R recomputes, by key, as SpineMet computed it. */
export function spinemetNumbers(result: StudyResult): [string, Num][] {
  const out: [string, Num][] = []
  const put = (key: string, v: Num | undefined) => out.push([key, v ?? null])
  put('flow.eligible.HT', result.flow.eligible.HT)
  put('flow.eligible.TES', result.flow.eligible.TES)
  put('matching.nPairs', result.matching.nPairs)
  put('matching.sameSets', result.matching.pairs.length)
  for (const c of result.propensityModel.coefficients) {
    if (c.estimate === null) continue
    put(`model.${c.term}.estimate`, c.estimate)
    put(`model.${c.term}.se`, c.standardError)
  }
  for (const p of result.matching.pairs) for (const m of [p.treated, ...p.controls]) if (!out.some(([k]) => k === `ps.${m.studyId}`)) put(`ps.${m.studyId}`, m.propensityScore)
  for (const r of result.balance.rows) {
    for (const s of ['before', 'after'] as const) {
      put(`balance.${r.term}.${s}.meanHT`, r[s].meanHT)
      put(`balance.${r.term}.${s}.meanTES`, r[s].meanTES)
      put(`balance.${r.term}.${s}.smd`, r[s].smd)
      if (!r.binary) put(`balance.${r.term}.${s}.varianceRatio`, r[s].varianceRatio)
    }
  }
  const tableRows = (id: string, rows: readonly TableRow[]) => {
    for (const row of rows) {
      const k = `${id}.${row.variable}`
      if (row.kind === 'continuous') {
        for (const a of ARMS) {
          put(`${k}.${a}.n`, row.arms[a].n)
          put(`${k}.${a}.mean`, row.arms[a].mean)
          put(`${k}.${a}.sd`, row.arms[a].sd)
          put(`${k}.${a}.median`, row.arms[a].median)
          put(`${k}.${a}.q1`, row.arms[a].q1)
          put(`${k}.${a}.q3`, row.arms[a].q3)
        }
      } else {
        row.levels.forEach((l, i) => ARMS.forEach((a) => put(`${k}.${l}.${a}`, row.counts[a][i]?.n)))
      }
      if (row.test) put(`${k}.p`, row.test.p)
    }
  }
  tableRows('table1', result.table1.rows)
  tableRows('table2', result.table2.rows)
  tableRows('table3', result.outcomes.table3.rows)
  tableRows('table4', result.outcomes.table4.rows)
  for (const c of result.outcomes.changes) {
    for (const a of ARMS) {
      put(`changes.${c.variable}.${a}.preop.mean`, c.preop[a].mean)
      put(`changes.${c.variable}.${a}.month6.mean`, c.month6[a].mean)
      put(`changes.${c.variable}.${a}.within.p`, c.withinArm[a]?.p)
    }
  }
  const asia = result.outcomes.asiaShift
  for (const a of ARMS) asia.grades.forEach((g, i) => asia.grades.forEach((h, j) => put(`asia.${a}.${g}.${h}`, asia.counts[a][i]?.[j])))
  for (const r of result.outcomes.complications.rows) for (const a of ARMS) put(`complications.${r.kind}.${a}`, r.patients[a])
  put('complications.p', result.outcomes.complications.test?.p)
  for (const cohort of ['matched', 'eligible'] as const) {
    for (const ep of ['lpfs', 'os'] as const) {
      const s = result.survival[cohort][ep]
      const k = `survival.${cohort}.${ep}`
      for (const a of ARMS) {
        const c = s.curves[a]
        put(`${k}.${a}.n`, c.n)
        put(`${k}.${a}.events`, c.events)
        for (const r of c.rates) {
          put(`${k}.${a}.S${r.time}`, r.surv)
          put(`${k}.${a}.lower${r.time}`, r.lower)
          put(`${k}.${a}.upper${r.time}`, r.upper)
        }
        put(`${k}.${a}.median`, c.median.estimate)
        put(`${k}.${a}.medianLower`, c.median.lower)
        put(`${k}.${a}.medianUpper`, c.median.upper)
      }
      put(`${k}.logrank.chisq`, s.logRank.chisq)
      put(`${k}.logrank.p`, s.logRank.p)
      for (const [name, h] of [['hrNaive', s.hazardRatioNaive], ['hrPaired', s.hazardRatioPaired]] as const) {
        if (!h) continue
        put(`${k}.${name}.estimate`, h.estimate)
        put(`${k}.${name}.lower`, h.lower)
        put(`${k}.${name}.upper`, h.upper)
        put(`${k}.${name}.p`, h.p)
      }
    }
  }
  for (const r of result.sensitivity) {
    put(`sensitivity.${r.key}.nPairs`, r.nPairs)
    put(`sensitivity.${r.key}.maxAbsSmdAfter`, r.maxAbsSmdAfter)
    put(`sensitivity.${r.key}.hr.lpfs`, r.hazardRatio.lpfs?.estimate)
    put(`sensitivity.${r.key}.hr.os`, r.hazardRatio.os?.estimate)
  }
  return out
}

const rString = (s: string): string => JSON.stringify(s)
const rVector = (xs: readonly (string | number)[]): string => `c(${xs.map((x) => (typeof x === 'number' ? String(x) : rString(x))).join(', ')})`

/** One table row as R reads it: table id, variable, column, kind, test method, levels. */
function rowSpec(id: string, row: TableRow, paired: boolean): string {
  const levels = row.kind === 'categorical' ? rVector(row.levels) : 'NULL'
  return `  list(id = ${rString(id)}, variable = ${rString(row.variable)}, col = ${rString(variableColumn(row.variable))}, kind = ${rString(row.kind)}, method = ${rString(row.test?.method ?? '')}, paired = ${paired ? 'TRUE' : 'FALSE'}, levels = ${levels})`
}

/** reproduce.R for one result (its settings, formula, tables and sensitivity rows written in). */
export function reproduceScript(result: StudyResult): string {
  const s = result.provenance.settings
  const model = result.propensityModel
  const factors = model.covariates.filter((c) => c.entry === 'factor').map((c) => c.name)
  const numerics = model.covariates.filter((c) => c.entry === 'numeric').map((c) => c.name)
  const rows = [
    ...result.table1.rows.map((r) => rowSpec('table1', r, false)),
    ...result.table2.rows.map((r) => rowSpec('table2', r, true)),
    ...result.outcomes.table3.rows.map((r) => rowSpec('table3', r, true)),
    ...result.outcomes.table4.rows.map((r) => rowSpec('table4', r, true)),
  ]
  const changes = result.outcomes.changes.map(
    (c) => `  list(variable = ${rString(c.variable)}, pre = ${rString(variableColumn(c.variable))}, post = ${rString(variableColumn(`${c.variable}.month6`))}, HT = ${rString(c.withinArm.HT?.method ?? '')}, TES = ${rString(c.withinArm.TES?.method ?? '')})`,
  )
  const sensitivity = result.sensitivity.map((r) => `  list(key = ${rString(r.key)}, args = ${rString(matchitArguments({ ratio: r.ratio, replace: s.replace, order: s.order }, r.caliper))})`)
  const kinds = result.outcomes.complications.rows.map((r) => r.kind)
  return `# reproduce.R — written by SpineMet ${result.provenance.appVersion} (statistics engine ${result.provenance.engineVersion}) for the study
# analysis of ${result.provenance.computedAt}, data hash ${result.provenance.dataHash}.
#
# Recomputes the numbers of the SpineMet study report from analysis-dataset.csv with R (stats,
# survival; MatchIt >= 4.5.4 when installed) and prints each next to SpineMet's number
# (spinemet-numbers.csv) with the relative difference. A difference above 1e-6 (relative, and
# above 1e-9 in absolute value) is marked and makes the script exit with status 1.
#
#   Rscript reproduce.R
#
# Without MatchIt, or with MatchIt older than 4.5.4 (its caliper is broken), the matched sets are
# taken from the dataset's "pair" column (SpineMet's match) and everything after matching is still
# recomputed; only the sensitivity rows, which re-match, are then left out.
# Set SPINEMET_IGNORE_MATCHIT=1 to take the pair-id path even when MatchIt is installed.

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(script) == 1) dirname(normalizePath(script)) else getwd()
suppressPackageStartupMessages(library(survival))

d <- read.csv(file.path(here, "analysis-dataset.csv"), fileEncoding = "UTF-8-BOM", colClasses = "character", na.strings = "NA", check.names = FALSE)
sp <- read.csv(file.path(here, "spinemet-numbers.csv"), fileEncoding = "UTF-8-BOM", colClasses = c("character", "numeric"), na.strings = "NA")
num <- function(x) suppressWarnings(as.numeric(x))
R <- list()
got <- function(key, value) R[[key]] <<- if (length(value) == 0 || is.null(value)) NA_real_ else as.numeric(value)[1]
CC <- ${s.testRule.continuityCorrection ? 'TRUE' : 'FALSE'}
TIMES <- ${rVector(s.survivalTimes)}
FORMULA <- ${model.formula}

# ---- cohort and propensity model (glm, as MatchIt's distance = "glm")
e <- d[d$eligible == "1", , drop = FALSE]
rownames(e) <- NULL
e$ht <- as.integer(e$arm == "HT")
got("flow.eligible.HT", sum(e$ht == 1))
got("flow.eligible.TES", sum(e$ht == 0))
for (v in ${rVector(factors)}) e[[v]] <- factor(e[[v]])
for (v in ${rVector(numerics)}) e[[v]] <- num(e[[v]])
fit <- glm(FORMULA, family = binomial, data = e)
cf <- summary(fit)$coefficients
for (term in rownames(cf)) {
  got(paste0("model.", term, ".estimate"), cf[term, 1])
  got(paste0("model.", term, ".se"), cf[term, 2])
}
e$ps_r <- fitted(fit)
e$lp_r <- predict(fit)
for (i in seq_len(nrow(e))) got(paste0("ps.", e$study_id[i]), e$ps_r[i])

# ---- matching: MatchIt when it is there and recent enough, else the bundle's pair ids
ARGS <- ${rString(matchitArguments(s, s.caliper))}
matchit_ok <- Sys.getenv("SPINEMET_IGNORE_MATCHIT") == "" && requireNamespace("MatchIt", quietly = TRUE) && utils::packageVersion("MatchIt") >= "4.5.4"
bundle_sets <- function() {
  ids <- strsplit(ifelse(is.na(e$pair), "", e$pair), ";")
  pairs <- sort(unique(as.integer(unlist(ids))))
  do.call(rbind, lapply(pairs, function(p) {
    has <- vapply(ids, function(x) as.character(p) %in% x, logical(1))
    t <- which(has & e$ht == 1)
    data.frame(pair = p, ht = t, tes = which(has & e$ht == 0))
  }))
}
run_matchit <- function(args) {
  ${s.order === 'random' ? `set.seed(${s.seed})` : 'invisible(NULL)'}
  eval(parse(text = paste0("MatchIt::matchit(FORMULA, data = e, ", args, ")")))
}
matchit_sets <- function(m) {
  mm <- m$match.matrix
  do.call(rbind, lapply(seq_len(nrow(mm)), function(k) {
    ctl <- mm[k, ]
    ctl <- ctl[!is.na(ctl)]
    if (length(ctl) == 0) return(NULL)
    data.frame(pair = k, ht = match(rownames(mm)[k], rownames(e)), tes = match(ctl, rownames(e)))
  }))
}
set_text <- function(links) tapply(e$study_id[links$tes], e$study_id[links$ht], function(x) paste(sort(x), collapse = " "))
if (matchit_ok) {
  cat("MatchIt", format(utils::packageVersion("MatchIt")), "re-matches the cohort.\\n")
  m <- run_matchit(ARGS)
  links <- matchit_sets(m)
  weights <- m$weights
  mine <- set_text(bundle_sets())
  theirs <- set_text(links)
  common <- intersect(names(mine), names(theirs))
  got("matching.sameSets", sum(mine[common] == theirs[common]))
} else {
  cat(if (Sys.getenv("SPINEMET_IGNORE_MATCHIT") != "") "SPINEMET_IGNORE_MATCHIT is set" else if (!requireNamespace("MatchIt", quietly = TRUE)) "MatchIt is not installed" else paste("MatchIt", format(utils::packageVersion("MatchIt")), "is older than 4.5.4 (its caliper is broken)"),
      ": the analyses after matching use the bundle's pair ids (SpineMet's match).\\n", sep = "")
  links <- bundle_sets()
  weights <- num(e$weight)
  weights[is.na(weights)] <- 0
}
got("matching.nPairs", nrow(links))
distance <- ${result.matching.distance === 'logit' ? 'e$lp_r' : 'e$ps_r'}

# ---- balance (MatchIt's summary(): treated SD of the unmatched sample; weighted after matching)
wmean <- function(x, w) sum(w * x) / sum(w)
wvar <- function(x, w) { k <- w > 0; x <- x[k]; w <- w[k] / sum(w[k]); m <- sum(w * x); sum(w * (x - m)^2) / (1 - sum(w^2)) }
terms <- list(distance = distance)
for (v in ${rVector(model.covariates.map((c) => c.name))}) {
  if (is.factor(e[[v]])) for (l in levels(e[[v]])) terms[[paste0(v, l)]] <- as.numeric(e[[v]] == l) else terms[[v]] <- e[[v]]
}
tr <- e$ht == 1
balance_of <- function(x, w, binary, sd1) {
  m1 <- wmean(x[tr], w[tr]); m0 <- wmean(x[!tr], w[!tr]); dm <- m1 - m0
  list(meanHT = m1, meanTES = m0, smd = if (abs(dm) < sqrt(.Machine$double.eps)) dm else dm / sd1,
       varianceRatio = if (binary) NA else wvar(x[tr], w[tr]) / wvar(x[!tr], w[!tr]))
}
max_abs_smd <- function(w) {
  max(vapply(names(terms)[-1], function(term) {
    x <- terms[[term]]; binary <- all(x %in% c(0, 1))
    sd1 <- if (binary) sqrt(mean(x[tr]) * (1 - mean(x[tr]))) else sd(x[tr])
    abs(balance_of(x, w, binary, sd1)$smd)
  }, numeric(1)))
}
for (term in names(terms)) {
  x <- terms[[term]]
  binary <- term != "distance" && all(x %in% c(0, 1))
  sd1 <- if (binary) sqrt(mean(x[tr]) * (1 - mean(x[tr]))) else sd(x[tr])
  for (s in c("before", "after")) {
    b <- balance_of(x, if (s == "before") rep(1, nrow(e)) else weights, binary, sd1)
    for (q in names(b)) if (!(binary && q == "varianceRatio")) got(paste("balance", term, s, q, sep = "."), b[[q]])
  }
}

# ---- tables: the test each row names, on the eligible cohort (independent arms) or the pairs
stuart_maxwell <- function(tab) {
  keep <- rowSums(tab) + colSums(tab) - 2 * diag(tab) > 0
  t2 <- tab[keep, keep, drop = FALSE]
  if (sum(keep) < 2) return(list(p.value = NA))
  dd <- (rowSums(t2) - colSums(t2))[-1]
  S <- -(t2 + t(t2)); diag(S) <- rowSums(t2) + colSums(t2) - 2 * diag(t2)
  S <- S[-1, -1, drop = FALSE]
  x2 <- drop(t(dd) %*% solve(S, dd))
  list(statistic = x2, p.value = pchisq(x2, sum(keep) - 1, lower.tail = FALSE))
}
row_test <- function(method, a, b, levels) {
  two <- function() rbind(table(factor(a, levels)), table(factor(b, levels)))
  pt <- function() table(factor(a, levels), factor(b, levels))
  r <- tryCatch(suppressWarnings(switch(method,
    "welch-t-test" = t.test(a, b),
    "student-t-test" = t.test(a, b, var.equal = TRUE),
    "mann-whitney-u" = wilcox.test(a, b),
    "paired-t-test" = t.test(a, b, paired = TRUE),
    "wilcoxon-signed-rank" = wilcox.test(a, b, paired = TRUE),
    "chi-square-test" = chisq.test(two(), correct = CC),
    "fisher-exact-test" = fisher.test(two()),
    "mcnemar-test" = mcnemar.test(pt(), correct = CC),
    "symmetry-test" = mcnemar.test(pt()),
    "stuart-maxwell-test" = stuart_maxwell(pt()),
    NULL)), error = function(err) NULL)
  if (is.null(r)) NA else r$p.value
}
arm_summary <- function(key, x) {
  x <- num(x); x <- x[!is.na(x)]
  got(paste0(key, ".n"), length(x)); got(paste0(key, ".mean"), if (length(x)) mean(x) else NA); got(paste0(key, ".sd"), if (length(x) > 1) sd(x) else NA)
  q <- if (length(x)) quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE) else c(NA, NA, NA)
  got(paste0(key, ".median"), q[2]); got(paste0(key, ".q1"), q[1]); got(paste0(key, ".q3"), q[3])
}
ROWS <- list(
${rows.join(',\n')}
)
for (row in ROWS) {
  k <- paste(row$id, row$variable, sep = ".")
  v <- e[[row$col]]
  if (is.null(v)) next
  if (row$paired) {
    arms <- list(HT = v[links$ht], TES = v[unique(links$tes)])
    a <- v[links$ht]; b <- v[links$tes]; ok <- !is.na(a) & !is.na(b); a <- a[ok]; b <- b[ok]
  } else {
    arms <- list(HT = v[e$ht == 1], TES = v[e$ht == 0])
    a <- arms$HT[!is.na(arms$HT)]; b <- arms$TES[!is.na(arms$TES)]
  }
  if (row$kind == "continuous") {
    for (arm in c("HT", "TES")) arm_summary(paste(k, arm, sep = "."), arms[[arm]])
    a <- num(a); b <- num(b)
  } else {
    for (l in row$levels) for (arm in c("HT", "TES")) got(paste(k, l, arm, sep = "."), sum(arms[[arm]] == l, na.rm = TRUE))
  }
  if (nzchar(row$method)) got(paste0(k, ".p"), row_test(row$method, a, b, row$levels))
}

# ---- within each arm, preoperative vs 6 months (matched patients with both values)
CHANGES <- list(
${changes.join(',\n')}
)
for (ch in CHANGES) {
  for (arm in c("HT", "TES")) {
    idx <- if (arm == "HT") links$ht else unique(links$tes)
    pre <- num(e[[ch$pre]][idx]); post <- num(e[[ch$post]][idx]); ok <- !is.na(pre) & !is.na(post)
    got(paste("changes", ch$variable, arm, "preop.mean", sep = "."), mean(pre[ok]))
    got(paste("changes", ch$variable, arm, "month6.mean", sep = "."), mean(post[ok]))
    if (nzchar(ch[[arm]])) got(paste("changes", ch$variable, arm, "within.p", sep = "."), row_test(ch[[arm]], pre[ok], post[ok], NULL))
  }
}

# ---- ASIA before -> 6 months, complications (matched patients)
GRADES <- c("A", "B", "C", "D", "E")
for (arm in c("HT", "TES")) {
  idx <- if (arm == "HT") links$ht else unique(links$tes)
  tab <- table(factor(e$v_asia[idx], GRADES), factor(e$v_asia_month6[idx], GRADES))
  for (g in GRADES) for (h in GRADES) got(paste("asia", arm, g, h, sep = "."), tab[g, h])
  for (kind in ${rVector(kinds)}) {
    n <- if (kind == "any") sum(e$v_any_complication[idx] == "yes") else sum(num(e[[paste0("c_", kind)]][idx]) > 0)
    got(paste("complications", kind, arm, sep = "."), n)
  }
}
got("complications.p", row_test(${rString(result.outcomes.complications.test?.method ?? 'mcnemar-test')}, e$v_any_complication[links$ht], e$v_any_complication[links$tes], c("no", "yes")))

# ---- survival: Kaplan-Meier (log CIs), log-rank, Cox (Efron), naive and stratified by matched set
# one row per member of each matched set (MatchIt::get_matches): its treated patient once, each control
matched_data <- function(l) {
  t1 <- l[!duplicated(l$pair), ]
  x <- rbind(e[t1$ht, ], e[l$tes, ])
  x$pair <- c(t1$pair, l$pair)
  x
}
md <- matched_data(links)
survival_of <- function(dat, cohort) {
  dat$armf <- factor(dat$arm, levels = c("TES", "HT"))
  for (ep in c("lpfs", "os")) {
    k <- paste("survival", cohort, ep, sep = ".")
    dat$tt <- num(dat[[paste0(ep, "_months")]]); dat$ev <- num(dat[[paste0(ep, "_event")]])
    x <- dat[!is.na(dat$tt) & !is.na(dat$ev), ]
    for (arm in c("HT", "TES")) {
      xa <- x[x$arm == arm, ]
      f <- survfit(Surv(tt, ev) ~ 1, data = xa)
      got(paste(k, arm, "n", sep = "."), nrow(xa)); got(paste(k, arm, "events", sep = "."), sum(xa$ev))
      sm <- summary(f, times = TIMES, extend = TRUE)
      for (j in seq_along(TIMES)) {
        got(paste0(k, ".", arm, ".S", TIMES[j]), sm$surv[j])
        got(paste0(k, ".", arm, ".lower", TIMES[j]), sm$lower[j])
        got(paste0(k, ".", arm, ".upper", TIMES[j]), sm$upper[j])
      }
      tb <- summary(f)$table
      got(paste(k, arm, "median", sep = "."), tb[["median"]]); got(paste(k, arm, "medianLower", sep = "."), tb[["0.95LCL"]]); got(paste(k, arm, "medianUpper", sep = "."), tb[["0.95UCL"]])
    }
    lr <- survdiff(Surv(tt, ev) ~ armf, data = x)
    got(paste0(k, ".logrank.chisq"), lr$chisq); got(paste0(k, ".logrank.p"), pchisq(lr$chisq, 1, lower.tail = FALSE))
    hr <- function(name, fml) {
      s <- summary(coxph(fml, data = x, ties = "efron"))
      got(paste(k, name, "estimate", sep = "."), s$conf.int[1, 1]); got(paste(k, name, "lower", sep = "."), s$conf.int[1, 3])
      got(paste(k, name, "upper", sep = "."), s$conf.int[1, 4]); got(paste(k, name, "p", sep = "."), s$coefficients[1, 5])
    }
    hr("hrNaive", Surv(tt, ev) ~ armf)
    if (cohort == "matched") hr("hrPaired", Surv(tt, ev) ~ armf + strata(pair))
  }
}
survival_of(md, "matched")
survival_of(e, "eligible")

# ---- sensitivity: re-matching needs MatchIt
SENSITIVITY <- list(
${sensitivity.join(',\n')}
)
if (matchit_ok) {
  for (row in SENSITIVITY) {
    m2 <- run_matchit(row$args)
    l2 <- matchit_sets(m2)
    got(paste0("sensitivity.", row$key, ".nPairs"), nrow(l2))
    got(paste0("sensitivity.", row$key, ".maxAbsSmdAfter"), max_abs_smd(m2$weights))
    gm <- matched_data(l2); gm$armf <- factor(gm$arm, levels = c("TES", "HT"))
    for (ep in c("lpfs", "os")) {
      gm$tt <- num(gm[[paste0(ep, "_months")]]); gm$ev <- num(gm[[paste0(ep, "_event")]])
      got(paste0("sensitivity.", row$key, ".hr.", ep), summary(coxph(Surv(tt, ev) ~ armf + strata(pair), data = gm, ties = "efron"))$conf.int[1, 1])
    }
  }
}

# ---- SpineMet's numbers beside R's
computed <- sp$key %in% names(R)
r <- rep(NA_real_, nrow(sp)); r[computed] <- unlist(R[sp$key[computed]])
both_na <- is.na(sp$value) & is.na(r)
absdiff <- ifelse(both_na, 0, abs(r - sp$value))
reldiff <- ifelse(both_na, 0, absdiff / pmax(abs(sp$value), abs(r)))
reldiff[!both_na & absdiff == 0] <- 0
bad <- computed & (is.na(reldiff) | (reldiff > 1e-6 & absdiff > 1e-9))
cat(sprintf("%-56s %22s %22s %10s\\n", "number", "SpineMet", "R", "rel. diff"))
is_ps <- startsWith(sp$key, "ps.")
for (i in which(computed & !is_ps)) {
  cat(sprintf("%-56s %22.15g %22.15g %10.2e%s\\n", sp$key[i], sp$value[i], r[i], reldiff[i], if (bad[i]) "  <-- DIFFERS" else ""))
}
if (any(computed & is_ps)) {
  w <- which(computed & is_ps)[which.max(reldiff[computed & is_ps])]
  cat(sprintf("%-56s %22.15g %22.15g %10.2e%s\\n", paste0("propensity scores (", sum(computed & is_ps), " matched patients), largest: ", sp$key[w]), sp$value[w], r[w], reldiff[w], if (any(bad[is_ps])) "  <-- DIFFERS" else ""))
  for (i in which(bad & is_ps)) cat(sprintf("%-56s %22.15g %22.15g %10.2e  <-- DIFFERS\\n", sp$key[i], sp$value[i], r[i], reldiff[i]))
}
if (any(!computed)) cat("Not recomputed here (", if (matchit_ok) "not reproducible in R" else "needs MatchIt >= 4.5.4", "): ", paste(sp$key[!computed], collapse = ", "), "\\n", sep = "")
cat(sprintf("RESULT compared=%d differing=%d not_recomputed=%d largest_relative_difference=%.3g\\n", sum(computed), sum(bad), sum(!computed), max(c(0, reldiff[computed]), na.rm = TRUE)))
quit(status = if (any(bad)) 1 else 0)
`
}
