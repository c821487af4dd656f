import fs from 'node:fs'
import path from 'node:path'
import { UsageError, jsonNumber as num, listOption, oneOfOption, optionalNumber, requireString, type Command } from '../command'
import { completeCases, rReadCsv, readCsvTable, type CsvTable } from '../csv-table'
import { LEVEL_ORDER_HELP, columnKind, covariateColumns, factorColumn } from '../r-columns'
import { propensityScoreMatching } from '../../engine/propensity-score-matching'
import { matchedPairs, type MatchOrder } from '../../engine/nearest-neighbor-matching'

const ORDERS = ['largest', 'smallest', 'data', 'random'] as const
const SCALES = ['ps', 'logit-sd', 'ps-sd'] as const

/**
 * The treatment as MatchIt's binarize() reads it: two distinct values; for numbers 0 (or else the
 * smaller) is control, for TRUE/FALSE FALSE is control, for text the first in R's factor() order is.
 */
function treatmentColumn(table: CsvTable, column: string, cellsOf: () => readonly string[], values?: Float64Array): { treat: Uint8Array; control: string; treated: string } {
  const kind = columnKind(table, column)
  // A column of plain numbers is coded from the numbers, without building its cells as text.
  const f = factorColumn(table, column, cellsOf, values)
  if (f.levels.length !== 2) {
    throw new UsageError(
      f.levels.length < 2
        ? `the treatment column "${column}" has a single value (${f.levels[0] ?? 'none'}) in the complete rows: matching needs treated and control patients`
        : `the treatment column "${column}" must have exactly two values (1 = treated, 0 = control), found ${f.levels.length}: ${f.levels.slice(0, 6).join(', ')}`,
    )
  }
  // Numeric: 0 is control when present, else the smaller value (R's factor order is numeric).
  const flip = kind === 'numeric' && f.levels[1] === '0'
  const treat = new Uint8Array(f.codes.length)
  f.codes.forEach((c, i) => (treat[i] = flip ? 1 - c : c))
  return { treat, control: f.levels[flip ? 1 : 0]!, treated: f.levels[flip ? 0 : 1]! }
}

