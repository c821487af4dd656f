import type { Database } from 'better-sqlite3'
import { emptyPatientRecord, type PatientRecordInput } from '../../contract/patient-record'
import { computePatientStatus, PATIENT_STATUS_LOGIC_VERSION } from '../../domain/patient-status'

// Schema version 2: what the patient list needs to stay fast at 100,000 patients.
//
// 1. `patient_status`: one row per patient caching what the list shows and filters on —
//    eligibility, completeness, the next follow-up visit — computed from the record by the domain
//    functions (main/domain/patient-status.ts), plus copies of the surgery date, arm and
//    updated_at so the list filters and sorts on one narrow table. Every write path refreshes the
//    row in the transaction that changes the record (main/db/repositories/patient-status.ts).
// 2. `patient_search`: an FTS5 trigram index over study id, name and hospital number, so that
//    "anywhere in the text" search uses an index. Kept in step by triggers, whatever code writes.
//
// A shipped migration is never edited, so this file depends on nothing that later versions may
// change underneath it:
// - It reads the records with its own frozen SQL of the version-1 tables (below), not through the
//   repositories, which follow the latest schema and would break on a version-1 file once a later
//   migration renames or moves a column.
// - It computes the status with the domain functions of the SpineMet that runs it, and stamps each
//   row with PATIENT_STATUS_LOGIC_VERSION. The cache is derived data: when the rules change, that
//   constant is bumped and rows of another version are recomputed through the repositories at
//   opening (refreshStalePatientStatus), after every migration has run. So a rule change never
//   needs an edit here, and a file migrated by this step is never left with an old rule's result.
//   The record is built on top of emptyPatientRecord(), so fields added to the record later get
//   their empty value here.

