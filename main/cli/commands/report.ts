import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fail, ok } from '@contract/result'
import { REPORT_LANGUAGES } from '@contract/reports'
import type { StudySettingsPatch } from '@contract/study'
import type { StudyReportModel } from '@contract/study-report'
import { PAPER_SIZES } from '../../domain/registry-settings'
import { openRegistryFile } from '../../db/connection'
import type { Dispatch } from '../../dispatch'
import { countPdfPages } from '../../print/pdf-pages'
import { startChromiumReportPrinter, type PrintTimings } from '../../print/chromium'
import { EngineJobRunner } from '../../services/engine-jobs'
import { Session } from '../../services/session'
import { readRegistrySettings } from '../../services/settings'
import { StudyService } from '../../services/study/index'
import { writeStudyBundle } from '../../services/study-report/bundle'
import { buildStudyReportModel, studyReportRoute } from '../../services/study-report/index'
import { oneOfOption, requireString, UsageError, type Command } from '../command'
import { caliperOption, cliHost } from './study'

/**
 * A dispatch that answers the report page's one call with the model the command prepares: the page
 * may ask before the analysis has finished (it is opened meanwhile) and then waits for it.
 */
function modelDispatch(model: Promise<StudyReportModel>): Dispatch {
  return async (method) => {
    if (method !== 'reports.studyReport') return fail('UNKNOWN_METHOD', `The printed page asked for ${String(method)}, which the command line does not serve.`)
    try {
      return ok(await model)
    } catch (e) {
      return fail('INTERNAL', `The study analysis failed: ${(e as Error).message}`)
    }
  }
}

/**
 * Where the command spends its time: the analysis (from the registry being open) and Chromium's start
 * run at once (so do the page's loading and the analysis, when the analysis is the slower);
 * `printMs` runs from the model being ready to the PDF; `pageReadyMs` from opening the page to its
 * ready signal, `pdfMs` is page.pdf; `totalMs` runs from opening the registry to the PDF written.
 */
export interface ReportTimings extends PrintTimings {
  analysisMs: number
  chromiumStartMs: number
  printMs: number
  totalMs: number
}

/** `SPINEMET_TIMINGS=1` makes `report` write its timings to stderr (`npm run bench` reads them). */
export function timingsLine(t: ReportTimings): string {
  const s = (ms: number) => (ms / 1000).toFixed(3)
  return `timings: analysis ${s(t.analysisMs)} s, Chromium start ${s(t.chromiumStartMs)} s, page ready ${s(t.pageReadyMs)} s, page.pdf ${s(t.pdfMs)} s, print after analysis ${s(t.printMs)} s, total ${s(t.totalMs)} s\n`
}

/** How long the page opened before the analysis may wait for it (the analysis has its own errors). */
const ANALYSIS_WAIT_MS = 10 * 60_000

