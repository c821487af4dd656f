import type { Database } from 'better-sqlite3'
import type { FormSection, FormStatus, FormStatusEntry, MissingCode } from '@domain/missing-codes'
import { stmt } from '../statement-cache'

// The side tables of migration 0007: missing-data codes by field path, and the form status of
// each section of the record screen. Rows only; the service writes them inside its transaction
// with their audit entries (patient-edits.ts recordChange).

export function readMissingCodes(db: Database, patientId: number): Record<string, MissingCode> {
  const out: Record<string, MissingCode> = {}
  for (const r of stmt(db, 'SELECT path, code FROM missing_codes WHERE patient_id = ? ORDER BY path').all(patientId) as { path: string; code: MissingCode }[]) out[r.path] = r.code
  return out
}

/** Sets (or with null, clears) the code of one field. Returns the code it replaces. */
export function writeMissingCode(db: Database, patientId: number, path: string, code: MissingCode | null): MissingCode | null {
  const old = (stmt(db, 'SELECT code FROM missing_codes WHERE patient_id = ? AND path = ?').pluck().get(patientId, path) as MissingCode | undefined) ?? null
  if (code === null) stmt(db, 'DELETE FROM missing_codes WHERE patient_id = ? AND path = ?').run(patientId, path)
  else stmt(db, 'INSERT INTO missing_codes (patient_id, path, code) VALUES (?, ?, ?) ON CONFLICT (patient_id, path) DO UPDATE SET code = excluded.code').run(patientId, path, code)
  return old
}

export function readFormStatus(db: Database, patientId: number): Partial<Record<FormSection, FormStatusEntry>> {
  const out: Partial<Record<FormSection, FormStatusEntry>> = {}
  const rows = stmt(db, 'SELECT section, status, changed_by, changed_at FROM form_status WHERE patient_id = ?').all(patientId) as FormStatusRow[]
  for (const r of rows) out[r.section] = { status: r.status, by: r.changed_by, at: r.changed_at }
  return out
}

interface FormStatusRow {
  patient_id?: number
  section: FormSection
  status: FormStatus
  changed_by: string
  changed_at: string
}

/** Sets the status of one section (who and when). Returns the status it replaces ('incomplete' when never set). */
export function writeFormStatus(db: Database, patientId: number, section: FormSection, status: FormStatus, by: string, at: string): FormStatus {
  const old = (stmt(db, 'SELECT status FROM form_status WHERE patient_id = ? AND section = ?').pluck().get(patientId, section) as FormStatus | undefined) ?? 'incomplete'
  stmt(
    db,
    `INSERT INTO form_status (patient_id, section, status, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (patient_id, section) DO UPDATE SET status = excluded.status, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
  ).run(patientId, section, status, by, at)
  return old
}

/** Codes and form status of many patients at once (whole-registry reads), by patient id. */
export function readSideTables(
  db: Database,
  ids: readonly number[],
): { codes: Map<number, Record<string, MissingCode>>; forms: Map<number, Partial<Record<FormSection, FormStatusEntry>>> } {
  const idList = JSON.stringify(ids)
  const codes = new Map<number, Record<string, MissingCode>>()
  for (const r of stmt(db, 'SELECT patient_id, path, code FROM missing_codes WHERE patient_id IN (SELECT value FROM json_each(?)) ORDER BY patient_id, path').all(idList) as {
    patient_id: number
    path: string
    code: MissingCode
  }[]) {
    const m = codes.get(r.patient_id) ?? {}
    m[r.path] = r.code
    codes.set(r.patient_id, m)
  }
  const forms = new Map<number, Partial<Record<FormSection, FormStatusEntry>>>()
  for (const r of stmt(db, 'SELECT patient_id, section, status, changed_by, changed_at FROM form_status WHERE patient_id IN (SELECT value FROM json_each(?))').all(idList) as FormStatusRow[]) {
    const m = forms.get(r.patient_id!) ?? {}
    m[r.section] = { status: r.status, by: r.changed_by, at: r.changed_at }
    forms.set(r.patient_id!, m)
  }
  return { codes, forms }
}
