// The R script that reproduces the study's match (and its survival results) from the analysis
// dataset that `spinemet study --dataset study-dataset.csv` writes: glm + MatchIt + survival.
import type { CaliperSetting, CovariateSetting, StudySettings } from '@contract/study'
import { COVARIATE_NAMES } from './covariates'

/** The matchit() arguments for the settings (MatchIt >= 4.6). */
export function matchitArguments(s: Pick<StudySettings, 'ratio' | 'replace' | 'order'>, caliper: CaliperSetting): string {
  const args = ['method = "nearest"', 'distance = "glm"']
  if (caliper.scale === 'logitSd') args.push('link = "linear.logit"')
  args.push(`ratio = ${s.ratio}`, `replace = ${s.replace ? 'TRUE' : 'FALSE'}`)
  if (caliper.scale === 'propensity') args.push(`caliper = ${caliper.width}`, 'std.caliper = FALSE')
  if (caliper.scale === 'logitSd') args.push(`caliper = ${caliper.width}`, 'std.caliper = TRUE')
  args.push(`m.order = "${s.order}"`)
  return args.join(', ')
}

export function studyRScript(settings: StudySettings, formula: string, covariates: readonly CovariateSetting[]): string {
  const factors = covariates.filter((c) => c.entry === 'factor').map((c) => COVARIATE_NAMES[c.id])
  const classes = factors.map((f) => `${f} = "character"`).join(', ')
  return [
    'library(survival)',
    `d <- read.csv("study-dataset.csv"${factors.length ? `, colClasses = c(${classes})` : ''})`,
    'e <- subset(d, eligible == 1)',
    ...(factors.length ? [`for (v in c(${factors.map((f) => `"${f}"`).join(', ')})) e[[v]] <- factor(e[[v]])`] : []),
    'e$ht <- as.integer(e$arm == "HT")',
    ...(settings.order === 'random' ? [`set.seed(${settings.seed})`] : []),
    `m <- MatchIt::matchit(${formula}, data = e, ${matchitArguments(settings, settings.caliper)})`,
    'summary(m)',
    'md <- MatchIt::get_matches(m)',
    'md$arm <- factor(md$arm, levels = c("TES", "HT"))',
    '# matched pairs side by side (one row per HT-TES link), for the paired tests of Table 2',
    'p <- merge(md[md$arm == "HT", ], md[md$arm == "TES", ], by = "subclass", suffixes = c("_ht", "_tes"))',
    'survfit(Surv(lpfs_months, lpfs_event) ~ arm, data = md)',
    'survdiff(Surv(lpfs_months, lpfs_event) ~ arm, data = md)',
    'coxph(Surv(lpfs_months, lpfs_event) ~ arm + strata(subclass), data = md)',
    'survfit(Surv(os_months, os_event) ~ arm, data = md)',
    'survdiff(Surv(os_months, os_event) ~ arm, data = md)',
    'coxph(Surv(os_months, os_event) ~ arm + strata(subclass), data = md)',
  ].join('\n')
}
