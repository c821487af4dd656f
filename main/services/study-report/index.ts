// The printed study report: its model (the one study result object, with the facts of the page
// footer), its route, and exporting it as PDF (with the reproducibility bundle when asked). The
// report never recomputes a number: it draws the result the Study view shows or a saved analysis.
import path from 'node:path'
import type { PaperSize } from '../../domain/registry-settings'
import { readRegistrySettings } from '../settings'
import { AppFailure } from '@contract/result'
import type { ReportLanguage } from '@contract/reports'
import type { SavedStudyReport, StudyReportModel } from '@contract/study-report'
import type { StudyResult } from '@contract/study'
import { exportReportPdf, reportFooter, sessionReportSource, type ReportSource } from '../reports'
import type { Session } from '../session'
import type { StudyService } from '../study/index'
import { writeStudyBundle } from './bundle'

export function buildStudyReportModel(source: ReportSource, result: StudyResult, paperSize: PaperSize): StudyReportModel {
  return { kind: 'studyReport', footer: reportFooter(source), paperSize, identified: false, result }
}

/** The renderer route of the report (hash path and query). */
export function studyReportRoute(input: { analysisId?: number | undefined; paperSize: PaperSize; lang: ReportLanguage }): string {
  const q = new URLSearchParams({ lang: input.lang, paper: input.paperSize })
  if (input.analysisId !== undefined) q.set('analysis', String(input.analysisId))
  return `/report/study?${q.toString()}`
}

/** `spinemet-study-report-2026-12-03.pdf` (the analysis date). */
export function studyReportFileName(result: StudyResult): string {
  return `spinemet-study-report-${result.provenance.computedAt.slice(0, 10)}.pdf`
}

export class StudyReportService {
  constructor(
    private readonly session: Session,
    private readonly study: StudyService,
  ) {}

  /** The saved analysis `analysisId`, or the last analysis run in this session. */
  async result(analysisId: number | undefined): Promise<StudyResult> {
    if (analysisId !== undefined) return this.study.analysis(analysisId)
    const last = this.study.lastResult()
    if (!last) throw new AppFailure('NOT_FOUND', 'Run the study analysis first: there is no result to print yet.')
    return last
  }

  async model(input: { analysisId?: number | undefined; paperSize?: PaperSize | undefined }): Promise<StudyReportModel> {
    const source = sessionReportSource(this.session)
    return buildStudyReportModel(source, await this.result(input.analysisId), input.paperSize ?? readRegistrySettings(source.db).paperSize)
  }

  async exportPdf(input: { analysisId?: number | undefined; paperSize: PaperSize; lang: ReportLanguage; bundle: boolean }): Promise<SavedStudyReport> {
    const result = await this.result(input.analysisId)
    const saved = await exportReportPdf(this.session, { route: studyReportRoute(input), paperSize: input.paperSize, lang: input.lang }, studyReportFileName(result))
    let bundleDir: string | null = null
    if (input.bundle) {
      // The per-patient values (scores, pairs) are not part of the result object: a run with the
      // result's settings on the same data (checked by its hash) gives them.
      const run = await this.study.runFull({ settings: result.provenance.settings })
      if (run.result.provenance.dataHash !== result.provenance.dataHash) {
        throw new AppFailure('EXPORT_FAILED', 'The registry has changed since this analysis was run, so its dataset can no longer be written. Run the analysis again, then export the report with the bundle.')
      }
      bundleDir = path.join(path.dirname(saved.path), `${path.basename(saved.path, path.extname(saved.path))}-bundle`)
      writeStudyBundle(bundleDir, { ...run, result })
    }
    return { ...saved, bundleDir }
  }
}
