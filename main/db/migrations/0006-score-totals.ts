import type { Database } from 'better-sqlite3'

// Schema version 6: scores known only as their total. Legacy registries and charts keep the
// revised Tokuhashi and SINS totals without the items; these columns hold such a total ("total
// known, items not recorded"), like sosgoq_entered_total does for SOSG-OQ. The items' sum, once
// every item is recorded, is still computed and never stored. Existing rows get NULL: nothing
// they derive changes, so the patient_status cache stays valid.

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE assessments ADD COLUMN tokuhashi_entered_total INTEGER
      CHECK (tokuhashi_entered_total IS NULL OR tokuhashi_entered_total BETWEEN 0 AND 15);
    ALTER TABLE assessments ADD COLUMN sins_entered_total INTEGER
      CHECK (sins_entered_total IS NULL OR sins_entered_total BETWEEN 0 AND 18);
  `)
}
