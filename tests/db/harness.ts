// Helpers for the db and services tests: temporary folders, a registry file written at schema
// version 1 exactly as SpineMet 0.1 wrote it (for migration tests), and a test app whose host also
// answers the export dialog.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { SPINEMET_APPLICATION_ID } from '../../main/db/connection'
import { MIGRATIONS, runMigrations } from '../../main/db/migrations/index'
import { createTestApp, type TestApp } from '../helpers/test-host'

export function tempDir(prefix = 'spinemet-db-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

/** Creates a registry at schema version `version` (1 = before the status cache) and returns it open. */
export function createRegistryAtVersion(file: string, version: number): Database {
  const db = new BetterSqlite3(file)
  db.pragma(`application_id = ${SPINEMET_APPLICATION_ID}`)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  runMigrations(db, 0, MIGRATIONS.slice(0, version))
  const meta = db.prepare('INSERT INTO registry_meta (key, value) VALUES (?, ?)')
  meta.run('registry_id', 'test-registry')
  meta.run('created_at', '2020-01-01T00:00:00.000Z')
  meta.run('created_by_app_version', '0.1.0')
  return db
}

/** Closes a database and folds its WAL into the file, so that the file alone is the registry. */
export function closeCleanly(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

export interface ExportTestApp extends TestApp {
  /** Opens a new registry file in the app's temporary folder and returns its path. */
  newRegistry(name?: string): Promise<string>
  db(): Database
}

/** The services as the renderer calls them, with a fixed clock and an export dialog answered from `host.dialogs.save`. */
export function createPatientTestApp(options: { now?: () => Date } = {}): ExportTestApp {
  const app = createTestApp({ now: options.now ?? (() => new Date('2024-06-01T08:00:00')) })
  app.host.chooseExportPath = async () => app.host.dialogs.save.shift() ?? null
  return Object.assign(app, {
    async newRegistry(name = 'registry.sqlite') {
      const file = path.join(app.host.dir, name)
      app.host.dialogs.save.push(file)
      await app.call('registry.create')
      return file
    },
    db: () => app.services.session.requireDb(),
  })
}

/** Row counts of every clinical table and of the audit trail (to prove nothing changed). */
export function tableCounts(db: Database): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of ['patients', 'patient_identities', 'patient_vertebrae', 'assessments', 'surgeries', 'complications', 'follow_up_events', 'audit_log', 'patient_status']) {
    out[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number
  }
  return out
}

/**
 * Writes a record into the version-1 tables with frozen SQL (what SpineMet 0.1 wrote), for the
 * migration tests: the current repositories also write tables that version 1 does not have.
 */
export function insertV1Record(db: Database, id: number, r: import('../../main/contract/patient-record').PatientRecordInput, at = '2020-01-01T00:00:00.000Z'): void {
  const b = (v: boolean | null) => (v === null ? null : v ? 1 : 0)
  const p = r.patient
  db.prepare(
    `INSERT INTO patients (id, study_id, age_years, sex, histology, histology_detail, radiosensitivity, tokuhashi_primary_points,
       diagnosis_date, spinal_region, primary_controlled, surgical_contraindication, previous_spinal_resection, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, p.studyId, p.ageYears, p.sex, p.histology, p.histologyDetail, p.radiosensitivity, p.tokuhashiPrimaryPoints, p.diagnosisDate, p.spinalRegion,
    b(p.primaryControlled), b(p.surgicalContraindication), b(p.previousSpinalResection), p.notes, at, at)
  for (const v of p.vertebrae) db.prepare('INSERT INTO patient_vertebrae (patient_id, vertebra) VALUES (?, ?)').run(id, v)
  const i = r.identity
  if (i.fullName !== null || i.hospitalNumber !== null || i.dateOfBirth !== null) {
    db.prepare('INSERT INTO patient_identities (patient_id, full_name, hospital_number, date_of_birth) VALUES (?, ?, ?, ?)').run(id, i.fullName, i.hospitalNumber, i.dateOfBirth)
  }
  for (const tp of ['preop', 'month6'] as const) {
    const a = r[tp]
    if (Object.values(a).every((v) => v === null)) continue
    db.prepare(
      `INSERT INTO assessments (patient_id, timepoint, assessed_on, kps, ecog, tokuhashi_extraspinal_bone_foci, tokuhashi_vertebral_metastases,
         tokuhashi_visceral, tokuhashi_frankel, bilsky_grade, sins_location, sins_pain, sins_bone_lesion, sins_alignment, sins_collapse,
         sins_posterolateral, asia_grade, vas_pain, myelopathy, tolerates_surgery, sosgoq_version, sosgoq_answers, sosgoq_entered_total)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, tp, a.assessedOn, a.kps, a.ecog, a.tokuhashiExtraspinalBoneFoci, a.tokuhashiVertebralMetastases, a.tokuhashiVisceral, a.tokuhashiFrankel,
      a.bilskyGrade, a.sinsLocation, a.sinsPain, a.sinsBoneLesion, a.sinsAlignment, a.sinsCollapse, a.sinsPosterolateral, a.asiaGrade, a.vasPain,
      b(a.myelopathy), b(a.toleratesSurgery), a.sosgoqVersion, a.sosgoqAnswers === null ? null : JSON.stringify(a.sosgoqAnswers), a.sosgoqEnteredTotal)
  }
  const s = r.surgery
  if (Object.values(s).some((v) => v !== null)) {
    db.prepare(
      `INSERT INTO surgeries (patient_id, arm, admission_date, surgery_date, discharge_date, procedure_detail, fixation_levels_above,
         fixation_levels_below, operative_time_min, blood_loss_ml, margin_status, srs_date, srs_dose_gy, srs_fractions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, s.arm, s.admissionDate, s.surgeryDate, s.dischargeDate, s.procedureDetail, s.fixationLevelsAbove, s.fixationLevelsBelow,
      s.operativeTimeMin, s.bloodLossMl, s.marginStatus, s.srsDate, s.srsDoseGy, s.srsFractions)
  }
  for (const c of r.complications) {
    db.prepare('INSERT INTO complications (patient_id, kind, description, grade, onset_date, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, c.kind, c.description, c.grade, c.onsetDate, at)
  }
  for (const e of r.followUp) {
    db.prepare('INSERT INTO follow_up_events (patient_id, kind, event_date, note, created_at) VALUES (?, ?, ?, ?, ?)').run(id, e.kind, e.eventDate, e.note, at)
  }
}
