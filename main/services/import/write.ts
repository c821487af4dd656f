// Writing an import's patients: the one path by which the all-or-nothing commit and the "import
// the good rows" mode create patients. Rows are written in bulk (insertPatientRecords: the rows and
// the status cache of each patient) inside the caller's transaction, and the import gets one audit
// entry that names the file, its SHA-256 and the row each patient came from (see
// IMPORT_AUDIT_TABLE) instead of an entry per patient.
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import { IMPORT_AUDIT_TABLE, writeAudit, type AuditActor, type ImportAuditValue } from '../../db/repositories/audit'
import { insertPatientRecords, nextPatientId, RecordWriteError } from '../../db/repositories/patient-records'
import { toAppFailure } from '../../db/errors'
import type { CsvFile } from './csv'
import type { PlannedRow } from './plan'
import { ROW_CONVENTION } from './problems'

export class ImportWriter {
  private readonly firstId: number
  private nextId: number
  /** The rows written, in patient-id order, as runs [first row, number of rows]. */
  private readonly runs: [number, number][] = []
  created = 0
  complications = 0
  followUpEvents = 0

  constructor(
    private readonly db: Database,
    private readonly file: Pick<CsvFile, 'fileName' | 'sha256'>,
    private readonly actor: AuditActor,
  ) {
    this.firstId = this.nextId = nextPatientId(db)
  }

  /** The id the next patient written gets. */
  get nextPatientId(): number {
    return this.nextId
  }

  /** Creates a patient for each row (in order); a row SQLite refuses fails the import, naming its row. */
  write(rows: readonly PlannedRow[]): void {
    if (rows.length === 0) return
    try {
      insertPatientRecords(
        this.db,
        rows.map((r) => r.record),
        this.actor,
        this.nextId,
      )
    } catch (err) {
      if (!(err instanceof RecordWriteError)) throw err
      const failure = toAppFailure(err.cause)
      const row = rows[err.index]!.row
      throw new AppFailure('IMPORT_FAILED', `Nothing was imported: row ${row} could not be saved (${failure.message}). ${ROW_CONVENTION}`, {
        details: { row, code: failure.code },
      })
    }
    this.nextId += rows.length
    this.created += rows.length
    for (const r of rows) {
      const last = this.runs[this.runs.length - 1]
      if (last && last[0] + last[1] === r.row) last[1]++
      else this.runs.push([r.row, 1])
      this.complications += r.record.complications.length
      this.followUpEvents += r.record.followUp.length
    }
  }

  /** Writes the import's audit entry (after the last row, in the same transaction). */
  finish(): void {
    if (this.created === 0) return
    const value: ImportAuditValue = {
      importedFrom: this.file.fileName,
      sha256: this.file.sha256 ?? null,
      patients: this.created,
      firstPatientId: this.firstId,
      lastPatientId: this.nextId - 1,
      rows: this.runs,
    }
    writeAudit(this.db, this.actor, [{ patientId: null, tableName: IMPORT_AUDIT_TABLE, rowId: this.firstId, field: null, action: 'insert', oldValue: null, newValue: value }])
  }
}
