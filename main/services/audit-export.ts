import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { AppFailure } from '@contract/result'
import type { AuditExportResult } from '@contract/patients'
import { countAudit, iterateAudit, type StoredAuditEntry } from '../db/repositories/audit'
import { stmt } from '../db/statement-cache'
import { todayIso } from '@domain/validation'
import type { Session } from './session'

// Export of the audit trail as CSV (UTF-8 with a byte-order mark so that spreadsheet programs
// read Chinese text; R: read.csv(f, fileEncoding = "UTF-8-BOM"), readr and SPSS read it as is).
// De-identified by default: values of identity fields become `[identity]`.

export const IDENTITY_PLACEHOLDER = '[identity]'

export const AUDIT_CSV_COLUMNS = [
  'audit_id',
  'at',
  'os_user',
  'patient_id',
  'study_id',
  'table_name',
  'row_id',
  'field',
  'action',
  'old_value',
  'new_value',
] as const

/** True when the entry's values are identity data (name, hospital number, date of birth). */
export function isIdentityEntry(e: Pick<StoredAuditEntry, 'tableName' | 'field'>): boolean {
  return e.tableName === 'patient_identities' || (e.field !== null && e.field.startsWith('identity.'))
}

export function auditCsvRow(e: StoredAuditEntry, identified: boolean): (string | number | null)[] {
  const hide = !identified && isIdentityEntry(e)
  const v = (x: string | null) => (x === null ? null : hide ? IDENTITY_PLACEHOLDER : x)
  return [e.id, e.at, e.osUser, e.patientId, e.studyId, e.tableName, e.rowId, e.field, e.action, v(e.oldValue), v(e.newValue)]
}

export async function exportAudit(session: Session, input: { id?: number | undefined; identified?: boolean | undefined }): Promise<AuditExportResult> {
  const db = session.requireDb()
  const identified = input.identified === true
  let scope = 'all'
  if (input.id !== undefined) {
    const studyId = stmt(db, 'SELECT study_id FROM patients WHERE id = ?').pluck().get(input.id) as string | undefined
    if (studyId === undefined && countAudit(db, input.id) === 0) {
      throw new AppFailure('NOT_FOUND', `There is no patient with record number ${input.id} in this registry, and no audit entry about one.`)
    }
    scope = (studyId ?? `patient-${input.id}`).replace(/[^\w.-]+/g, '_')
  }
  const defaultName = `spinemet-audit-${scope}-${todayIso(session.host.now())}${identified ? '-identified' : ''}.csv`
  if (!session.host.chooseExportPath) {
    throw new AppFailure('CANCELLED', 'This SpineMet window cannot save files. Use the desktop application to export the audit trail.')
  }
  const chosen = await session.host.chooseExportPath(defaultName, 'csv')
  if (!chosen) throw new AppFailure('CANCELLED', 'Cancelled.')
  const target = path.resolve(path.extname(chosen) ? chosen : chosen + '.csv')

  // Written to a temporary file beside the target and renamed, so a failed export leaves no half file.
  const tmp = `${target}.${process.pid}.tmp`
  let rows = 0
  try {
    const fd = fs.openSync(tmp, 'w')
    try {
      fs.writeSync(fd, '\uFEFF' + Papa.unparse([AUDIT_CSV_COLUMNS as unknown as string[]], { newline: '\r\n' }) + '\r\n')
      let batch: (string | number | null)[][] = []
      const flush = () => {
        if (batch.length === 0) return
        // escapeFormulae: a value starting with = + - @ is not run as a formula by a spreadsheet.
        fs.writeSync(fd, Papa.unparse(batch, { newline: '\r\n', escapeFormulae: true }) + '\r\n')
        batch = []
      }
      for (const e of iterateAudit(db, input.id)) {
        batch.push(auditCsvRow(e, identified))
        rows++
        if (batch.length >= 1000) flush()
      }
      flush()
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, target)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    const reason = (err as NodeJS.ErrnoException).code === 'EACCES' || (err as NodeJS.ErrnoException).code === 'EPERM' ? 'the folder is not writable' : (err as Error).message
    throw new AppFailure('INTERNAL', `SpineMet could not write ${path.basename(target)} (${reason}). Choose another folder; nothing else was changed.`)
  }
  session.host.log('info', 'audit exported', { rows, identified, patientId: input.id ?? null })
  return { path: target, fileName: path.basename(target), rows, identified }
}
