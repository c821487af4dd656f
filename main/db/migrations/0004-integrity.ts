import type { Database } from 'better-sqlite3'

// Schema version 4: the search index can no longer lock anyone out of their registry.
//
// Version 2 created `patient_search` (FTS5, trigram tokenizer) with FTS5's `secure-delete`
// option on. With SQLite 3.53 that combination was seen to fail SQLite's integrity check
// ("fts5: checksum mismatch for table patient_search") after a few hundred ordinary edits of
// names and ids, and a failed integrity check made SpineMet refuse the whole file although the
// clinical tables were intact. Without secure-delete the index is the ordinary FTS5 index:
// a deleted value stays in the index's pages until FTS5 merges them (the database file is not
// a place to hide a name from anyway; Save as and backups copy whole pages), and no failure of
// this kind is known. The option is switched off and the index rebuilt from the tables, which
// also repairs an index that the old combination had already damaged.
//
// The index stays derived data: SpineMet rebuilds it at opening whenever SQLite's check finds a
// problem in it and nowhere else (main/db/integrity.ts).

export function up(db: Database): void {
  db.exec(`
    INSERT INTO patient_search (patient_search, rank) VALUES ('secure-delete', 0);
    -- 'rebuild' first: it discards the index without reading it, so a damaged index cannot make
    -- the DELETE fail; then the rows are written again from the clinical tables.
    INSERT INTO patient_search (patient_search) VALUES ('rebuild');
    DELETE FROM patient_search;
    INSERT INTO patient_search (rowid, name_or_study_id) SELECT id * 2, study_id FROM patients;
    INSERT INTO patient_search (rowid, name_or_study_id, hospital_number) SELECT patient_id * 2 + 1, full_name, hospital_number FROM patient_identities;
    INSERT INTO patient_search (patient_search) VALUES ('optimize');
  `)
}