export const matchCommand: Command = {
  name: 'match',
  summary: 'Propensity score matching from a CSV file (logistic PS, greedy nearest neighbour), as R MatchIt::matchit + summary.',
  help: `Reproduces, for the complete rows of the CSV (MatchIt >= 4.6; pairs identical to MatchIt's):
  m <- MatchIt::matchit(treat ~ a + b + ..., data, method = "nearest", distance = "glm",
                        ratio = k, replace = FALSE, caliper = c, std.caliper = FALSE, m.order = "largest")
  summary(m)
Caliper scales: ps (default; the caliper is on the propensity score itself, std.caliper = FALSE —
the reference study's 0.02), logit-sd (the caliper is in standard deviations of the logit of the
PS and matching is on the logit: link = "linear.logit", std.caliper = TRUE — Austin's 0.2),
ps-sd (MatchIt's own default: SDs of the PS). The SD is R's sd() of the distance over all
patients, as MatchIt computes it. Treated patients are visited in --order (largest PS first by
default; "random" needs --seed and draws R's set.seed(seed); sample()). With --replace MatchIt
ignores --order, and so do we.

The treatment column must have two values: 1 = treated, 0 = control (or TRUE/FALSE, or two
labels, the second in R's factor() order being "treated", as MatchIt's binarize()). Text
covariates are factors; --factors turns numeric codes into factors too. A TRUE/FALSE covariate is
one 0/1 term <name>TRUE, as model.matrix() and MatchIt's summary() show it.
${LEVEL_ORDER_HELP}
Rows with an empty, NA or "." cell in a used column are dropped (nDropped).

JSON fields (--json):
  n, nDropped              rows used, rows dropped for missing values
  nTreated, nControl       patients per group; treatedValue, controlValue: the treatment values
  nPairs                   matched treated–control links (k per treated patient with --ratio k)
  pairs                    [[treatedRow, controlRow], ...]: 1-based CSV data rows (header not
                           counted), sorted by treated row; with --ratio k one pair per control,
                           in MatchIt's match.matrix column order
  unmatched                treated rows that got no control (caliper, or too few controls)
  nMatchedControls         controls used at least once
  caliperDistance          the caliper on the matching scale (after multiplying by the SD)
  coefficients             [{term, estimate, se}] of the propensity model (glm logit); a term R
                           reports as NA (constant or collinear covariate) has null estimate and se
  balance                  [{term, smdBefore, smdAfter, varianceRatioBefore, varianceRatioAfter,
                           meanTreatedBefore, meanControlBefore, meanTreatedAfter,
                           meanControlAfter}]: MatchIt summary() definitions — "distance" first,
                           every factor level, SMD over the treated SD of the unmatched sample
                           (sqrt(p(1 − p)) for 0/1 terms), variance ratio null for 0/1 terms
  options                  the settings used (ratio, replace, caliper, scale, order, seed)
  warnings                 [{code, message}]: glm's (non-convergence, fitted probabilities 0 or 1,
                           NA coefficients) and the matching's (too few controls, unmatched)
  method, rCall, engineVersion`,
  options: {
    csv: { type: 'string', valueName: 'FILE', description: 'CSV file with a header row' },
    treat: { type: 'string', valueName: 'COLUMN', description: 'treatment column: 1 = treated, 0 = control' },
    covariates: { type: 'string', valueName: 'A,B,…', description: 'propensity model covariates, comma-separated' },
    factors: { type: 'string', valueName: 'A,B,…', description: 'numeric covariates to treat as categories (R: factor(x))' },
    caliper: { type: 'string', valueName: 'C', description: 'caliper width (default none); scale set by --caliper-scale' },
    'caliper-scale': { type: 'string', valueName: 'ps|logit-sd|ps-sd', description: 'caliper on the PS (default), in SDs of the logit, or in SDs of the PS' },
    ratio: { type: 'string', valueName: 'K', description: 'controls per treated patient (default 1)' },
    replace: { type: 'boolean', description: 'match with replacement (a control may serve several treated patients)' },
    order: { type: 'string', valueName: 'largest|smallest|data|random', description: 'order in which treated patients choose (default largest PS first)' },
    seed: { type: 'string', valueName: 'N', description: 'seed for --order random (R: set.seed(N))' },
    out: { type: 'string', valueName: 'FILE', description: "write the matched rows as MatchIt's match.data(m): every column plus distance, weights, subclass" },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'csv'))
    const treatCol = requireString(values, 'treat')
    const covNames = listOption(values, 'covariates')
    if (!covNames || covNames.length === 0) throw new UsageError('missing required option --covariates')
    const factors = new Set(listOption(values, 'factors') ?? [])
    for (const f of factors) if (!covNames.includes(f)) throw new UsageError(`--factors names "${f}", which is not in --covariates`)
    if (covNames.includes(treatCol)) throw new UsageError(`the treatment column "${treatCol}" cannot also be a covariate`)
    const caliper = optionalNumber(values, 'caliper')
    if (caliper !== undefined && !(caliper > 0)) throw new UsageError(`--caliper must be a positive number, got ${caliper}`)
    const scale = oneOfOption(values, 'caliper-scale', SCALES) ?? 'ps'
    const ratio = optionalNumber(values, 'ratio', { integer: true, min: 1 }) ?? 1
    const order: MatchOrder = oneOfOption(values, 'order', ORDERS) ?? 'largest'
    const seed = optionalNumber(values, 'seed', { integer: true })
    if (order === 'random' && seed === undefined) throw new UsageError('--order random needs --seed N so that the matching can be reproduced')
    const replace = values.replace === true
    const outFile = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : undefined
    if (outFile && replace) throw new UsageError('--out writes pairs with their subclass, which matching with --replace does not have (MatchIt: use get_matches() instead)')

    const table = readCsvTable(file)
    const columns = [treatCol, ...covNames]
    const cc = completeCases(table, columns)
    if (cc.rowNumbers.length === 0) throw new UsageError(`${table.file} has no rows with all of ${columns.join(', ')} filled in`)
    const { treat, control, treated } = treatmentColumn(table, treatCol, () => cc.cells[treatCol]!, cc.values[treatCol])
    const covariates = covariateColumns(table, covNames, cc, { factors, logical: 'indicator' })

    const res = propensityScoreMatching(
      { treat, covariates },
      {
        link: scale === 'logit-sd' ? 'linear.logit' : 'logit',
        caliper,
        stdCaliper: scale !== 'ps',
        ratio,
        replace,
        order,
        seed,
        ecdf: false,
      },
    )
    const m = res.matching
    // --factors columns become factors in d itself, so that R names their terms (x2, x3) as the JSON does.
    const formula = `${treatCol} ~ ${covNames.join(' + ')}`
    const readD = [rReadCsv(file, table), ...[...factors].map((f) => `d$${f} <- factor(d$${f})`)].join('; ')
    const row = (i: number): number => cc.rowNumbers[i]!
    // Data-row numbers in place of positions (the pairs are this call's own arrays).
    const pairs = matchedPairs(m)
    for (const pair of pairs) {
      pair[0] = row(pair[0])
      pair[1] = row(pair[1])
    }
    const json = {
      method: res.method,
      rCall: `${readD}; ${res.rCall.replace(/MatchIt::matchit\(.*?, data = d,/, () => `MatchIt::matchit(${formula}, data = d,`)}`,
      n: res.n,
      nDropped: cc.nDropped,
      nTreated: m.nTreated,
      nControl: m.nControl,
      treatedValue: treated,
      controlValue: control,
      nPairs: m.nPairs,
      pairs,
      unmatched: Array.from(m.unmatchedTreated, row),
      nMatchedControls: m.nMatchedControls,
      caliperDistance: m.options.caliperDistance,
      options: {
        ratio: m.options.ratio,
        replace: m.options.replace,
        caliper: m.options.caliper,
        caliperScale: caliper === undefined ? null : scale,
        distance: res.options.link === 'linear.logit' ? 'logit of the propensity score' : 'propensity score',
        order: m.options.order,
        requestedOrder: m.options.requestedOrder,
        seed: m.options.seed,
      },
      coefficients: res.propensityModel.coefficients.map((c) => ({ term: c.term, estimate: c.estimate, se: c.standardError })),
      balance: (res.balance?.rows ?? []).map((b) => ({
        term: b.term,
        smdBefore: num(b.before.standardizedMeanDifference),
        smdAfter: num(b.after?.standardizedMeanDifference),
        varianceRatioBefore: num(b.before.varianceRatio),
        varianceRatioAfter: num(b.after?.varianceRatio),
        meanTreatedBefore: num(b.before.meanTreated),
        meanControlBefore: num(b.before.meanControl),
        meanTreatedAfter: num(b.after?.meanTreated),
        meanControlAfter: num(b.after?.meanControl),
      })),
      warnings: [
        ...(seed !== undefined && order !== 'random' ? [{ code: 'SEED_UNUSED', message: `--seed ${seed} has no effect: only --order random draws random numbers (the order used is "${order}").` }] : []),
        ...res.warnings.map((w) => ({ code: w.code, message: w.message })),
      ],
      engineVersion: res.engineVersion,
    }
    if (outFile) {
      writeMatchData(outFile, table, cc.rowNumbers, res.distance, res.matching)
      return { json: { ...json, out: outFile }, text: matchText(json, file, treatCol) + `\nMatched rows written to ${outFile}` }
    }
    return { json, text: matchText(json, file, treatCol) }
  },
}

