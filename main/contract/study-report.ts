import { z } from 'zod'
import { method } from './method'
import { REPORT_LANGUAGES, type ReportBase, type SavedPdf } from './reports'
import { PAPER_SIZES } from '../domain/registry-settings'
import type { StudyResult } from './study'

// The printed study report: a pure function of one study result object (the one the Study view
// shows, or a saved analysis), never a recomputation. The reproducibility bundle beside it holds
// the de-identified analysis dataset, the result as JSON and an R script that recomputes it.

export interface StudyReportModel extends ReportBase {
  kind: 'studyReport'
  /** The analysis the report shows, exactly as computed. */
  result: StudyResult
}

const analysisId = z.number().int().positive()

/** Which result: a saved analysis, or (without an id) the last analysis run in this session. */
export const studyReportRequest = z
  .object({
    analysisId: analysisId.optional(),
    paperSize: z.enum(PAPER_SIZES).optional(),
  })
  .strict()

export const studyReportExportRequest = z
  .object({
    analysisId: analysisId.optional(),
    paperSize: z.enum(PAPER_SIZES).default('A4'),
    lang: z.enum(REPORT_LANGUAGES).default('en'),
    /** Also write the reproducibility bundle (dataset, results JSON, reproduce.R) in a folder beside the PDF. */
    bundle: z.boolean().default(false),
  })
  .strict()
export type StudyReportExportRequest = z.input<typeof studyReportExportRequest>

/** A written study report, and the bundle folder when one was asked for. */
export interface SavedStudyReport extends SavedPdf {
  /** Folder of the reproducibility bundle, or null. */
  bundleDir: string | null
}

export const studyReportMethods = {
  /** The model of the study report route. */
  'reports.studyReport': method<StudyReportModel>()(studyReportRequest),
  /** Prints the study report to a PDF where the user chooses (save dialog); CANCELLED when the user cancels. */
  'reports.exportStudyPdf': method<SavedStudyReport>()(studyReportExportRequest, { long: true }),
} as const
