import path from 'node:path'
import { UsageError, jsonNumber as num, numberListOption, oneOfOption, optionalNumber, requireString, type Command } from '../command'
import { completeCases, numericValues, rReadCsv, readCsvTable } from '../csv-table'
import { LEVEL_ORDER_HELP, eventColumn, factorColumn } from '../r-columns'
import { kaplanMeier, type KaplanMeierAtTimes, type KaplanMeierConfType } from '../../engine/kaplan-meier'
import { logRankTest } from '../../engine/log-rank'

const CONF_TYPES = ['log', 'log-log', 'plain'] as const

export const kmCommand: Command = {
  name: 'km',
  summary: 'Kaplan–Meier survival curves (and the log-rank test with --group) from a CSV file, as R survival::survfit / survdiff.',
  help: `Reproduces, for the complete rows of the CSV:
  fit <- survfit(Surv(time, event) ~ group, data, conf.type = "log")
  summary(fit, times = at); print(fit); quantile(fit); survdiff(Surv(time, event) ~ group, data)

Rows with an empty, NA or "." cell in a used column are dropped (nDropped). The event column is
0/1, or 1/2 (1 = censored, 2 = event, as survival::lung), or TRUE/FALSE.
${LEVEL_ORDER_HELP}

JSON fields (--json):
  n, nDropped            rows analysed and rows dropped for missing values
  confType, confLevel    interval shape (log = R's default; log-log; plain) and level
  groups[]               one per group (a single "all" without --group):
    group, n, events
    median, medianLower, medianUpper   median survival and its CI as print.survfit shows them;
                                       null when not reached
    quantiles[]          {probability, estimate, lower, upper} as quantile.survfit (0.25, 0.5, 0.75)
    at[]                 {time, nRisk, nEvent, nCensor, surv, se, lower, upper} at the --at times,
                         as summary(fit, times = at); se is the standard error of S(t) itself;
                         times after the group's last follow-up are left out unless --extend
    steps[]              {time, nRisk, nEvent, nCensor, surv, se, lower, upper}: the full curve,
                         one row per distinct time (R's fit$time, fit$n.risk, ...)
  riskTable              {times, nRisk[group][time]} for --risk-times (number at risk under a plot)
  logrank                {chisq, df, p, rho, observed[], expected[]} (with --group), as survdiff
  warnings[]             {code, message}
  method, rCall, engineVersion
Numbers R reports as NA (e.g. the CI once S(t) = 0) are null.`,
  options: {
    csv: { type: 'string', valueName: 'FILE', description: 'CSV file with a header row' },
    time: { type: 'string', valueName: 'COLUMN', description: 'follow-up time column (≥ 0, any unit)' },
    event: { type: 'string', valueName: 'COLUMN', description: 'event column: 1 = event, 0 = censored (or 2/1, TRUE/FALSE)' },
    group: { type: 'string', valueName: 'COLUMN', description: 'optional grouping column: one curve per group and a log-rank test' },
    strata: { type: 'string', valueName: 'COLUMN', description: 'optional stratum column for a stratified log-rank test (with --group)' },
    'conf-type': { type: 'string', valueName: 'log|log-log|plain', description: 'confidence interval shape (default log, as R)' },
    'conf-level': { type: 'string', valueName: 'P', description: 'confidence level (default 0.95)' },
    at: { type: 'string', valueName: 'T1,T2,…', description: 'times at which to report survival, e.g. 12,24,60' },
    extend: { type: 'boolean', description: 'also report --at times after the last follow-up (R: extend = TRUE)' },
    'risk-times': { type: 'string', valueName: 'T1,T2,…', description: 'times for the number-at-risk table' },
    rho: { type: 'string', valueName: 'R', description: 'G-rho weight for the group test (default 0 = log-rank; 1 = Peto-Peto)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'csv'))
    const timeCol = requireString(values, 'time')
    const eventCol = requireString(values, 'event')
    const groupCol = typeof values.group === 'string' ? values.group : undefined
    const strataCol = typeof values.strata === 'string' ? values.strata : undefined
    if (strataCol && !groupCol) throw new UsageError('--strata needs --group (the stratified test compares groups within strata)')
    const confType: KaplanMeierConfType = oneOfOption(values, 'conf-type', CONF_TYPES) ?? 'log'
    const confLevel = optionalNumber(values, 'conf-level', { min: 0.5, max: 0.999999 }) ?? 0.95
    const rho = optionalNumber(values, 'rho') ?? 0
    const at = numberListOption(values, 'at')
    const riskTimes = numberListOption(values, 'risk-times')

    const table = readCsvTable(file)
    const columns = [timeCol, eventCol, ...(groupCol ? [groupCol] : []), ...(strataCol ? [strataCol] : [])]
    const cc = completeCases(table, columns)
    if (cc.rowNumbers.length === 0) throw new UsageError(`${table.file} has no rows with all of ${columns.join(', ')} filled in`)
    const time = numericValues(table, cc, timeCol)
    const event = eventColumn(table, eventCol, () => cc.cells[eventCol]!, cc.rowNumbers, cc.values[eventCol])
    const group = groupCol ? factorColumn(table, groupCol, () => cc.cells[groupCol]!, cc.values[groupCol]) : undefined
    const strata = strataCol ? factorColumn(table, strataCol, cc.cells[strataCol]!) : undefined

    const km = kaplanMeier({ time, event, group }, { confType, confLevel, times: at, extend: values.extend === true, riskTableTimes: riskTimes })
    const lr = group ? (group.levels.length > 1 ? logRankTest({ time, event, group, strata }, { rho }) : null) : null
    const warnings = [...km.warnings, ...(lr?.warnings ?? [])]
    if (group && group.levels.length < 2) warnings.push({ code: 'ONE_GROUP', message: `The column "${groupCol}" has a single value, so there is no log-rank test.` })

    const json = {
      method: km.method,
      rCall: `${rReadCsv(file, table)}; fit <- ${km.rCall.replace(/Surv\(time, event\) ~ (group|1),/, `Surv(${timeCol}, ${eventCol}) ~ ${groupCol ?? '1'}, data = d,`)}`,
      n: km.n.used,
      nDropped: cc.nDropped,
      confType,
      confLevel,
      groups: km.curves.map((c) => ({
        group: c.group,
        n: c.n,
        events: c.events,
        median: c.median.estimate,
        medianLower: c.median.lower,
        medianUpper: c.median.upper,
        quantiles: c.quantiles,
        at: tableRows(c.at),
        steps: tableRows(c.steps),
      })),
      riskTable: riskTimes.length ? { groups: km.curves.map((c) => c.group), ...km.riskTable } : null,
      ...(lr
        ? {
            logrank: {
              chisq: num(lr.chisq),
              df: lr.df,
              p: num(lr.p),
              rho: lr.options.rho,
              stratified: lr.options.stratified,
              observed: lr.groups.map((g) => g.observed),
              expected: lr.groups.map((g) => g.expected),
              rCall: lr.rCall.replace('Surv(time, event) ~ group', `Surv(${timeCol}, ${eventCol}) ~ ${groupCol}`).replace('strata(stratum)', `strata(${strataCol})`).replace(', rho', ', data = d, rho'),
            },
          }
        : {}),
      warnings: warnings.map((w) => ({ code: w.code, message: w.message })),
      engineVersion: km.engineVersion,
    }
    return { json, text: kmText(json, file, timeCol, eventCol, groupCol) }
  },
}

/** The rows of a survival table (the full curve or the values at requested times) as JSON objects. */
function tableRows(s: KaplanMeierAtTimes) {
  return Array.from(s.time, (time, k) => ({
    time,
    nRisk: s.nRisk[k]!,
    nEvent: s.nEvent[k]!,
    nCensor: s.nCensor[k]!,
    surv: num(s.surv[k]),
    se: num(s.se[k]),
    lower: num(s.lower[k]),
    upper: num(s.upper[k]),
  }))
}

type KmJson = {
  n: number
  nDropped: number
  confType: string
  confLevel: number
  groups: { group: string; n: number; events: number; median: number | null; medianLower: number | null; medianUpper: number | null; at: { time: number; nRisk: number; surv: number | null; se: number | null; lower: number | null; upper: number | null }[] }[]
  logrank?: { chisq: number | null; df: number; p: number | null; rho: number; stratified: boolean }
  warnings: { code: string; message: string }[]
}

const fmt = (x: number | null, d = 3): string => (x === null ? 'NA' : Number.isInteger(x) ? String(x) : x.toFixed(d))
const pfmt = (p: number | null): string => (p === null ? 'NA' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4))

