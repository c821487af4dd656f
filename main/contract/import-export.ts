import { z } from 'zod'
import { method } from './method'
import { FIELD_PATHS, type FieldPath } from './patients'

// CSV import and export. The renderer never names a file: `import.preview` and `export.csv` ask
// the host for a path (native dialog), and the parsed file stays in the main process behind a
// token until it is committed or replaced.
//
// Layout (documented in the data dictionary that every export writes):
//   <name>.csv                one row per patient; columns are the record's field paths
//                             (`patient.ageYears`, `preop.kps`, …) plus read-only `derived.*`
//   <name>_complications.csv  one row per complication, linked by `patient.studyId`
//   <name>_follow_up.csv      one row per follow-up event, linked by `patient.studyId`
//   <name>_dictionary.csv     column, type, unit, allowed values, meaning, source
//   <name>_spss.sps           SPSS syntax reading the three CSV files with types and labels
// Import reads the patients file with a column mapping, and the two linked files beside it when
// they exist (their columns are fixed).

/** Every record field a file column can be mapped to. */
export const IMPORT_FIELD_PATHS: readonly FieldPath[] = FIELD_PATHS
const importField = z.enum(FIELD_PATHS as unknown as [FieldPath, ...FieldPath[]])

/** File column name → SpineMet field (null or absent: the column is not imported). */
export const importMappingSchema = z.record(z.string().max(500), importField.nullable())
export type ImportMapping = z.infer<typeof importMappingSchema>

export const IMPORT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'] as const
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number]

export const IMPORT_DELIMITERS = [',', ';', '\t'] as const
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number]

export const IMPORT_PROBLEM_CODES = [
  'WRONG_TYPE', // not a number, not a date, not yes/no
  'OUT_OF_RANGE', // a number outside the field's range, or text too long
  'AMBIGUOUS_DATE', // 03/04/2019: day-first or month-first cannot be told apart
  'DATE_ORDER', // impossible order of dates in one patient (domain validation)
  'UNKNOWN_CATEGORY', // a value that is not one of the field's codes or labels
  'DUPLICATE', // hospital number / study id already in the registry, or twice in the file
  'WRONG_ENCODING', // the bytes are not text in an encoding SpineMet reads
  'MISSING_COLUMN', // no column for the study id or hospital number (or a linked file's key column)
  'MISSING_VALUE', // a row without the value that identifies the patient
  'MALFORMED_CSV', // unbalanced quotes, rows with more or fewer cells than the header
  'MAPPING', // two columns mapped to one field
  'UNKNOWN_PATIENT', // a linked-file row whose study id is not in the patients file
  'INVALID', // any other rule of the record (domain validation errors)
  'INCONSISTENT', // warning: clinical consistency (domain validation warnings)
  'IGNORED', // warning: columns not imported (derived, unmapped)
  'SKIPPED', // warning: duplicate rows skipped on request
] as const
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number]

/** Which file of an import a problem is in. */
export type ImportFileRole = 'patients' | 'complications' | 'followUp'

export interface ImportProblem {
  severity: 'error' | 'warning'
  code: ImportProblemCode
  file: ImportFileRole
  fileName: string
  /**
   * Row as a spreadsheet shows it: the header is row 1, so the first patient is row 2.
   * Null for a problem of the whole file or of the mapping.
   */
  row: number | null
  /** Column name as written in the file's header, when the problem is about one cell. */
  column: string | null
  /** SpineMet field (`preop.kps`), when known. */
  field: string | null
  /** The cell as written in the file (cut to 80 characters). */
  value: string | null
  /** Full English sentence: "Row 14, column 'Age': 'sixty' is not a number of years (0–120)." */
  message: string
  /** The same without the row/column prefix, in English and in Chinese, for tables. */
  detail: string
  detailZh: string
  /** Key of the domain validation message and its parameters, when it came from there. */
  messageKey?: string
  params?: Record<string, string | number>
  /** The other fields the validation message names (`surgery.admissionDate`), as in ValidationIssue. */
  related?: string[]
}

/** A SpineMet field a column can be mapped to, with the words the mapping screen shows. */
export interface ImportTarget {
  field: FieldPath
  section: 'patient' | 'identity' | 'preop' | 'month6' | 'surgery'
  label: string
  labelZh: string
  /** text, integer, decimal, date, boolean, category, vertebrae, answers. */
  kind: string
  unit: string | null
  /** Codes accepted (for categories), in display order. */
  codes: string[] | null
  identifying: boolean
}

export interface ImportColumn {
  /** Header as written (blank headers are named by their spreadsheet letter, e.g. "(column F)"). */
  name: string
  /** 0-based position in the file. */
  index: number
  /** Up to five non-empty values from the first rows. */
  sample: string[]
}

export interface ImportLinkedFile {
  fileName: string
  rowCount: number
  encoding: ImportEncoding
  delimiter: ImportDelimiter
}

export interface ImportPreview {
  token: string
  fileName: string
  encoding: ImportEncoding
  delimiter: ImportDelimiter
  /** Data rows (blank rows not counted; rows the CSV format breaks counted, as in the check's totalRows). */
  rowCount: number
  columns: ImportColumn[]
  /** Suggested field per column (null = not imported); the user edits it. */
  suggestedMapping: ImportMapping
  targets: ImportTarget[]
  /** Complications and follow-up files found beside the patients file (same name + suffix). */
  linked: { complications: ImportLinkedFile | null; followUp: ImportLinkedFile | null }
  /** Problems of the file itself (encoding, quotes, ragged rows); the dry run repeats them. */
  fileProblems: ImportProblem[]
}