type MatchJson = {
  n: number
  nDropped: number
  nTreated: number
  nControl: number
  nPairs: number
  unmatched: number[]
  nMatchedControls: number
  caliperDistance: number | null
  options: { ratio: number; replace: boolean; caliper: number | null; caliperScale: string | null; order: string }
  coefficients: { term: string; estimate: number | null; se: number | null }[]
  balance: { term: string; smdBefore: number | null; smdAfter: number | null; varianceRatioBefore: number | null; varianceRatioAfter: number | null }[]
  warnings: { code: string; message: string }[]
  rCall: string
}

const fmt = (x: number | null, d = 3): string => (x === null ? 'NA' : x.toFixed(d))

function matchText(j: MatchJson, file: string, treatCol: string): string {
  const o = j.options
  const lines = [
    `Propensity score matching: ${path.basename(file)}, treatment = ${treatCol}`,
    `${j.n} patients (${j.nTreated} treated, ${j.nControl} control)${j.nDropped ? `, ${j.nDropped} rows dropped for missing values` : ''}`,
    `${o.ratio}:1 nearest neighbour ${o.replace ? 'with' : 'without'} replacement, ${o.order} first, ${o.caliper === null ? 'no caliper' : `caliper ${o.caliper} (${o.caliperScale}; ${fmt(j.caliperDistance, 4)} on the matching scale)`}`,
    `${j.nPairs} pairs; ${j.nTreated - j.unmatched.length} treated and ${j.nMatchedControls} controls matched; ${j.unmatched.length} treated unmatched`,
    '',
    'Propensity model (logistic regression)',
  ]
  const w = Math.max(...j.coefficients.map((c) => c.term.length), ...j.balance.map((b) => b.term.length), 4)
  for (const c of j.coefficients) lines.push(`  ${c.term.padEnd(w)}  ${c.estimate === null ? 'NA (aliased)' : `${c.estimate.toPrecision(5).padStart(11)}  SE ${c.se!.toPrecision(4)}`}`)
  lines.push('', `Balance (standardized mean difference; variance ratio)`, `  ${'term'.padEnd(w)}  ${'SMD before'.padStart(10)}  ${'SMD after'.padStart(10)}  ${'VR before'.padStart(9)}  ${'VR after'.padStart(9)}`)
  for (const b of j.balance) lines.push(`  ${b.term.padEnd(w)}  ${fmt(b.smdBefore).padStart(10)}  ${fmt(b.smdAfter).padStart(10)}  ${fmt(b.varianceRatioBefore, 2).padStart(9)}  ${fmt(b.varianceRatioAfter, 2).padStart(9)}`)
  for (const x of j.warnings) lines.push(`Warning: ${x.message}`)
  lines.push('', `R: ${j.rCall}`)
  return lines.join('\n')
}

