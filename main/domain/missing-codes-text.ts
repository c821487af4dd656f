// The missing-data codes of a record as one text cell (the export's `derived.missingCodes` column):
// `field=CODE` pairs separated by semicolons (`preop.ecog=ND;month6.sosgoq=LTFU`), with the export
// codes of missing-codes.ts. Written by the export and read back by the import, so an exported
// registry re-imports with its codes.
import { isStudyFieldPath, studyFieldHasValue } from './completeness'
import { MISSING_CODES, MISSING_CODE_EXPORT, MISSING_CODE_TITLE, missingCodesFor, type MissingCode, type MissingCodeMap } from './missing-codes'
import type { PatientRecordInput } from './record'

/** The column of the patients file that holds the codes. */
export const MISSING_CODES_COLUMN = 'derived.missingCodes'

/** The cell for a record's codes, or null when it has none. */
export function formatMissingCodes(codes: MissingCodeMap | undefined): string | null {
  const pairs = Object.entries(codes ?? {})
  return pairs.length > 0 ? pairs.map(([path, code]) => `${path}=${MISSING_CODE_EXPORT[code]}`).join(';') : null
}

/** A pair of the cell that is not kept, in words (English and Chinese). */
export interface MissingCodeProblem {
  /** The pair as written. */
  pair: string
  message: string
  messageZh: string
}

const CODE_OF_EXPORT: ReadonlyMap<string, MissingCode> = new Map(MISSING_CODES.flatMap((c) => [[MISSING_CODE_EXPORT[c].toLowerCase(), c] as const, [c.toLowerCase(), c] as const]))

/**
 * Reads a cell back into codes for `record` (whose values are already read). A pair is left out,
 * with a problem, when its field is not a study field, its code is unknown or not allowed there
 * (LTFU only marks follow-up fields), or the field holds a value: a code never hides a value.
 */
export function readMissingCodes(cell: string, record: PatientRecordInput): { codes: Record<string, MissingCode>; problems: MissingCodeProblem[] } {
  const codes: Record<string, MissingCode> = {}
  const problems: MissingCodeProblem[] = []
  const known = MISSING_CODES.map((c) => MISSING_CODE_EXPORT[c]).join(', ')
  for (const pair of cell.split(';').map((p) => p.trim())) {
    if (pair === '' || pair.toUpperCase() === 'NA') continue
    const eq = pair.indexOf('=')
    const path = eq < 0 ? pair : pair.slice(0, eq).trim()
    const code = CODE_OF_EXPORT.get((eq < 0 ? '' : pair.slice(eq + 1)).trim().toLowerCase())
    if (eq < 0 || code === undefined) {
      problems.push({ pair, message: `write field=code with a code of ${known}`, messageZh: `请写成“字段=代码”，代码为 ${known} 之一` })
    } else if (!isStudyFieldPath(path)) {
      problems.push({ pair, message: `${path} is not a field the study needs, so it takes no missing-data code`, messageZh: `${path} 不是研究所需字段，不能标记缺失原因` })
    } else if (!missingCodesFor(path).includes(code)) {
      problems.push({ pair, message: `"${MISSING_CODE_TITLE[code]}" only marks follow-up fields`, messageZh: '“失访”只能标记随访字段' })
    } else if (studyFieldHasValue(record, path)) {
      problems.push({ pair, message: `${path} has a value, and a code never hides a value: the value is kept`, messageZh: `${path} 已有数值，缺失代码不会覆盖数值：保留该数值` })
    } else {
      codes[path] = code
    }
  }
  return { codes, problems }
}
