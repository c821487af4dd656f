import type { Database } from 'better-sqlite3'

// Schema version 1: everything the reference study (Zheng 2021) records.
// A shipped migration is never edited; change the schema with a new numbered file.
//
// Conventions: STRICT tables, snake_case plural names, INTEGER PRIMARY KEY, clinical dates as
// ISO 'YYYY-MM-DD' text checked with date(x) IS x (rejects 2021-02-30 and '21/3/2021'),
// every bounded score has a CHECK. Totals (Tokuhashi, SINS, SOSG-OQ from items) and intervals
// (surgery → SRS, length of stay, follow-up) are derived, never stored.

const isoDate = (col: string): string => `CHECK (${col} IS NULL OR date(${col}) IS ${col})`
const oneOf = (col: string, values: readonly (string | number)[]): string =>
  `CHECK (${col} IS NULL OR ${col} IN (${values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(', ')}))`
const flag = (col: string): string => `CHECK (${col} IS NULL OR ${col} IN (0, 1))`

const HISTOLOGIES = [
  'kidney', 'thyroid', 'liver', 'rectum', 'colon', 'melanoma', 'lung_nsclc', 'lung_sclc', 'breast',
  'prostate', 'carcinoid', 'uterus', 'gallbladder', 'unknown_primary', 'stomach', 'esophagus',
  'pancreas', 'bladder', 'osteosarcoma', 'sarcoma_other', 'myeloma', 'lymphoma', 'seminoma', 'ovary', 'other',
]
const VERTEBRAE = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2', 'S3', 'S4', 'S5',
]
const COMPLICATION_KINDS = [
  'deep_vein_thrombosis', 'intermuscular_venous_thrombosis', 'pulmonary_embolism',
  'superficial_wound_infection', 'deep_wound_infection', 'pneumonia', 'stress_ulcer', 'csf_leak',
  'transient_neurological_deficit', 'permanent_neurological_deficit', 'hardware_failure', 'other',
]

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE registry_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE patients (
      id INTEGER PRIMARY KEY,
      study_id TEXT NOT NULL UNIQUE CHECK (length(trim(study_id)) BETWEEN 1 AND 40),
      age_years INTEGER CHECK (age_years IS NULL OR age_years BETWEEN 0 AND 120),
      sex TEXT ${oneOf('sex', ['male', 'female'])},
      histology TEXT ${oneOf('histology', HISTOLOGIES)},
      histology_detail TEXT CHECK (histology_detail IS NULL OR length(histology_detail) <= 200),
      -- NOMS "O": the clinician's class; NULL = the default for the histology (docs/clinical-reference.md §9).
      radiosensitivity TEXT ${oneOf('radiosensitivity', ['sensitive', 'resistant'])},
      -- Revised Tokuhashi primary-site points, entered only when histology = 'other'.
      tokuhashi_primary_points INTEGER CHECK (tokuhashi_primary_points IS NULL OR tokuhashi_primary_points BETWEEN 0 AND 5),
      diagnosis_date TEXT ${isoDate('diagnosis_date')},
      spinal_region TEXT ${oneOf('spinal_region', ['cervical', 'thoracic', 'lumbar', 'sacral'])},
      -- Exclusion criteria of the study that are facts, not derivable from scores.
      primary_controlled INTEGER ${flag('primary_controlled')},
      surgical_contraindication INTEGER ${flag('surgical_contraindication')},
      previous_spinal_resection INTEGER ${flag('previous_spinal_resection')},
      notes TEXT CHECK (notes IS NULL OR length(notes) <= 4000),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Identity is kept apart from clinical data so that exports can leave it out.
    CREATE TABLE patient_identities (
      patient_id INTEGER PRIMARY KEY REFERENCES patients(id) ON DELETE CASCADE,
      full_name TEXT CHECK (full_name IS NULL OR length(full_name) <= 200),
      hospital_number TEXT UNIQUE CHECK (hospital_number IS NULL OR length(trim(hospital_number)) BETWEEN 1 AND 40),
      date_of_birth TEXT ${isoDate('date_of_birth')}
    ) STRICT;

    -- Vertebrae involved by the index (treated) lesion.
    CREATE TABLE patient_vertebrae (
      patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
      vertebra TEXT NOT NULL ${oneOf('vertebra', VERTEBRAE)},
      PRIMARY KEY (patient_id, vertebra)
    ) STRICT, WITHOUT ROWID;

    -- Scores at a time point, stored as their components (docs/clinical-reference.md §1–§7).
    CREATE TABLE assessments (
      id INTEGER PRIMARY KEY,
      patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
      timepoint TEXT NOT NULL ${oneOf('timepoint', ['preop', 'month6'])},
      assessed_on TEXT ${isoDate('assessed_on')},
      kps INTEGER CHECK (kps IS NULL OR (kps BETWEEN 0 AND 100 AND kps % 10 = 0)),
      ecog INTEGER CHECK (ecog IS NULL OR ecog BETWEEN 0 AND 5),
      tokuhashi_extraspinal_bone_foci INTEGER CHECK (tokuhashi_extraspinal_bone_foci IS NULL OR tokuhashi_extraspinal_bone_foci BETWEEN 0 AND 200),
      tokuhashi_vertebral_metastases INTEGER CHECK (tokuhashi_vertebral_metastases IS NULL OR tokuhashi_vertebral_metastases BETWEEN 1 AND 29),
      tokuhashi_visceral TEXT ${oneOf('tokuhashi_visceral', ['unremovable', 'removable', 'none'])},
      tokuhashi_frankel TEXT ${oneOf('tokuhashi_frankel', ['A', 'B', 'C', 'D', 'E'])},
      bilsky_grade TEXT ${oneOf('bilsky_grade', ['0', '1a', '1b', '1c', '2', '3'])},
      sins_location TEXT ${oneOf('sins_location', ['junctional', 'mobile', 'semi_rigid', 'rigid'])},
      sins_pain TEXT ${oneOf('sins_pain', ['mechanical', 'occasional', 'pain_free'])},
      sins_bone_lesion TEXT ${oneOf('sins_bone_lesion', ['lytic', 'mixed', 'blastic'])},
      sins_alignment TEXT ${oneOf('sins_alignment', ['subluxation', 'deformity', 'normal'])},
      sins_collapse TEXT ${oneOf('sins_collapse', ['over_50', 'under_50', 'involved_over_50', 'none'])},
      sins_posterolateral TEXT ${oneOf('sins_posterolateral', ['bilateral', 'unilateral', 'none'])},
      asia_grade TEXT ${oneOf('asia_grade', ['A', 'B', 'C', 'D', 'E'])},
      -- VAS 0–10 with at most one decimal.
      vas_pain REAL CHECK (vas_pain IS NULL OR (vas_pain BETWEEN 0 AND 10 AND abs(vas_pain * 10 - round(vas_pain * 10)) < 1e-9)),
      -- NOMS inputs that are clinical judgements (docs/clinical-reference.md §8).
      myelopathy INTEGER ${flag('myelopathy')},
      tolerates_surgery INTEGER ${flag('tolerates_surgery')},
      -- SOSG-OQ: instrument version with every score; item answers (JSON array of option
      -- levels 1–5, best → worst, null = unanswered) and/or a total entered from the chart.
      sosgoq_version TEXT ${oneOf('sosgoq_version', ['1.0', '2.0'])},
      sosgoq_answers TEXT CHECK (sosgoq_answers IS NULL OR (json_valid(sosgoq_answers) AND json_type(sosgoq_answers) = 'array')),
      sosgoq_entered_total REAL CHECK (sosgoq_entered_total IS NULL OR sosgoq_entered_total BETWEEN 0 AND 100),
      CHECK (sosgoq_version IS NOT NULL OR (sosgoq_answers IS NULL AND sosgoq_entered_total IS NULL)),
      UNIQUE (patient_id, timepoint)
    ) STRICT;

    CREATE TABLE surgeries (
      patient_id INTEGER PRIMARY KEY REFERENCES patients(id) ON DELETE CASCADE,
      arm TEXT ${oneOf('arm', ['HT', 'TES', 'other'])},
      admission_date TEXT ${isoDate('admission_date')},
      surgery_date TEXT ${isoDate('surgery_date')},
      discharge_date TEXT ${isoDate('discharge_date')},
      procedure_detail TEXT CHECK (procedure_detail IS NULL OR length(procedure_detail) <= 2000),
      fixation_levels_above INTEGER CHECK (fixation_levels_above IS NULL OR fixation_levels_above BETWEEN 0 AND 12),
      fixation_levels_below INTEGER CHECK (fixation_levels_below IS NULL OR fixation_levels_below BETWEEN 0 AND 12),
      operative_time_min INTEGER CHECK (operative_time_min IS NULL OR operative_time_min BETWEEN 1 AND 2880),
      blood_loss_ml INTEGER CHECK (blood_loss_ml IS NULL OR blood_loss_ml BETWEEN 0 AND 50000),
      margin_status TEXT ${oneOf('margin_status', ['negative', 'positive', 'not_assessed'])},
      srs_date TEXT ${isoDate('srs_date')},
      srs_dose_gy REAL CHECK (srs_dose_gy IS NULL OR (srs_dose_gy > 0 AND srs_dose_gy <= 100)),
      srs_fractions INTEGER CHECK (srs_fractions IS NULL OR srs_fractions BETWEEN 1 AND 50)
    ) STRICT;

    CREATE TABLE complications (
      id INTEGER PRIMARY KEY,
      patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
      kind TEXT NOT NULL ${oneOf('kind', COMPLICATION_KINDS)},
      description TEXT CHECK (description IS NULL OR length(description) <= 2000),
      -- Clavien–Dindo grade.
      grade TEXT ${oneOf('grade', ['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V'])},
      onset_date TEXT ${isoDate('onset_date')},
      created_at TEXT NOT NULL
    ) STRICT;

    -- Follow-up timeline: contacts, local progression, death. Local relapse = the first
    -- local_progression; last follow-up = the latest event of any kind.
    CREATE TABLE follow_up_events (
      id INTEGER PRIMARY KEY,
      patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
      kind TEXT NOT NULL ${oneOf('kind', ['contact', 'local_progression', 'death'])},
      event_date TEXT NOT NULL ${isoDate('event_date')},
      note TEXT CHECK (note IS NULL OR length(note) <= 2000),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX follow_up_one_death_per_patient ON follow_up_events(patient_id) WHERE kind = 'death';

    -- Every change: who (operating-system user), when, what. No foreign key, so the trail
    -- survives the deletion of the patient it describes.
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      os_user TEXT NOT NULL,
      patient_id INTEGER,
      table_name TEXT NOT NULL,
      row_id INTEGER,
      field TEXT,
      action TEXT NOT NULL ${oneOf('action', ['insert', 'update', 'delete'])},
      old_value TEXT,
      new_value TEXT
    ) STRICT;

    CREATE INDEX patients_updated_at ON patients(updated_at);
    CREATE INDEX patients_histology ON patients(histology);
    CREATE INDEX patient_identities_name ON patient_identities(full_name COLLATE NOCASE);
    CREATE INDEX assessments_patient ON assessments(patient_id);
    CREATE INDEX surgeries_arm ON surgeries(arm);
    CREATE INDEX complications_patient ON complications(patient_id);
    CREATE INDEX follow_up_events_patient ON follow_up_events(patient_id, event_date);
    CREATE INDEX audit_log_patient ON audit_log(patient_id, at);
  `)
}
