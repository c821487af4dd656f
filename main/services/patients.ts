import type { z } from 'zod'
import type { Database } from 'better-sqlite3'
import { AppFailure, type ErrorCode } from '@contract/result'
import {
  FIELD_SCHEMAS,
  type AuditEntryView,
  type FieldPath,
  type PatientListPage,
  type PatientView,
  type ValidationIssue,
  type patientListQuery,
} from '@contract/patients'
import { emptyPatientRecord, type Complication, type FollowUpEvent, type PatientRecord, type PatientRecordInput } from '@contract/patient-record'
import { VERTEBRAE } from '@domain/codes'
import { completeness, isStudyFieldPath, studyFieldHasValue } from '@domain/completeness'
import { missingCodesFor, MISSING_CODE_TITLE, type FormSection, type FormStatus, type MissingCode } from '@domain/missing-codes'
import { writeFormStatus, writeMissingCode } from '../db/repositories/missing-codes'
import { deriveRecord } from '@domain/derived'
import type { RadiosensitivityClasses } from '@domain/radiosensitivity'
import { evaluateEligibility } from '@domain/eligibility'
import { errorsOf, todayIso, validateChange, validateFieldChange, validateRecord } from '@domain/validation'
import { listPatientAudit, writeAudit, type AuditEntry } from '../db/repositories/audit'
import { listPatients } from '../db/repositories/patient-list'
import { histologiesMatching } from './patient-search'
import { getPatientRecord, insertPatientRecord } from '../db/repositories/patient-records'
import { readRegistrySettings } from '../db/repositories/registry-settings'
import {
  deleteComplication,
  deleteFollowUpEvent,
  deletePatientRows,
  hospitalNumberOwner,
  insertComplication,
  insertFollowUpEvent,
  nextStudyId,
  recordChange,
  studyIdTaken,
  updateComplication,
  updateFollowUpEvent,
  writePatientField,
} from '../db/repositories/patient-edits'
import { toAppFailure } from '../db/errors'
import { describeValueProblem, fieldLabel } from './patient-fields'
import type { Session } from './session'
import { backupBefore } from './backups'
import { listBackupFiles, type BackupReason } from '../db/backups'

// Patient records: list, view, create, single-field autosave, complications, follow-up, deletion
// and the audit trail. Every change runs in one immediate transaction with its audit entries,
// patients.updated_at and the status cache: a failure anywhere rolls all of it back.

/** Today's date where the user is (local calendar date of the host's clock). */
function today(session: Session): string {
  return todayIso(session.host.now())
}

function notFound(id: number): never {
  throw new AppFailure('NOT_FOUND', `There is no patient with record number ${id} in this registry; it may have been deleted. Go back to the patient list.`)
}

/** Runs `fn` in one immediate transaction; SQLite errors become AppFailures a user can act on. */
function inTransaction<T>(db: Database, fn: () => T): T {
  try {
    return db.transaction(fn).immediate()
  } catch (err) {
    throw toAppFailure(err)
  }
}

/** @param radiosensitivityClasses the registry's radiosensitivity class per histology (registry settings) */
export function buildPatientView(record: PatientRecord, todayIso: string, radiosensitivityClasses: RadiosensitivityClasses = {}): PatientView {
  const derived = deriveRecord(record, radiosensitivityClasses)
  return {
    record,
    derived,
    eligibility: evaluateEligibility(record, undefined, derived),
    completeness: completeness(record, derived),
    issues: validateRecord(record, todayIso),
  }
}

const ISSUE_FAILURE_CODE: Record<ValidationIssue['code'], ErrorCode> = {
  DATE_ORDER: 'DATE_ORDER',
  SCORE_OUT_OF_RANGE: 'SCORE_OUT_OF_RANGE',
  DUPLICATE: 'DUPLICATE',
  REQUIRED: 'VALIDATION_FAILED',
  INCONSISTENT: 'VALIDATION_FAILED',
}