const isoDate = (col: string): string => `CHECK (${col} IS NULL OR date(${col}) IS ${col})`

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE patient_status (
      patient_id INTEGER PRIMARY KEY REFERENCES patients(id) ON DELETE CASCADE,
      -- PATIENT_STATUS_LOGIC_VERSION of the rules that computed this row.
      logic_version INTEGER NOT NULL CHECK (logic_version >= 1),
      eligibility TEXT NOT NULL CHECK (eligibility IN ('eligible', 'ineligible', 'unknown')),
      completeness_filled INTEGER NOT NULL CHECK (completeness_filled >= 0),
      completeness_required INTEGER NOT NULL CHECK (completeness_required >= 1 AND completeness_filled <= completeness_required),
      -- Next scheduled visit of a living operated patient; NULL when dead or not operated.
      next_follow_up_due TEXT ${isoDate('next_follow_up_due')},
      deceased INTEGER NOT NULL CHECK (deceased IN (0, 1)),
      -- Copies of surgeries.surgery_date / surgeries.arm / patients.updated_at for one-table sorting.
      surgery_date TEXT ${isoDate('surgery_date')},
      arm TEXT CHECK (arm IS NULL OR arm IN ('HT', 'TES', 'other')),
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX patient_status_arm ON patient_status(arm);
    CREATE INDEX patient_status_eligibility ON patient_status(eligibility);
    CREATE INDEX patient_status_incomplete ON patient_status(patient_id) WHERE completeness_filled < completeness_required;
    CREATE INDEX patient_status_next_follow_up ON patient_status(next_follow_up_due) WHERE next_follow_up_due IS NOT NULL;
    CREATE INDEX patient_status_surgery_date ON patient_status(surgery_date);
    CREATE INDEX patient_status_updated_at ON patient_status(updated_at);
    CREATE INDEX patient_status_completeness ON patient_status((completeness_filled * 1.0 / completeness_required));
    CREATE INDEX patient_status_logic_version ON patient_status(logic_version);
    CREATE INDEX patients_age ON patients(age_years);

    -- Substring search (case-insensitive) over study id, name and hospital number. Two rows per
    -- patient, so that creating a patient and its identity only ever inserts (FTS5 updates are
    -- slow): rowid 2·id holds the study id, rowid 2·id + 1 the name and hospital number.
    -- The patient id of a hit is rowid >> 1.
    CREATE VIRTUAL TABLE patient_search USING fts5(name_or_study_id, hospital_number, tokenize = 'trigram');
    -- Deleted identities leave no trace in the index's pages.
    INSERT INTO patient_search (patient_search, rank) VALUES ('secure-delete', 1);

    CREATE TRIGGER patient_search_patient_insert AFTER INSERT ON patients BEGIN
      INSERT INTO patient_search (rowid, name_or_study_id) VALUES (new.id * 2, new.study_id);
    END;
    CREATE TRIGGER patient_search_patient_study_id AFTER UPDATE OF study_id ON patients BEGIN
      UPDATE patient_search SET name_or_study_id = new.study_id WHERE rowid = new.id * 2;
    END;
    CREATE TRIGGER patient_search_patient_delete AFTER DELETE ON patients BEGIN
      DELETE FROM patient_search WHERE rowid IN (old.id * 2, old.id * 2 + 1);
    END;
    CREATE TRIGGER patient_search_identity_insert AFTER INSERT ON patient_identities BEGIN
      INSERT INTO patient_search (rowid, name_or_study_id, hospital_number) VALUES (new.patient_id * 2 + 1, new.full_name, new.hospital_number);
    END;
    CREATE TRIGGER patient_search_identity_update AFTER UPDATE OF full_name, hospital_number ON patient_identities BEGIN
      UPDATE patient_search SET name_or_study_id = new.full_name, hospital_number = new.hospital_number WHERE rowid = new.patient_id * 2 + 1;
    END;
    CREATE TRIGGER patient_search_identity_delete AFTER DELETE ON patient_identities BEGIN
      DELETE FROM patient_search WHERE rowid = old.patient_id * 2 + 1;
    END;

    INSERT INTO patient_search (rowid, name_or_study_id) SELECT id * 2, study_id FROM patients;
    INSERT INTO patient_search (rowid, name_or_study_id, hospital_number) SELECT patient_id * 2 + 1, full_name, hospital_number FROM patient_identities;
  `)
  backfillPatientStatus(db)
}

// ---- frozen reader of the version-1 tables ----

type Row = Record<string, unknown>

const V1_PATIENT: readonly [string, string, Kind][] = [
  ['studyId', 'study_id', 'text'],
  ['ageYears', 'age_years', 'int'],
  ['sex', 'sex', 'text'],
  ['histology', 'histology', 'text'],
  ['histologyDetail', 'histology_detail', 'text'],
  ['radiosensitivity', 'radiosensitivity', 'text'],
  ['tokuhashiPrimaryPoints', 'tokuhashi_primary_points', 'int'],
  ['diagnosisDate', 'diagnosis_date', 'text'],
  ['spinalRegion', 'spinal_region', 'text'],
  ['primaryControlled', 'primary_controlled', 'bool'],
  ['surgicalContraindication', 'surgical_contraindication', 'bool'],
  ['previousSpinalResection', 'previous_spinal_resection', 'bool'],
  ['notes', 'notes', 'text'],
]
const V1_IDENTITY: readonly [string, string, Kind][] = [
  ['fullName', 'full_name', 'text'],
  ['hospitalNumber', 'hospital_number', 'text'],
  ['dateOfBirth', 'date_of_birth', 'text'],
]
const V1_ASSESSMENT: readonly [string, string, Kind][] = [
  ['assessedOn', 'assessed_on', 'text'],
  ['kps', 'kps', 'int'],
  ['ecog', 'ecog', 'int'],
  ['tokuhashiExtraspinalBoneFoci', 'tokuhashi_extraspinal_bone_foci', 'int'],
  ['tokuhashiVertebralMetastases', 'tokuhashi_vertebral_metastases', 'int'],
  ['tokuhashiVisceral', 'tokuhashi_visceral', 'text'],
  ['tokuhashiFrankel', 'tokuhashi_frankel', 'text'],
  ['bilskyGrade', 'bilsky_grade', 'text'],
  ['sinsLocation', 'sins_location', 'text'],
  ['sinsPain', 'sins_pain', 'text'],
  ['sinsBoneLesion', 'sins_bone_lesion', 'text'],
  ['sinsAlignment', 'sins_alignment', 'text'],
  ['sinsCollapse', 'sins_collapse', 'text'],
  ['sinsPosterolateral', 'sins_posterolateral', 'text'],
  ['asiaGrade', 'asia_grade', 'text'],
  ['vasPain', 'vas_pain', 'real'],
  ['myelopathy', 'myelopathy', 'bool'],
  ['toleratesSurgery', 'tolerates_surgery', 'bool'],
  ['sosgoqVersion', 'sosgoq_version', 'text'],
  ['sosgoqAnswers', 'sosgoq_answers', 'json'],
  ['sosgoqEnteredTotal', 'sosgoq_entered_total', 'real'],
]
const V1_SURGERY: readonly [string, string, Kind][] = [
  ['arm', 'arm', 'text'],
  ['admissionDate', 'admission_date', 'text'],
  ['surgeryDate', 'surgery_date', 'text'],
  ['dischargeDate', 'discharge_date', 'text'],
  ['procedureDetail', 'procedure_detail', 'text'],
  ['fixationLevelsAbove', 'fixation_levels_above', 'int'],
  ['fixationLevelsBelow', 'fixation_levels_below', 'int'],
  ['operativeTimeMin', 'operative_time_min', 'int'],
  ['bloodLossMl', 'blood_loss_ml', 'int'],
  ['marginStatus', 'margin_status', 'text'],
  ['srsDate', 'srs_date', 'text'],
  ['srsDoseGy', 'srs_dose_gy', 'real'],
  ['srsFractions', 'srs_fractions', 'int'],
]

type Kind = 'text' | 'int' | 'real' | 'bool' | 'json'

function value(kind: Kind, v: unknown): unknown {
  if (v === null || v === undefined) return null
  if (kind === 'bool') return v === 1 || v === 1n
  if (kind === 'json') return JSON.parse(v as string) as unknown
  if (typeof v === 'bigint') return Number(v)
  return v
}

function assign(target: object, row: Row, columns: readonly [string, string, Kind][]): void {
  const t = target as Record<string, unknown>
  for (const [field, column, kind] of columns) t[field] = value(kind, row[column])
}

const CHUNK = 2000

function groupBy(rows: Row[]): Map<number, Row[]> {
  const out = new Map<number, Row[]>()
  for (const r of rows) {
    const id = Number(r.patient_id)
    const list = out.get(id)
    if (list) list.push(r)
    else out.set(id, [r])
  }
  return out
}

/** Computes and inserts the status of every patient, reading the version-1 tables in chunks of ids. */
function backfillPatientStatus(db: Database): void {
  const ids = db.prepare('SELECT id FROM patients ORDER BY id').pluck().all() as number[]
  const range = (table: string, order = '') => db.prepare(`SELECT * FROM ${table} WHERE patient_id BETWEEN ? AND ? ${order}`)
  const q = {
    patients: db.prepare('SELECT * FROM patients WHERE id BETWEEN ? AND ?'),
    identities: range('patient_identities'),
    vertebrae: range('patient_vertebrae'),
    assessments: range('assessments'),
    surgeries: range('surgeries'),
    complications: range('complications', 'ORDER BY onset_date, id'),
    followUp: range('follow_up_events', 'ORDER BY event_date, id'),
  }
  const insert = db.prepare(
    `INSERT INTO patient_status (patient_id, logic_version, eligibility, completeness_filled, completeness_required,
       next_follow_up_due, deceased, surgery_date, arm, updated_at)
     VALUES (@patientId, @logicVersion, @eligibility, @completenessFilled, @completenessRequired,
       @nextFollowUpDue, @deceased, @surgeryDate, @arm, @updatedAt)`,
  )
  for (let start = 0; start < ids.length; start += CHUNK) {
    const lo = ids[start]!
    const hi = ids[Math.min(start + CHUNK, ids.length) - 1]!
    const identities = groupBy(q.identities.all(lo, hi) as Row[])
    const vertebrae = groupBy(q.vertebrae.all(lo, hi) as Row[])
    const assessments = groupBy(q.assessments.all(lo, hi) as Row[])
    const surgeries = groupBy(q.surgeries.all(lo, hi) as Row[])
    const complications = groupBy(q.complications.all(lo, hi) as Row[])
    const followUp = groupBy(q.followUp.all(lo, hi) as Row[])
    for (const p of q.patients.all(lo, hi) as Row[]) {
      const id = Number(p.id)
      const record: PatientRecordInput = emptyPatientRecord(p.study_id as string)
      assign(record.patient, p, V1_PATIENT)
      record.patient.vertebrae = (vertebrae.get(id) ?? []).map((r) => r.vertebra as PatientRecordInput['patient']['vertebrae'][number])
      const identity = identities.get(id)?.[0]
      if (identity) assign(record.identity, identity, V1_IDENTITY)
      for (const a of assessments.get(id) ?? []) assign(a.timepoint === 'month6' ? record.month6 : record.preop, a, V1_ASSESSMENT)
      const surgery = surgeries.get(id)?.[0]
      if (surgery) assign(record.surgery, surgery, V1_SURGERY)
      record.complications = (complications.get(id) ?? []).map((c) => ({
        id: Number(c.id),
        kind: c.kind as PatientRecordInput['complications'][number]['kind'],
        description: (c.description as string | null) ?? null,
        grade: (c.grade as PatientRecordInput['complications'][number]['grade']) ?? null,
        onsetDate: (c.onset_date as string | null) ?? null,
      }))
      record.followUp = (followUp.get(id) ?? []).map((e) => ({
        id: Number(e.id),
        kind: e.kind as PatientRecordInput['followUp'][number]['kind'],
        eventDate: e.event_date as string,
        note: (e.note as string | null) ?? null,
      }))
      const s = computePatientStatus(record)
      insert.run({
        patientId: id,
        logicVersion: PATIENT_STATUS_LOGIC_VERSION,
        eligibility: s.eligibility,
        completenessFilled: s.completenessFilled,
        completenessRequired: s.completenessRequired,
        nextFollowUpDue: s.nextFollowUpDue,
        deceased: s.deceased ? 1 : 0,
        surgeryDate: s.surgeryDate,
        arm: s.arm,
        updatedAt: p.updated_at as string,
      })
    }
  }
}