/** Writes the study report of a registry as PDF (and its reproducibility bundle); returns what it wrote. */
export async function writeStudyReport(input: {
  dbFile: string
  out: string
  lang: (typeof REPORT_LANGUAGES)[number]
  paperSize?: (typeof PAPER_SIZES)[number] | undefined
  settings?: StudySettingsPatch | undefined
  bundleDir?: string | null | undefined
  stderr?: (t: string) => void
}): Promise<{ pdf: string; pages: number; bundle: string | null; model: StudyReportModel; timings: ReportTimings }> {
  const tStart = performance.now()
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-'))
  const host = cliHost(userData, input.stderr ?? (() => {}), 'report')
  const session = new Session(host)
  const engine = new EngineJobRunner(host, { poolSize: 1 })
  try {
    session.adopt(await openRegistryFile(input.dbFile))
    const db = session.requireDb()
    const paperSize = input.paperSize ?? readRegistrySettings(db).paperSize
    const route = studyReportRoute({ paperSize, lang: input.lang })
    // Chromium starts, and opens and lays out the report page, while the analysis runs (another
    // process, so another core): the page's request for the model waits for the analysis.
    let settle!: { resolve: (m: StudyReportModel) => void; reject: (e: unknown) => void }
    const modelReady = new Promise<StudyReportModel>((resolve, reject) => (settle = { resolve, reject }))
    const t0 = performance.now()
    let chromiumStartMs = 0
    const printerStarted = startChromiumReportPrinter(modelDispatch(modelReady), { readyTimeoutMs: ANALYSIS_WAIT_MS }).then((p) => {
      chromiumStartMs = performance.now() - t0
      return p
    })
    const printTimings: PrintTimings = { pageReadyMs: 0, pdfMs: 0 }
    const printed = printerStarted.then((p) => p.print({ route, paperSize, lang: input.lang }, printTimings).finally(() => p.close()))
    // Both are awaited below; until then a failure must not count as unhandled.
    modelReady.catch(() => undefined)
    printed.catch(() => undefined)
    let run: Awaited<ReturnType<StudyService['runFull']>>
    let model: StudyReportModel
    try {
      run = await new StudyService(session, engine).runFull({ settings: input.settings }, Boolean(input.bundleDir))
      model = buildStudyReportModel({ db, fileName: path.basename(input.dbFile), schemaVersion: session.current!.schemaVersion, now: new Date() }, run.result, paperSize)
    } catch (e) {
      settle.reject(e)
      // The page gets the failure and gives up; the analysis' error is the one to report.
      await printed.catch(() => undefined)
      throw e
    }
    const t1 = performance.now()
    settle.resolve(model)
    const bytes = await printed
    const t2 = performance.now()
    fs.mkdirSync(path.dirname(input.out), { recursive: true })
    fs.writeFileSync(input.out, bytes)
    const t3 = performance.now()
    if (input.bundleDir) writeStudyBundle(input.bundleDir, run)
    return {
      pdf: input.out,
      pages: countPdfPages(bytes),
      bundle: input.bundleDir ?? null,
      model,
      // Chromium's start overlaps the analysis; printing is counted from the model being ready.
      timings: { analysisMs: t1 - t0, chromiumStartMs, printMs: t2 - t1, ...printTimings, totalMs: t3 - tStart },
    }
  } finally {
    session.close()
    await engine.close()
    fs.rmSync(userData, { recursive: true, force: true })
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Study report as PDF (the Study view’s analysis, printed), with an optional reproducibility bundle.',
  help: `Runs the study analysis with the settings saved in the registry (or the reference study's),
changed by --caliper/--caliper-scale, and prints the study report with headless Chromium (needs
\`npm run build\` once and Debian's chromium, or SPINEMET_CHROMIUM=/path/to/chrome). Nothing is
written to the registry. --bundle DIR also writes the reproducibility bundle: the de-identified
analysis dataset, the result as JSON, SpineMet's numbers and reproduce.R, which recomputes them with
R (stats, survival; MatchIt >= 4.5.4 when installed, else the bundle's pair ids) and prints each next
to SpineMet's. JSON (--json): pdf, pages, bundle, and the patient flow.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
    out: { type: 'string', valueName: 'FILE.pdf', description: 'where to write the PDF' },
    lang: { type: 'string', valueName: 'en|zh-CN', description: 'language of the report (default en)' },
    paper: { type: 'string', valueName: 'A4|Letter', description: 'page size (default the registry setting)' },
    caliper: { type: 'string', valueName: 'WIDTH', description: 'caliper width (default 0.02 on the propensity scale)' },
    'caliper-scale': { type: 'string', valueName: 'propensity|logitSd|none', description: 'caliper scale' },
    bundle: { type: 'string', valueName: 'DIR', description: 'also write the reproducibility bundle into DIR' },
  },
  async run({ values, io }) {
    const dbFile = path.resolve(io.cwd, requireString(values, 'db'))
    if (!fs.existsSync(dbFile)) throw new UsageError(`${dbFile} does not exist`)
    const out = path.resolve(io.cwd, requireString(values, 'out'))
    const lang = oneOfOption(values, 'lang', REPORT_LANGUAGES) ?? 'en'
    const paperSize = oneOfOption(values, 'paper', PAPER_SIZES)
    const caliper = caliperOption(values)
    const bundleDir = typeof values.bundle === 'string' ? path.resolve(io.cwd, values.bundle) : null
    const r = await writeStudyReport({ dbFile, out, lang, paperSize, settings: caliper ? { caliper } : undefined, bundleDir, stderr: io.stderr })
    if (process.env.SPINEMET_TIMINGS === '1') io.stderr(timingsLine(r.timings))
    const f = r.model.result.flow
    const text = [
      `Wrote ${r.pdf} (${r.pages} pages, ${lang}, ${r.model.paperSize}): ${f.screened} screened, ${f.eligible.HT} HT + ${f.eligible.TES} TES eligible, ${f.matchedPairs} matched pairs.`,
      ...(r.bundle ? [`Reproducibility bundle: ${r.bundle} (run: Rscript ${path.join(r.bundle, 'reproduce.R')})`] : []),
    ].join('\n')
    return { json: { pdf: r.pdf, pages: r.pages, bundle: r.bundle, flow: { screened: f.screened, eligible: f.eligible, matchedPairs: f.matchedPairs } }, text }
  },
}
