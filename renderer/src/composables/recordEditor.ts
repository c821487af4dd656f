// The open record's editor, handed to the field components of the record screen.
import { inject, provide, type InjectionKey } from 'vue'
import type { PatientRecordEditor } from './usePatientRecord'

const KEY: InjectionKey<PatientRecordEditor> = Symbol('spinemet.recordEditor')

export function provideRecordEditor(editor: PatientRecordEditor): void {
  provide(KEY, editor)
}

export function useRecordEditor(): PatientRecordEditor {
  const editor = inject(KEY)
  if (!editor) throw new Error('Record fields must be used inside the patient record screen.')
  return editor
}
