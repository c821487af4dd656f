// Bench case for the printed study report, as `npm run cli -- report --db F --out report.pdf` makes
// it: open the registry, run the analysis (engine worker), start headless Chromium, print the
// report route and write the PDF. The time is command to PDF (the CLI's own process start-up
// excluded); the summary line splits it into analysis, Chromium start and printing, because
// Chromium's start is paid once per command and not by the app (which prints in its own window).
// Registries: the demo registry (157 eligible) and the seeded 10,000-patient registry of the study
// bench cases (written once to the temporary folder by their prepare step).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeStudyReport } from '../../../main/cli/commands/report'
import type { SyntheticCohort } from '../synthetic-cohort'
import { STUDY_BENCH_CASES } from './study'
import type { BenchCase } from './types'

interface ReportBench {
  dbFile: string
  outDir: string
}

type Written = Awaited<ReturnType<typeof writeStudyReport>>

async function prepareReport(c: SyntheticCohort): Promise<ReportBench> {
  // The study cases' prepare writes (once) and opens the registry of this size; close it again.
  const study = (await STUDY_BENCH_CASES[0].prepare!(c)) as { session: { current: { path: string } | null; close(): void }; engine: { close(): Promise<void> } }
  const dbFile = study.session.current!.path
  study.session.close()
  await study.engine.close()
  return { dbFile, outDir: fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-bench-report-')) }
}

const studyReport: BenchCase<ReportBench, Written> = {
  name: 'study report: command to PDF',
  fixedSizes: [157, 10_000],
  prepare: prepareReport,
  run: (b) => writeStudyReport({ dbFile: b.dbFile, out: path.join(b.outDir, 'report.pdf'), lang: 'en' }),
  summarize: (r) =>
    `${r.pages} pages; analysis ${(r.timings.analysisMs / 1000).toFixed(2)} s, Chromium start ${(r.timings.chromiumStartMs / 1000).toFixed(2)} s, print ${(r.timings.printMs / 1000).toFixed(2)} s (first run)`,
}

export const REPORT_BENCH_CASES = [studyReport] as const
