import type { Database } from 'better-sqlite3'

// Missing-data codes and form status (main/domain/missing-codes.ts), each in a side table so that
// no section table gains a column per field:
// - missing_codes: one row per study field marked not done / unknown / not applicable / lost to
//   follow-up, by its completeness path (`preop.kps`, `month6.sosgoq`, `followUp.lastContact`);
// - form_status: one row per section of the record screen whose status was set, with who and when
//   (a section without a row is "incomplete"). The list filters on it through the index.

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE missing_codes (
      patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
      path TEXT NOT NULL CHECK (length(path) BETWEEN 3 AND 60),
      code TEXT NOT NULL CHECK (code IN ('notDone', 'unknown', 'notApplicable', 'lostToFollowUp')),
      PRIMARY KEY (patient_id, path)
    ) WITHOUT ROWID;

    CREATE TABLE form_status (
      patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
      section TEXT NOT NULL CHECK (section IN ('identity', 'preop', 'surgery', 'periop', 'month6', 'followUp')),
      status TEXT NOT NULL CHECK (status IN ('incomplete', 'complete', 'verified')),
      changed_by TEXT NOT NULL,
      changed_at TEXT NOT NULL,
      PRIMARY KEY (patient_id, section)
    ) WITHOUT ROWID;
    CREATE INDEX form_status_by_status ON form_status (section, status, patient_id);
  `)
}
