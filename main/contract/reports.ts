import { z } from 'zod'
import { method } from './method'
import type { AsiaGrade, BilskyGrade, Histology, Sex, SosgoqVersion, Vertebra } from '../domain/codes'
import type { EligibilityResult } from '../domain/eligibility'
import type { NomsAssessment } from '../domain/noms-assessment'
import type { PaperSize } from '../domain/registry-settings'
import type { SinsResult } from '../domain/scores/sins'
import type { TokuhashiResult } from '../domain/scores/tokuhashi'

// Printed documents. A report is a renderer route that is a pure function of a report model
// built in the main process (services/reports*.ts); Electron and headless Chromium print the
// same route. Every model carries the facts of its page footer.

export const REPORT_LANGUAGES = ['en', 'zh-CN'] as const
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number]

/** What every page footer states: versions, the data snapshot and when the document was made. */
export interface ReportFooter {
  appName: string
  appVersion: string
  engineVersion: string
  registryFileName: string
  /** PRAGMA user_version of the registry file (its format version). */
  schemaVersion: number
  patientCount: number
  /** ISO timestamp. */
  generatedAt: string
}

export interface ReportBase {
  footer: ReportFooter
  paperSize: PaperSize
  /** True when the document names patients (name, hospital number). */
  identified: boolean
}

export interface NomsPatientSummary {
  patientId: number
  studyId: string
  /** Only in an identified print. */
  identity: { fullName: string | null; hospitalNumber: string | null } | null
  ageYears: number | null
  sex: Sex | null
  histology: Histology | null
  histologyDetail: string | null
  vertebrae: Vertebra[]
  /** Date of the preoperative assessment the summary is drawn from. */
  assessedOn: string | null
  scores: {
    tokuhashi: TokuhashiResult
    sins: SinsResult
    bilskyGrade: BilskyGrade | null
    asiaGrade: AsiaGrade | null
    ecog: number | null
    kps: number | null
    vasPain: number | null
    sosgoq: { version: SosgoqVersion; total: number; direction: 'lowerIsBetter' | 'higherIsBetter' } | null
  }
  noms: NomsAssessment
  eligibility: EligibilityResult
}

export interface NomsSummaryModel extends ReportBase {
  kind: 'nomsSummary'
  /** The registry setting the summary applied. */
  escc1cIsHigh: boolean
  patients: NomsPatientSummary[]
}

const patientIds = z.array(z.number().int().positive()).min(1).max(20000)

export const nomsSummaryRequest = z
  .object({
    patientIds,
    /** Names and hospital numbers on the page; de-identified (study id only) by default. */
    identified: z.boolean().default(false),
  })
  .strict()

export const nomsPrintRequest = z
  .object({
    patientIds,
    identified: z.boolean().default(false),
    lang: z.enum(REPORT_LANGUAGES).default('en'),
  })
  .strict()
export type NomsPrintRequest = z.input<typeof nomsPrintRequest>

/** A PDF SpineMet wrote. */
export interface SavedPdf {
  path: string
  fileName: string
  pages: number
}

export const reportMethods = {
  /** The model of the NOMS summary route (one page per patient). */
  'reports.nomsSummary': method<NomsSummaryModel>()(nomsSummaryRequest),
  /** Prints NOMS summaries to one PDF at a path the host asks for (save dialog); CANCELLED when the user cancels. */
  'reports.exportNomsPdf': method<SavedPdf>()(nomsPrintRequest, { long: true }),
  /** Opens a PDF this session wrote in the system viewer (only when the user asks). */
  'reports.openPdf': method<null>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
} as const