/**
 * MatchIt's match.data(m) as CSV: the matched rows in data order with every column of the file,
 * then distance (the score matched on), weights (1 for treated patients; a control of a treated
 * patient with m_i controls gets 1/m_i, rescaled so that control weights sum to their number) and
 * subclass (1, 2, … over the matched treated patients in data order; a control takes its
 * treated patient's). Without replacement every control belongs to one treated patient.
 */
function writeMatchData(
  outFile: string,
  table: CsvTable,
  rowNumbers: readonly number[],
  distance: Float64Array,
  m: { treated: Int32Array; matchMatrix: Int32Array; options: { ratio: number } },
): void {
  const k = m.options.ratio
  const n = rowNumbers.length
  const weights = new Float64Array(n)
  const subclass = new Int32Array(n)
  let next = 0
  for (let tt = 0; tt < m.treated.length; tt++) {
    let mi = 0
    for (let j = 0; j < k; j++) if (m.matchMatrix[tt * k + j]! >= 0) mi++
    if (mi === 0) continue
    const sc = ++next
    weights[m.treated[tt]!] = 1
    subclass[m.treated[tt]!] = sc
    for (let j = 0; j < k; j++) {
      const c = m.matchMatrix[tt * k + j]!
      if (c < 0) continue
      weights[c] = 1 / mi
      subclass[c] = sc
    }
  }
  // Control weights rescaled to sum to the number of matched controls.
  const treatedSet = new Set(m.treated)
  let sumC = 0
  let nC = 0
  for (let i = 0; i < n; i++) {
    if (!treatedSet.has(i) && weights[i]! > 0) {
      sumC += weights[i]!
      nC++
    }
  }
  for (let i = 0; i < n; i++) if (!treatedSet.has(i) && weights[i]! > 0) weights[i] = (weights[i]! * nC) / sumC
  const cell = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)
  const lines = [[...table.header, 'distance', 'weights', 'subclass'].map(cell).join(',')]
  for (let i = 0; i < n; i++) {
    if (subclass[i] === 0) continue
    lines.push([...table.rows[rowNumbers[i]! - 1]!.map(cell), String(distance[i]), String(weights[i]), String(subclass[i])].join(','))
  }
  try {
    fs.writeFileSync(outFile, lines.join('\n') + '\n')
  } catch (err) {
    throw new UsageError(`cannot write ${outFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}
