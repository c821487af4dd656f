// What every field of the record screen takes: the field, and what RecordField shows around its
// control. Each field component adds the props of its own control.
import type { FieldPath } from '@contract/patients'

export interface FieldProps {
  path: FieldPath
  /** Defaults to the field's label in the UI language, without the time point. */
  label?: string
  hint?: string
  /** Marks the field as needed (otherwise marked only while the study needs it and it is empty). */
  required?: boolean
  /** The whole row of the form grid. */
  wide?: boolean
}
