import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import { refreshStalePatientStatus } from './repositories/patient-edits'

// Derived data never locks anyone out. The search index (patient_search), the status cache
// (patient_status) and every SQL index are computed from the clinical tables; when SQLite's
// integrity check finds problems only there, they are rebuilt in one transaction instead of
// refusing the file. A problem anywhere else (the clinical tables, the audit trail, the file's
// pages) still refuses it: nothing can be recomputed from damaged originals.
// SQLite's FTS5 documentation: INSERT INTO t(t) VALUES('rebuild') / ('integrity-check').

/** What a rebuild touched, in words for the user and the log. */
export type DerivedStructure = 'search index' | 'patient status cache' | 'table indexes'

export interface IntegrityClassification {
  ok: boolean
  /** True when every problem lies in a derived structure. */
  derivedOnly: boolean
  search: boolean
  status: boolean
  /** Names of SQL indexes (not their tables) reported as inconsistent. */
  indexes: string[]
  /** Problems outside derived structures, for the refusal message. */
  other: string[]
}

const SEARCH_TABLE = 'patient_search'
const STATUS_TABLE = 'patient_status'

function indexNames(db: Database): Map<string, string> {
  const rows = db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index'").all() as { name: string; tbl_name: string }[]
  return new Map(rows.map((r) => [r.name, r.tbl_name]))
}

/**
 * Sorts the messages of PRAGMA quick_check / integrity_check into derived structures and the rest.
 * Recognised: FTS5 messages naming the search table; "row N missing from index X", "wrong # of
 * entries in index X", "non-unique entry in index X" for an index X that exists; NULL / CHECK
 * problems reported in the status cache. Any other message counts as damage to real data.
 */
export function classifyIntegrity(db: Database, messages: readonly string[]): IntegrityClassification {
  const out: IntegrityClassification = { ok: false, derivedOnly: false, search: false, status: false, indexes: [], other: [] }
  if (messages.length === 1 && messages[0] === 'ok') return { ...out, ok: true, derivedOnly: true }
  let indexes: Map<string, string> | null = null
  try {
    indexes = indexNames(db)
  } catch {
    indexes = null
  }
  for (const m of messages) {
    if (/fts5/i.test(m) && (m.includes(`"${SEARCH_TABLE}"`) || m.includes(`.${SEARCH_TABLE}`) || m.includes(` ${SEARCH_TABLE}`))) {
      out.search = true
      continue
    }
    const idx = /^(?:row \d+ missing from index|wrong # of entries in index|non-unique entry in index) (\S+)$/.exec(m)?.[1]
    if (idx !== undefined && indexes?.has(idx)) {
      if (indexes.get(idx) === STATUS_TABLE) out.status = true
      else if (!out.indexes.includes(idx)) out.indexes.push(idx)
      continue
    }
    if (new RegExp(`\\b${STATUS_TABLE}\\b`).test(m) && !/^(?:\*\*\* in database|Tree|Page|On tree page|Multiple uses|Freelist|Fragmentation)/i.test(m)) {
      out.status = true
      continue
    }
    out.other.push(m)
  }
  out.derivedOnly = out.other.length === 0
  return out
}

/** Runs SQLite's check and returns its messages ('ok' alone when there is nothing to report). */
export function checkMessages(db: Database, kind: 'quick_check' | 'integrity_check'): string[] {
  const rows = db.pragma(kind) as Record<string, string>[]
  return rows.map((r) => String(r[kind]))
}

/** Recomputes the search index from patients and patient_identities (inside the caller's transaction). */
export function rebuildSearchIndex(db: Database): void {
  db.exec(`
    INSERT INTO patient_search (patient_search) VALUES ('rebuild');
    DELETE FROM patient_search;
    INSERT INTO patient_search (rowid, name_or_study_id) SELECT id * 2, study_id FROM patients;
    INSERT INTO patient_search (rowid, name_or_study_id, hospital_number) SELECT patient_id * 2 + 1, full_name, hospital_number FROM patient_identities;
  `)
}

/**
 * Rebuilds the derived structures named in `found`, in one transaction, and returns their names.
 * The status cache is emptied and recomputed by the domain rules from the records.
 */
export function rebuildDerived(db: Database, found: IntegrityClassification): DerivedStructure[] {
  const done: DerivedStructure[] = []
  db.transaction(() => {
    if (found.search) {
      rebuildSearchIndex(db)
      done.push('search index')
    }
    for (const idx of found.indexes) db.exec(`REINDEX "${idx.replace(/"/g, '""')}"`)
    if (found.indexes.length > 0) done.push('table indexes')
    if (found.status) {
      db.exec(`DELETE FROM ${STATUS_TABLE}; REINDEX ${STATUS_TABLE};`)
      done.push('patient status cache')
    }
  }).immediate()
  if (found.status) refreshStalePatientStatus(db)
  return done
}

/**
 * The check made at opening, before anything is written: SQLite's quick check (which includes
 * FTS5's own check of the search index). Throws DB_CORRUPT, offering read-only access, when a
 * problem lies outside the derived structures; otherwise returns what needs rebuilding.
 */
export function inspectBeforeOpening(db: Database, fileName: string): IntegrityClassification {
  const found = classifyIntegrity(db, checkMessages(db, 'quick_check'))
  if (!found.derivedOnly) throw corruptFailure(fileName, found.other)
  return found
}

/** Rebuilds what `inspectBeforeOpening` found and checks again; returns the names of what was rebuilt. */
export function repairDerived(db: Database, fileName: string, found: IntegrityClassification): DerivedStructure[] {
  if (found.ok) return []
  const repaired = rebuildDerived(db, found)
  const after = classifyIntegrity(db, checkMessages(db, 'quick_check'))
  if (!after.ok) throw corruptFailure(fileName, after.other.length > 0 ? after.other : ['derived structures could not be rebuilt'])
  return repaired
}

export function corruptFailure(fileName: string, problems: readonly string[]): AppFailure {
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '')
  return new AppFailure(
    'DB_CORRUPT',
    `${fileName} is damaged in its clinical data (SQLite integrity check: ${shown}). Nothing was changed. ` +
      'Restore a backup (File ▸ Restore from backup…), or open the file read-only to look at it and export what can be read.',
    { details: { problems: problems.slice(0, 20), readOnlyAvailable: true } },
  )
}
