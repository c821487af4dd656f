import path from 'node:path'
import { UsageError, jsonNumber as num, listOption, oneOfOption, optionalNumber, requireString, type Command } from '../command'
import { completeCases, numericValues, rReadCsv, readCsvTable } from '../csv-table'
import { LEVEL_ORDER_HELP, covariateColumns, eventColumn, factorColumn } from '../r-columns'
import { coxProportionalHazards, type CoxTies } from '../../engine/cox-ph'

const TIES = ['efron', 'breslow'] as const

export const coxCommand: Command = {
  name: 'cox',
  summary: 'Cox proportional hazards regression from a CSV file, as R survival::coxph.',
  help: `Reproduces, for the complete rows of the CSV:
  fit <- coxph(Surv(time, event) ~ a + b, data, ties = "efron"); summary(fit)

Rows with an empty, NA or "." cell in a used column are dropped (nDropped). A covariate column is
numeric when every filled cell is a number; TRUE/FALSE columns and text columns are factors with
treatment contrasts: the first level is the reference and each other level gets a term named as
R's model.matrix names it (column name + level, e.g. sexmale, celltypelarge, smokerTRUE). The
event column is 0/1, or 1/2 (2 = event), or TRUE/FALSE.
${LEVEL_ORDER_HELP}

JSON fields (--json):
  n, nDropped, events     rows analysed, rows dropped for missing values, number of events
  ties                    efron (R's default) or breslow
  terms[]                 {term, coef, se, hr, lower, upper, z, p}: coefficient, its standard
                          error, hazard ratio exp(coef) with its CI (--conf-level, default 95%),
                          Wald z and two-sided p. All null for a term R reports as NA (aliased,
                          e.g. a constant covariate).
  lrt                     {chisq, df, p}: likelihood-ratio test against the null model
  wald, score             {chisq, df, p}: Wald and score (log-rank) tests, as summary(fit)
  concordance             Harrell's C as coxph reports it (fit$concordance["concordance"])
  concordanceSe           its standard error (fit$concordance["std"])
  logLikelihood           [null model, fitted model] (fit$loglik)
  iterations, converged   Newton–Raphson iterations (R's fit$iter) and whether it converged
  warnings[]              {code, message, term?}: NOT_CONVERGED, INFINITE_COEFFICIENT
                          ("Loglik converged before variable k; coefficient may be infinite"),
                          SINGULAR_COLUMN (coefficient NA), …
  method, rCall, engineVersion
Numbers that are not finite — R's NA, or Inf such as exp(upper limit) for an infinite coefficient —
are null.`,
  options: {
    csv: { type: 'string', valueName: 'FILE', description: 'CSV file with a header row' },
    time: { type: 'string', valueName: 'COLUMN', description: 'follow-up time column (≥ 0)' },
    event: { type: 'string', valueName: 'COLUMN', description: 'event column: 1 = event, 0 = censored (or 2/1, TRUE/FALSE)' },
    covariates: { type: 'string', valueName: 'A,B,…', description: 'covariate columns, in model order' },
    ties: { type: 'string', valueName: 'efron|breslow', description: 'handling of tied event times (default efron, as R)' },
    strata: { type: 'string', valueName: 'COLUMN', description: 'optional stratum column: separate baseline hazards (R: + strata(x))' },
    'conf-level': { type: 'string', valueName: 'P', description: 'confidence level for hazard ratios (default 0.95)' },
    'iter-max': { type: 'string', valueName: 'N', description: 'maximum Newton–Raphson iterations (default 20, coxph.control)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'csv'))
    const timeCol = requireString(values, 'time')
    const eventCol = requireString(values, 'event')
    const covNames = listOption(values, 'covariates')
    if (!covNames || covNames.length === 0) throw new UsageError('missing required option --covariates')
    const dup = covNames.find((c, i) => covNames.indexOf(c) !== i)
    if (dup) throw new UsageError(`--covariates lists "${dup}" twice`)
    const ties: CoxTies = oneOfOption(values, 'ties', TIES) ?? 'efron'
    const confLevel = optionalNumber(values, 'conf-level', { min: 0.5, max: 0.999999 }) ?? 0.95
    const iterMax = optionalNumber(values, 'iter-max', { integer: true, min: 0, max: 1000 }) ?? 20
    const strataCol = typeof values.strata === 'string' ? values.strata : undefined

    const table = readCsvTable(file)
    const columns = [timeCol, eventCol, ...covNames, ...(strataCol ? [strataCol] : [])]
    const cc = completeCases(table, columns)
    if (cc.rowNumbers.length === 0) throw new UsageError(`${table.file} has no rows with all of ${columns.join(', ')} filled in`)
    const time = numericValues(table, cc, timeCol)
    const event = eventColumn(table, eventCol, () => cc.cells[eventCol]!, cc.rowNumbers, cc.values[eventCol])
    const covariates = covariateColumns(table, covNames, cc, { logical: 'factor' })
    const strata = strataCol ? factorColumn(table, strataCol, cc.cells[strataCol]!) : undefined

    const fit = coxProportionalHazards({ time, event, covariates, strata }, { ties, confLevel, iterMax })
    const test = (t: { chisq: number; df: number; p: number }) => ({ chisq: num(t.chisq), df: t.df, p: num(t.p) })
    const json = {
      method: fit.method,
      rCall: `${rReadCsv(file, table)}; ${fit.rCall.replace('Surv(time, event)', `Surv(${timeCol}, ${eventCol})`).replace('strata(stratum)', `strata(${strataCol})`).replace(', ties', ', data = d, ties')}`,
      n: fit.n.used,
      nDropped: cc.nDropped,
      events: fit.events,
      ties,
      confLevel,
      terms: fit.terms.map((t) => ({
        term: t.term,
        coef: num(t.coefficient),
        se: num(t.standardError),
        hr: num(t.hazardRatio.estimate),
        lower: num(t.hazardRatio.lower),
        upper: num(t.hazardRatio.upper),
        z: num(t.z),
        p: num(t.p),
      })),
      lrt: test(fit.likelihoodRatioTest),
      wald: test(fit.waldTest),
      score: test(fit.scoreTest),
      concordance: num(fit.concordance.concordance),
      concordanceSe: num(fit.concordance.std),
      logLikelihood: fit.logLikelihood.map(num),
      iterations: fit.iterations,
      converged: fit.converged,
      warnings: fit.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.term ? { term: w.term } : {}) })),
      engineVersion: fit.engineVersion,
    }
    return { json, text: coxText(json, file, timeCol, eventCol) }
  },
}