/** The refusal of a change that would leave errors in the record: the first error, with all issues in details. */
function refusal(field: string, issues: readonly ValidationIssue[]): AppFailure {
  const errors = errorsOf(issues)
  const first = errors[0]!
  const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} listed with the fields.)` : ''
  return new AppFailure(ISSUE_FAILURE_CODE[first.code], `Not saved: ${first.message}${more}`, { field, details: { issues } })
}

// ---- list, view, create ----

export function listPatientPage(session: Session, query: z.output<typeof patientListQuery>): PatientListPage {
  return listPatients(session.requireDb(), query, today(session), histologiesMatching(query.search))
}

export function getPatient(session: Session, input: { id: number }): PatientView {
  const db = session.requireDb()
  const record = getPatientRecord(db, input.id) ?? notFound(input.id)
  return buildPatientView(record, today(session), readRegistrySettings(db).radiosensitivity)
}

export function createPatient(session: Session, input: { studyId?: string | undefined }): PatientView {
  const db = session.requireDb()
  const actor = session.actor()
  const id = inTransaction(db, () => {
    const studyId = input.studyId ?? nextStudyId(db)
    if (input.studyId !== undefined && studyIdTaken(db, studyId, null)) {
      throw new AppFailure('DUPLICATE', `The study id ${studyId} is already used by another patient. Choose another, or leave it empty for the next free one.`, {
        field: 'studyId',
      })
    }
    return insertPatientRecord(db, emptyPatientRecord(studyId), actor)
  })
  session.host.log('info', 'patient created', { patientId: id })
  return getPatient(session, { id })
}

// ---- one field ----

function valueAt(record: PatientRecordInput, path: string): unknown {
  const [section, field] = path.split('.') as [keyof PatientRecordInput, string]
  return (record[section] as unknown as Record<string, unknown>)[field]
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

const vertebraOrder = new Map<string, number>(VERTEBRAE.map((v, i) => [v, i]))

/** Parses `value` with the field's schema; INVALID_INPUT naming the field in words otherwise. */
export function parseFieldValue(path: string, value: unknown): unknown {
  const schema = FIELD_SCHEMAS[path]
  if (!schema) throw new AppFailure('INVALID_INPUT', `SpineMet has no field called ${JSON.stringify(path).slice(0, 60)}.`, { field: 'path' })
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppFailure('INVALID_INPUT', `The ${fieldLabel(path)} was not saved: ${describeValueProblem(issue, path, value)}.`, {
      field: path,
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message })) },
    })
  }
  if (path === 'patient.vertebrae') {
    return [...new Set(parsed.data as string[])].sort((a, b) => (vertebraOrder.get(a) ?? 0) - (vertebraOrder.get(b) ?? 0))
  }
  return parsed.data
}

/**
 * Autosave of one field: the value is checked with its schema, then with the domain rules
 * (errors refuse the save; warnings are saved and returned in the view), then written with its
 * audit entry in one transaction. Sending the previous value undoes the change (and is audited).
 */
export function updatePatientField(session: Session, input: { id: number; path: FieldPath; value?: unknown }): PatientView {
  const db = session.requireDb()
  const value = parseFieldValue(input.path, input.value)
  const todayIso = today(session)
  const actor = session.actor()
  const record = inTransaction(db, () => {
    const current = getPatientRecord(db, input.id) ?? notFound(input.id)
    const old = valueAt(current, input.path)
    if (sameValue(old, value)) return current
    if (input.path === 'identity.hospitalNumber' && typeof value === 'string') {
      const owner = hospitalNumberOwner(db, value, input.id)
      if (owner !== null) {
        throw new AppFailure('DUPLICATE', `This hospital number is already recorded for patient ${owner}. Check the number; one patient has one record.`, {
          field: input.path,
          details: { otherStudyId: owner },
        })
      }
    }
    if (input.path === 'patient.studyId' && studyIdTaken(db, value as string, input.id)) {
      throw new AppFailure('DUPLICATE', `The study id ${String(value)} is already used by another patient. Choose another study id.`, { field: input.path })
    }
    const issues = validateFieldChange(current, input.path, value, todayIso)
    if (errorsOf(issues).length > 0) throw refusal(input.path, issues)
    const entry = writePatientField(db, input.id, input.path, old, value)
    return recordChange(db, input.id, actor, [entry])
  })
  return buildPatientView(record, todayIso, readRegistrySettings(db).radiosensitivity)
}

// ---- missing-data codes and form status ----

/**
 * Marks an empty study field as not done / unknown / not applicable / lost to follow-up, or clears
 * the mark. A field with a value is refused (clear the value first: a code never hides data).
 */
export function setMissingCode(session: Session, input: { id: number; path: string; code: MissingCode | null }): PatientView {
  const db = session.requireDb()
  const todayIso = today(session)
  const actor = session.actor()
  if (!isStudyFieldPath(input.path)) {
    throw new AppFailure('INVALID_INPUT', `A missing-data code can only mark a field the study needs; ${JSON.stringify(input.path).slice(0, 60)} is not one.`, { field: 'path' })
  }
  if (input.code !== null && !missingCodesFor(input.path).includes(input.code)) {
    throw new AppFailure('INVALID_INPUT', `The ${fieldLabel(input.path)} cannot be marked "${MISSING_CODE_TITLE[input.code]}": that code is for follow-up fields only.`, {
      field: input.path,
    })
  }
  const record = inTransaction(db, () => {
    const current = getPatientRecord(db, input.id) ?? notFound(input.id)
    const old = current.missingCodes?.[input.path] ?? null
    if (old === input.code) return current
    if (input.code !== null) {
      if (studyFieldHasValue(current, input.path)) {
        throw new AppFailure('VALIDATION_FAILED', `The ${fieldLabel(input.path)} has a value. Clear the value first if it is really missing; a code never hides a value.`, {
          field: input.path,
        })
      }
    }
    writeMissingCode(db, input.id, input.path, input.code)
    return recordChange(db, input.id, actor, [
      { patientId: input.id, tableName: 'missing_codes', rowId: input.id, field: input.path, action: old === null ? 'insert' : input.code === null ? 'delete' : 'update', oldValue: old, newValue: input.code },
    ])
  })
  return buildPatientView(record, todayIso)
}

/** Sets the form status of one section, with who and when. */
export function setFormStatus(session: Session, input: { id: number; section: FormSection; status: FormStatus }): PatientView {
  const db = session.requireDb()
  const todayIso = today(session)
  const actor = session.actor()
  const record = inTransaction(db, () => {
    const current = getPatientRecord(db, input.id) ?? notFound(input.id)
    const old = current.formStatus?.[input.section]?.status ?? 'incomplete'
    if (old === input.status) return current
    writeFormStatus(db, input.id, input.section, input.status, actor.osUser, actor.at)
    return recordChange(db, input.id, actor, [
      { patientId: input.id, tableName: 'form_status', rowId: input.id, field: `formStatus.${input.section}`, action: 'update', oldValue: old, newValue: input.status },
    ])
  })
  return buildPatientView(record, todayIso)
}

// ---- complications and follow-up events ----

type ItemKind = 'complication' | 'followUp'
const ITEM: Record<ItemKind, { list: 'complications' | 'followUp'; table: string; input: string; words: string }> = {
  complication: { list: 'complications', table: 'complications', input: 'complication', words: 'complication' },
  followUp: { list: 'followUp', table: 'follow_up_events', input: 'event', words: 'follow-up event' },
}

/** Field of the refused input (`complication.onsetDate`) from the first error's record path (`complications.2.onsetDate`). */
function itemField(kind: ItemKind, issues: readonly ValidationIssue[], index: number): string {
  const prefix = `${ITEM[kind].list}.${index}.`
  const first = errorsOf(issues).find((i) => i.path.startsWith(prefix))
  return `${ITEM[kind].input}.${first ? first.path.slice(prefix.length) : ITEM[kind].list === 'followUp' ? 'eventDate' : 'onsetDate'}`
}

function checkItemChange(kind: ItemKind, before: PatientRecordInput, after: PatientRecordInput, index: number, todayIso: string): void {
  const issues = validateChange(before, after, [`${ITEM[kind].list}.${index}`], todayIso)
  if (errorsOf(issues).length > 0) throw refusal(itemField(kind, issues, index), issues)
}

function itemNotFound(kind: ItemKind): never {
  throw new AppFailure('NOT_FOUND', `This ${ITEM[kind].words} is no longer in the record (it may have been removed in another window). Reload the record.`)
}

type ItemValue<K extends ItemKind> = K extends 'complication' ? Omit<Complication, 'id'> : Omit<FollowUpEvent, 'id'>

function addItem<K extends ItemKind>(session: Session, kind: K, patientId: number, item: ItemValue<K>): PatientView {
  const db = session.requireDb()
  const todayIso = today(session)
  const actor = session.actor()
  const record = inTransaction(db, () => {
    const current = getPatientRecord(db, patientId) ?? notFound(patientId)
    const after = structuredClone(current) as PatientRecordInput
    const list = after[ITEM[kind].list] as unknown as Record<string, unknown>[]
    list.push({ ...item, id: null })
    checkItemChange(kind, current, after, list.length - 1, todayIso)
    const rowId =
      kind === 'complication'
        ? insertComplication(db, patientId, item as Omit<Complication, 'id'>, actor.at)
        : insertFollowUpEvent(db, patientId, item as Omit<FollowUpEvent, 'id'>, actor.at)
    return recordChange(db, patientId, actor, [{ patientId, tableName: ITEM[kind].table, rowId, field: null, action: 'insert', oldValue: null, newValue: item }])
  })
  return buildPatientView(record, todayIso, readRegistrySettings(db).radiosensitivity)
}

function updateItem<K extends ItemKind>(session: Session, kind: K, patientId: number, itemId: number, item: ItemValue<K>): PatientView {
  const db = session.requireDb()
  const todayIso = today(session)
  const actor = session.actor()
  const record = inTransaction(db, () => {
    const current = getPatientRecord(db, patientId) ?? notFound(patientId)
    const list = current[ITEM[kind].list] as unknown as Record<string, unknown>[]
    const index = list.findIndex((x) => x.id === itemId)
    if (index < 0) itemNotFound(kind)
    const old = list[index]!
    const changedFields = Object.keys(item).filter((k) => !sameValue(old[k], (item as Record<string, unknown>)[k]))
    if (changedFields.length === 0) return current
    const after = structuredClone(current) as PatientRecordInput
    ;(after[ITEM[kind].list] as unknown as Record<string, unknown>[])[index] = { ...item, id: itemId }
    checkItemChange(kind, current, after, index, todayIso)
    const ok =
      kind === 'complication'
        ? updateComplication(db, patientId, itemId, item as Omit<Complication, 'id'>)
        : updateFollowUpEvent(db, patientId, itemId, item as Omit<FollowUpEvent, 'id'>)
    if (!ok) itemNotFound(kind)
    const audit: AuditEntry[] = changedFields.map((k) => ({
      patientId,
      tableName: ITEM[kind].table,
      rowId: itemId,
      field: `${ITEM[kind].list}.${k}`,
      action: 'update',
      oldValue: old[k],
      newValue: (item as Record<string, unknown>)[k],
    }))
    return recordChange(db, patientId, actor, audit)
  })
  return buildPatientView(record, todayIso, readRegistrySettings(db).radiosensitivity)
}

function removeItem(session: Session, kind: ItemKind, patientId: number, itemId: number): PatientView {
  const db = session.requireDb()
  const todayIso = today(session)
  const actor = session.actor()
  const record = inTransaction(db, () => {
    const current = getPatientRecord(db, patientId) ?? notFound(patientId)
    const old = (current[ITEM[kind].list] as unknown as Record<string, unknown>[]).find((x) => x.id === itemId)
    if (!old) itemNotFound(kind)
    const ok = kind === 'complication' ? deleteComplication(db, patientId, itemId) : deleteFollowUpEvent(db, patientId, itemId)
    if (!ok) itemNotFound(kind)
    const { id: _id, ...oldValue } = old
    return recordChange(db, patientId, actor, [{ patientId, tableName: ITEM[kind].table, rowId: itemId, field: null, action: 'delete', oldValue, newValue: null }])
  })
  return buildPatientView(record, todayIso, readRegistrySettings(db).radiosensitivity)
}

export const addComplication = (s: Session, i: { id: number; complication: Omit<Complication, 'id'> }) => addItem(s, 'complication', i.id, i.complication)
export const updateComplicationOf = (s: Session, i: { id: number; complicationId: number; complication: Omit<Complication, 'id'> }) =>
  updateItem(s, 'complication', i.id, i.complicationId, i.complication)
export const removeComplication = (s: Session, i: { id: number; complicationId: number }) => removeItem(s, 'complication', i.id, i.complicationId)
export const addFollowUp = (s: Session, i: { id: number; event: Omit<FollowUpEvent, 'id'> }) => addItem(s, 'followUp', i.id, i.event)
export const updateFollowUpOf = (s: Session, i: { id: number; eventId: number; event: Omit<FollowUpEvent, 'id'> }) => updateItem(s, 'followUp', i.id, i.eventId, i.event)
export const removeFollowUp = (s: Session, i: { id: number; eventId: number }) => removeItem(s, 'followUp', i.id, i.eventId)

// ---- deletion and the audit trail ----

/**
 * Deletes a patient and the whole record. The audit trail keeps the deletion, with the clinical
 * record as it was (identity values in their own entry, so that a de-identified export hides them).
 */
export async function deletePatient(session: Session, input: { id: number }): Promise<null> {
  const db = session.requireDb()
  if (!getPatientRecord(db, input.id)) notFound(input.id)
  // A verified backup first (at most one an hour: deleting several records in a row needs one).
  if (!recentBackup(session.current!.path, 'pre-delete', session.host.now(), 60 * 60 * 1000)) await backupBefore(session, 'pre-delete')
  const actor = session.actor()
  inTransaction(db, () => {
    const current = getPatientRecord(db, input.id) ?? notFound(input.id)
    const { identity, id: _id, createdAt: _c, updatedAt: _u, ...clinical } = current
    const audit: AuditEntry[] = [{ patientId: input.id, tableName: 'patients', rowId: input.id, field: null, action: 'delete', oldValue: clinical, newValue: null }]
    if (identity.fullName !== null || identity.hospitalNumber !== null || identity.dateOfBirth !== null) {
      audit.push({ patientId: input.id, tableName: 'patient_identities', rowId: input.id, field: null, action: 'delete', oldValue: identity, newValue: null })
    }
    if (!deletePatientRows(db, input.id)) notFound(input.id)
    writeAudit(db, actor, audit)
  })
  session.host.log('info', 'patient deleted', { patientId: input.id })
  return null
}

function recentBackup(registryPath: string, reason: BackupReason, now: Date, withinMs: number): boolean {
  return listBackupFiles(registryPath).some((b) => b.reason === reason && now.getTime() - Date.parse(b.createdAt) < withinMs)
}

export function patientAudit(session: Session, input: { id: number }): AuditEntryView[] {
  return listPatientAudit(session.requireDb(), input.id).map((e) => ({
    id: e.id,
    at: e.at,
    osUser: e.osUser,
    tableName: e.tableName,
    rowId: e.rowId,
    field: e.field,
    action: e.action,
    oldValue: e.oldValue,
    newValue: e.newValue,
  }))
}