function kmText(j: KmJson, file: string, timeCol: string, eventCol: string, groupCol: string | undefined): string {
  const pct = Math.round(j.confLevel * 1000) / 10
  const lines = [
    `Kaplan–Meier: ${path.basename(file)}, time = ${timeCol}, event = ${eventCol}${groupCol ? `, group = ${groupCol}` : ''}`,
    `${j.n} patients analysed${j.nDropped ? `, ${j.nDropped} rows dropped for missing values` : ''}; ${pct}% CI, ${j.confType} type (R survfit default: log)`,
    '',
  ]
  const rows = [['group', 'n', 'events', 'median', `${pct}% CI`]]
  for (const g of j.groups) rows.push([g.group, String(g.n), String(g.events), g.median === null ? 'not reached' : fmt(g.median), `${fmt(g.medianLower)} – ${fmt(g.medianUpper)}`])
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const r of rows) lines.push(r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]!) : cell.padStart(w[c]!))).join('  '))
  if (j.groups.some((g) => g.at.length)) {
    lines.push('', 'Survival at requested times')
    for (const g of j.groups) {
      for (const a of g.at) {
        lines.push(`  ${g.group.padEnd(w[0]!)}  t = ${fmt(a.time, 2).padStart(7)}  at risk ${String(a.nRisk).padStart(5)}  S = ${fmt(a.surv)} (SE ${fmt(a.se)}; ${fmt(a.lower)} – ${fmt(a.upper)})`)
      }
    }
  }
  if (j.logrank) {
    const lr = j.logrank
    lines.push('', `${lr.rho === 0 ? 'Log-rank' : `G-rho (rho = ${lr.rho})`} test${lr.stratified ? ' (stratified)' : ''}: chi-square = ${fmt(lr.chisq, 2)} on ${lr.df} df, p = ${pfmt(lr.p)}`)
  }
  for (const x of j.warnings) lines.push(`Warning: ${x.message}`)
  return lines.join('\n')
}