type CoxJson = {
  n: number
  nDropped: number
  events: number
  ties: string
  confLevel: number
  terms: { term: string; coef: number | null; se: number | null; hr: number | null; lower: number | null; upper: number | null; z: number | null; p: number | null }[]
  lrt: { chisq: number | null; df: number; p: number | null }
  wald: { chisq: number | null; df: number; p: number | null }
  score: { chisq: number | null; df: number; p: number | null }
  concordance: number | null
  concordanceSe: number | null
  iterations: number
  warnings: { code: string; message: string }[]
}

const f = (x: number | null, d = 4): string => (x === null ? 'NA' : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : x.toFixed(d))
const pf = (p: number | null): string => (p === null ? 'NA' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4))

function coxText(j: CoxJson, file: string, timeCol: string, eventCol: string): string {
  const pct = Math.round(j.confLevel * 1000) / 10
  const lines = [
    `Cox proportional hazards: ${path.basename(file)}, time = ${timeCol}, event = ${eventCol}, ties = ${j.ties}`,
    `n = ${j.n}, events = ${j.events}${j.nDropped ? ` (${j.nDropped} rows dropped for missing values)` : ''}`,
    '',
  ]
  const rows = [['term', 'coef', 'se', 'HR', `${pct}% CI`, 'z', 'p']]
  for (const t of j.terms) rows.push([t.term, f(t.coef), f(t.se), f(t.hr, 3), `${f(t.lower, 3)} – ${f(t.upper, 3)}`, f(t.z, 2), pf(t.p)])
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const r of rows) lines.push(r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]!) : cell.padStart(w[c]!))).join('  '))
  lines.push(
    '',
    `Concordance = ${f(j.concordance, 3)} (se = ${f(j.concordanceSe, 3)})`,
    `Likelihood ratio test = ${f(j.lrt.chisq, 2)} on ${j.lrt.df} df, p = ${pf(j.lrt.p)}`,
    `Wald test             = ${f(j.wald.chisq, 2)} on ${j.wald.df} df, p = ${pf(j.wald.p)}`,
    `Score (logrank) test  = ${f(j.score.chisq, 2)} on ${j.score.df} df, p = ${pf(j.score.p)}`,
  )
  for (const x of j.warnings) lines.push(`Warning: ${x.message}`)
  return lines.join('\n')
}
