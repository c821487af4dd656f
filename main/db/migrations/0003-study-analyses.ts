import type { Database } from 'better-sqlite3'

// Schema version 3: saved study analyses. Each keeps the settings it ran with, the hash of the
// (de-identified) registry content it read, the SpineMet and engine versions that computed it, and
// its whole result object (JSON of the contract's StudyResult), so that a saved analysis shows
// exactly what it showed then and can say whether the registry has changed since. The study
// settings themselves live in registry_meta (key `study.settings`), which needs no schema change.
// A shipped migration is never edited.

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE study_analyses (
      id INTEGER PRIMARY KEY,
      label TEXT CHECK (label IS NULL OR length(label) BETWEEN 1 AND 200),
      computed_at TEXT NOT NULL,
      settings_json TEXT NOT NULL CHECK (json_valid(settings_json)),
      data_hash TEXT NOT NULL CHECK (length(data_hash) = 64),
      patient_count INTEGER NOT NULL CHECK (patient_count >= 0),
      app_version TEXT NOT NULL,
      engine_version TEXT NOT NULL,
      eligible_ht INTEGER NOT NULL CHECK (eligible_ht >= 0),
      eligible_tes INTEGER NOT NULL CHECK (eligible_tes >= 0),
      matched_pairs INTEGER NOT NULL CHECK (matched_pairs >= 0),
      result_json TEXT NOT NULL CHECK (json_valid(result_json))
    ) STRICT;
    CREATE INDEX study_analyses_computed_at ON study_analyses(computed_at);
  `)
}
