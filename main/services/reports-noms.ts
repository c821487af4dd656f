// The NOMS summary: one page per patient for the tumour board, drawn from the preoperative
// assessment of the record, with the registry's settings applied (Bilsky 1c, radiosensitivity
// per histology). The model is what the renderer route report/NomsSummary.vue draws.
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { NomsPatientSummary, NomsSummaryModel, NomsPrintRequest, SavedPdf } from '@contract/reports'
import type { PatientRecord } from '@contract/patient-record'
import { deriveRecord } from '../domain/derived'
import { evaluateEligibility } from '../domain/eligibility'
import { assessNoms } from '../domain/noms-assessment'
import type { RegistrySettings } from '../domain/registry-settings'
import { getPatientRecord } from '../db/repositories/patient-records'
import { readRegistrySettings } from './settings'
import { exportReportPdf, reportFooter, reportRoute, sessionReportSource, type ReportSource } from './reports'
import type { Session } from './session'

export function nomsPatientSummary(record: PatientRecord, settings: RegistrySettings, identified: boolean): NomsPatientSummary {
  const derived = deriveRecord(record, settings.radiosensitivity)
  const { patient, preop } = record
  const sosgoq = derived.sosgoq.preop
  return {
    patientId: record.id,
    studyId: patient.studyId,
    identity: identified ? { fullName: record.identity.fullName, hospitalNumber: record.identity.hospitalNumber } : null,
    ageYears: patient.ageYears,
    sex: patient.sex,
    histology: patient.histology,
    histologyDetail: patient.histologyDetail,
    vertebrae: patient.vertebrae,
    assessedOn: preop.assessedOn,
    scores: {
      tokuhashi: derived.tokuhashi,
      sins: derived.sins.preop,
      bilskyGrade: preop.bilskyGrade,
      asiaGrade: preop.asiaGrade,
      ecog: preop.ecog,
      kps: preop.kps,
      vasPain: preop.vasPain,
      sosgoq: sosgoq && sosgoq.value !== null ? { version: sosgoq.version, total: sosgoq.value, direction: sosgoq.direction } : null,
    },
    noms: assessNoms(record, derived, settings),
    eligibility: evaluateEligibility(record, undefined, derived),
  }
}

export function buildNomsSummaryModel(source: ReportSource, input: { patientIds: readonly number[]; identified: boolean }): NomsSummaryModel {
  const settings = readRegistrySettings(source.db)
  const patients = input.patientIds.map((id) => {
    const record = getPatientRecord(source.db, id)
    if (!record) throw new AppFailure('NOT_FOUND', `There is no patient with record number ${id} in this registry.`, { field: 'patientIds' })
    return nomsPatientSummary(record, settings, input.identified)
  })
  return {
    kind: 'nomsSummary',
    footer: reportFooter(source),
    paperSize: settings.paperSize,
    identified: input.identified,
    escc1cIsHigh: settings.escc1cIsHigh,
    patients,
  }
}

export function nomsSummaryRoute(input: { patientIds: readonly number[]; identified: boolean; lang: string }): string {
  return reportRoute('noms', { ids: input.patientIds.join(','), identified: input.identified ? '1' : '0', lang: input.lang })
}

export function nomsSummary(session: Session, input: { patientIds: number[]; identified: boolean }): NomsSummaryModel {
  return buildNomsSummaryModel(sessionReportSource(session), input)
}

/** Default file name: the study id for one patient, else the count (never a patient's name). */
function nomsFileName(db: Database, ids: readonly number[]): string {
  if (ids.length === 1) {
    const studyId = db.prepare('SELECT study_id FROM patients WHERE id = ?').pluck().get(ids[0]) as string | undefined
    if (studyId) return `NOMS-${studyId.replace(/[^A-Za-z0-9_-]+/g, '_')}.pdf`
  }
  return `NOMS-${ids.length}-patients.pdf`
}

export async function exportNomsPdf(session: Session, input: Required<NomsPrintRequest>): Promise<SavedPdf> {
  const db = session.requireDb()
  for (const id of input.patientIds) {
    if (db.prepare('SELECT 1 FROM patients WHERE id = ?').get(id) === undefined) {
      throw new AppFailure('NOT_FOUND', `There is no patient with record number ${id} in this registry.`, { field: 'patientIds' })
    }
  }
  const { paperSize } = readRegistrySettings(db)
  return exportReportPdf(session, { route: nomsSummaryRoute(input), paperSize, lang: input.lang }, nomsFileName(db, input.patientIds))
}
