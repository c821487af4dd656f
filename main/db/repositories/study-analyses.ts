import type { Database } from 'better-sqlite3'
import { stmt } from '../statement-cache'

/** A saved study analysis as stored (the result and settings still as JSON text). */
export interface StoredStudyAnalysis {
  id: number
  label: string | null
  computedAt: string
  settingsJson: string
  dataHash: string
  patientCount: number
  appVersion: string
  engineVersion: string
  eligibleHt: number
  eligibleTes: number
  matchedPairs: number
  resultJson: string
}

type Row = Record<string, unknown>

function fromRow(r: Row, withResult: boolean): StoredStudyAnalysis {
  return {
    id: Number(r.id),
    label: (r.label as string | null) ?? null,
    computedAt: r.computed_at as string,
    settingsJson: r.settings_json as string,
    dataHash: r.data_hash as string,
    patientCount: Number(r.patient_count),
    appVersion: r.app_version as string,
    engineVersion: r.engine_version as string,
    eligibleHt: Number(r.eligible_ht),
    eligibleTes: Number(r.eligible_tes),
    matchedPairs: Number(r.matched_pairs),
    resultJson: withResult ? (r.result_json as string) : '',
  }
}

export function insertStudyAnalysis(db: Database, a: Omit<StoredStudyAnalysis, 'id'>): number {
  const info = stmt(
    db,
    `INSERT INTO study_analyses (label, computed_at, settings_json, data_hash, patient_count, app_version, engine_version,
       eligible_ht, eligible_tes, matched_pairs, result_json)
     VALUES (@label, @computedAt, @settingsJson, @dataHash, @patientCount, @appVersion, @engineVersion,
       @eligibleHt, @eligibleTes, @matchedPairs, @resultJson)`,
  ).run(a)
  return Number(info.lastInsertRowid)
}

/** Every saved analysis, newest first, without the result JSON. */
export function listStudyAnalyses(db: Database): StoredStudyAnalysis[] {
  const rows = stmt(
    db,
    `SELECT id, label, computed_at, settings_json, data_hash, patient_count, app_version, engine_version,
       eligible_ht, eligible_tes, matched_pairs FROM study_analyses ORDER BY computed_at DESC, id DESC`,
  ).all() as Row[]
  return rows.map((r) => fromRow(r, false))
}

export function getStudyAnalysis(db: Database, id: number): StoredStudyAnalysis | null {
  const r = stmt(db, 'SELECT * FROM study_analyses WHERE id = ?').get(id) as Row | undefined
  return r ? fromRow(r, true) : null
}

/** Deletes a saved analysis; false when there was none with that id. */
export function deleteStudyAnalysis(db: Database, id: number): boolean {
  return stmt(db, 'DELETE FROM study_analyses WHERE id = ?').run(id).changes > 0
}