export interface ImportDryRun {
  /** Data rows of the patients file (blank rows not counted). */
  totalRows: number
  /** Rows without any error. */
  okRows: number
  /** Every error (capped at MAX_LISTED_PROBLEMS; `problemCount` is the true number). */
  problems: ImportProblem[]
  problemCount: number
  warnings: ImportProblem[]
  warningCount: number
  /** Rows that are duplicates of a patient in the registry or of another row. */
  duplicates: number
  /** Patients a commit would create now (0 while there is any error: commit is all-or-nothing). */
  wouldCreate: number
  /** Rows a commit would skip (duplicates of registry patients, with onDuplicate = 'skip'). */
  wouldSkip: number
  complications: number
  followUpEvents: number
  canCommit: boolean
}

export interface ImportCommitResult {
  created: number
  skipped: number
  complications: number
  followUpEvents: number
}

/** The explicit "import the good rows, set the others aside" commit. */
export interface ImportSetAsideResult extends ImportCommitResult {
  /** Rows written to the rejects file for correction (their patients were not created). */
  rejectedRows: number
  /** Errors those rows have. */
  rejectedProblems: number
  /** The rejects file of the patients (same columns plus one naming the problems). */
  rejectsPath: string
  /** Every file written: the patients' rejects and, when any, the linked rows beside it. */
  rejectsFiles: string[]
}

export interface ImportProblemListResult {
  path: string
  /** Problems written (errors and warnings). */
  rows: number
}

export const IMPORT_LIST_LANGUAGES = ['en', 'zh-CN'] as const

export interface ExportResult {
  /** The patients file. */
  path: string
  dictionaryPath: string
  complicationsPath: string
  followUpPath: string
  /** SPSS syntax that reads the three CSV files with types, labels and value labels. */
  spssSyntaxPath: string
  rows: number
  complicationRows: number
  followUpRows: number
  identified: boolean
  columns: number
}

/** What `export.redcap` wrote: a REDCap data dictionary and a data-import file built from it. */
export interface RedcapExportResult {
  dataPath: string
  dictionaryPath: string
  /** Patients (REDCap records). */
  records: number
  /** Rows of the repeating instruments (complications, follow-up events). */
  repeatingRows: number
  /** Variables in the dictionary. */
  fields: number
  /** Instruments to mark repeating in the REDCap project before importing the data. */
  repeatingInstruments: string[]
  identified: boolean
  appVersion: string
}

export const MAX_LISTED_PROBLEMS = 10_000

const token = z.string().min(1).max(100)
const importOptions = {
  token,
  mapping: importMappingSchema,
  /** 'refuse' (default): a patient already in the registry is an error. 'skip': leave it out. */
  onDuplicate: z.enum(['refuse', 'skip']).default('refuse'),
  /** Also import the complications and follow-up files found beside the patients file. */
  includeLinked: z.boolean().default(true),
}

export const EXPORT_SCOPES = ['all', 'eligible'] as const

export const importExportMethods = {
  /** Asks the host for a CSV file, reads it, and returns what the mapping step needs. */
  'import.preview': method<ImportPreview>()(z.object({ source: z.literal('dialog') }).strict(), { long: true }),
  /** Checks every row with the mapping; writes nothing. */
  'import.dryRun': method<ImportDryRun>()(z.object(importOptions).strict(), { long: true }),
  /** Creates every patient in one transaction, or nothing when any row has an error. */
  'import.commit': method<ImportCommitResult>()(z.object(importOptions).strict(), { long: true }),
  /**
   * Stops the check or commit of a file after the chunk of rows it is in; a commit is rolled back
   * and leaves the registry exactly as it was. False when nothing of that file is running.
   */
  'import.cancel': method<boolean>()(z.object({ token }).strict()),
  /**
   * Explicit, confirmed alternative to the all-or-nothing commit: creates the rows without errors
   * and writes the others to a rejects file the host asks for (columns as in the file, plus one
   * naming the problems in `language`), which imports cleanly once corrected.
   */
  'import.commitGoodRows': method<ImportSetAsideResult>()(z.object({ ...importOptions, language: z.enum(IMPORT_LIST_LANGUAGES) }).strict(), { long: true }),
  /** Saves the check's problem list as CSV (file, row, column, value, severity, problem, suggestion) in `language`. */
  'import.saveProblems': method<ImportProblemListResult>()(z.object({ ...importOptions, language: z.enum(IMPORT_LIST_LANGUAGES) }).strict(), { long: true }),
  /** Forgets a parsed file (the renderer leaves the import screen). */
  'import.discard': method<null>()(z.object({ token }).strict()),
  /**
   * Writes the registry as CSV files (patients, complications, follow-up, data dictionary, SPSS syntax) to a
   * path the host asks for. De-identified unless `identified`: no name, hospital number, date of
   * birth or free text; clinical dates are kept (survival needs them).
   */
  'export.csv': method<ExportResult>()(
    z.object({ identified: z.boolean().default(false), scope: z.enum(EXPORT_SCOPES).default('all') }).strict(),
    { long: true },
  ),
  /**
   * Writes a REDCap data dictionary and a data-import CSV (repeating instruments for complications
   * and follow-up) beside a path the host asks for; same privacy rule as `export.csv`.
   */
  'export.redcap': method<RedcapExportResult>()(
    z.object({ identified: z.boolean().default(false), scope: z.enum(EXPORT_SCOPES).default('all') }).strict(),
    { long: true },
  ),
} as const
