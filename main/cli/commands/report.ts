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
import { startChromiumReportPrinter } from '../../print/chromium'
import { EngineJobRunner } from '../../services/engine-jobs'
import { Session } from '../../services/session'
import { readRegistrySettings } from '../../services/settings'
import { StudyService } from '../../services/study/index'
import { writeStudyBundle } from '../../services/study-report/bundle'
import { buildStudyReportModel, studyReportRoute } from '../../services/study-report/index'
import { oneOfOption, requireString, UsageError, type Command } from '../command'
import { caliperOption, cliHost } from './study'

/** A dispatch that answers the report page's one call with the model the command prepared. */
function modelDispatch(model: StudyReportModel): Dispatch {
  return async (method) => (method === 'reports.studyReport' ? ok(model) : fail('UNKNOWN_METHOD', `The printed page asked for ${String(method)}, which the command line does not serve.`))
}

/** Writes the study report of a registry as PDF (and its reproducibility bundle); returns what it wrote. */
export async function writeStudyReport(input: {
  dbFile: string
  out: string
  lang: (typeof REPORT_LANGUAGES)[number]
  paperSize?: (typeof PAPER_SIZES)[number] | undefined
  settings?: StudySettingsPatch | undefined
  bundleDir?: string | null | undefined
  stderr?: (t: string) => void
}): Promise<{ pdf: string; pages: number; bundle: string | null; model: StudyReportModel; timings: { analysisMs: number; chromiumStartMs: number; printMs: number } }> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-'))
  const host = cliHost(userData, input.stderr ?? (() => {}), 'report')
  const session = new Session(host)
  const engine = new EngineJobRunner(host, { poolSize: 1 })
  try {
    session.adopt(await openRegistryFile(input.dbFile))
    const t0 = performance.now()
    const run = await new StudyService(session, engine).runFull({ settings: input.settings })
    const db = session.requireDb()
    const model = buildStudyReportModel(
      { db, fileName: path.basename(input.dbFile), schemaVersion: session.current!.schemaVersion, now: new Date() },
      run.result,
      input.paperSize ?? readRegistrySettings(db).paperSize,
    )
    const t1 = performance.now()
    const printer = await startChromiumReportPrinter(modelDispatch(model))
    const t2 = performance.now()
    let bytes: Buffer
    try {
      bytes = await printer.print({ route: studyReportRoute({ paperSize: model.paperSize, lang: input.lang }), paperSize: model.paperSize, lang: input.lang })
    } finally {
      await printer.close()
    }
    const t3 = performance.now()
    fs.mkdirSync(path.dirname(input.out), { recursive: true })
    fs.writeFileSync(input.out, bytes)
    if (input.bundleDir) writeStudyBundle(input.bundleDir, run)
    return {
      pdf: input.out,
      pages: countPdfPages(bytes),
      bundle: input.bundleDir ?? null,
      model,
      timings: { analysisMs: t1 - t0, chromiumStartMs: t2 - t1, printMs: t3 - t2 },
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
    const f = r.model.result.flow
    const text = [
      `Wrote ${r.pdf} (${r.pages} pages, ${lang}, ${r.model.paperSize}): ${f.screened} screened, ${f.eligible.HT} HT + ${f.eligible.TES} TES eligible, ${f.matchedPairs} matched pairs.`,
      ...(r.bundle ? [`Reproducibility bundle: ${r.bundle} (run: Rscript ${path.join(r.bundle, 'reproduce.R')})`] : []),
    ].join('\n')
    return { json: { pdf: r.pdf, pages: r.pages, bundle: r.bundle, flow: { screened: f.screened, eligible: f.eligible, matchedPairs: f.matchedPairs } }, text }
  },
}
