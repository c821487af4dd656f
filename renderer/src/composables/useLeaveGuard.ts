// Questions the record screen asks before it loses or stores something doubtful: leaving while a
// refused value is still on screen (stay, or discard and leave), and saving a value that is
// allowed but implausible (save anyway, or change it).
import { ElMessageBox } from 'element-plus'
import { i18n } from '../i18n'
import type { PlausibilityWarning } from '@domain/plausibility'
import { fieldLabel, problemFromPlausibility, problemText } from '../format/issues'
import type { PatientRecordEditor } from './usePatientRecord'
import type { FormSection, FormStatusEntry } from '@domain/missing-codes'
import { formatDateTime } from '../format/dates'

/** The label of a refused key: a field path, or a complication / follow-up row (`complication:12`). */
function keyLabel(key: string): string {
  if (key.startsWith('complication:')) return fieldLabel('complication')
  if (key.startsWith('followUp:')) return fieldLabel('followUp:')
  return fieldLabel(key)
}

/**
 * Resolves true when the record may be left: nothing refused is on screen, or the user chose to
 * discard it. `stay` is called with the first refused key when the user stays.
 */
export async function confirmLeave(editor: PatientRecordEditor, stay: (key: string) => void): Promise<boolean> {
  await editor.flush()
  const keys = editor.refusedKeys()
  if (keys.length === 0) return true
  const { t } = i18n.global
  const fields = [...new Set(keys.map(keyLabel))].join(t('entry.leave.separator'))
  try {
    await ElMessageBox.confirm(t('entry.leave.message', { fields }, keys.length), t('entry.leave.title'), {
      confirmButtonText: t('entry.leave.discard'),
      cancelButtonText: t('entry.leave.stay'),
      type: 'warning',
      distinguishCancelAndClose: true,
      closeOnClickModal: false,
    })
  } catch {
    stay(keys[0]!)
    return false
  }
  editor.discardRefused()
  return true
}

/** Asks whether to save an implausible value; true = save it. */
export async function confirmImplausible(warning: PlausibilityWarning): Promise<boolean> {
  const { t } = i18n.global
  try {
    await ElMessageBox.confirm(problemText(problemFromPlausibility(warning)), `${t('entry.plausibility.title')}: ${fieldLabel(warning.path)}`, {
      confirmButtonText: t('entry.plausibility.keep'),
      cancelButtonText: t('entry.plausibility.change'),
      type: 'warning',
      distinguishCancelAndClose: true,
      closeOnClickModal: false,
    })
    return true
  } catch {
    return false
  }
}

/**
 * Asks before changing a verified section: edit (the section goes back to "complete" until it is
 * verified again) or stay (the verified value stays). true = edit.
 */
export async function confirmVerifiedEdit(key: string, section: FormSection, entry: FormStatusEntry): Promise<boolean> {
  const { t } = i18n.global
  try {
    await ElMessageBox.confirm(
      t('dataQuality.verifiedEdit.message', { section: t(`record.sections.${section}`), user: entry.by ?? '', at: formatDateTime(entry.at), field: keyLabel(key) }),
      t('dataQuality.verifiedEdit.title'),
      {
        confirmButtonText: t('dataQuality.verifiedEdit.edit'),
        cancelButtonText: t('dataQuality.verifiedEdit.stay'),
        type: 'warning',
        distinguishCancelAndClose: true,
        closeOnClickModal: false,
      },
    )
    return true
  } catch {
    return false
  }
}
