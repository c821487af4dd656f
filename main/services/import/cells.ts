// One cell of a CSV file → the value of one record field, or a problem in words a nurse
// understands. Accepted: codes and English/Chinese labels for categories; dates written year
// first (2019-04-03, 2019/4/3, 2019年4月3日, 20190403, 3 April 2019); numbers with a decimal point.
// Refused with a reason: day-first or month-first dates (03/04/2019 could be either), decimal
// commas, thousands separators, Excel date numbers.
import { FIELD_SCHEMAS } from '@contract/patients'
import { textAcceptedAsIs } from '@contract/patient-record'
import type { ImportProblemCode } from '@contract/import-export'
import { VERTEBRAE, type Vertebra } from '@domain/codes'
import { readDate } from '@domain/dates'
import type { CatalogueField } from '@domain/catalogue/fields'
import { BOOLEAN_LIST } from '@domain/catalogue/code-lists'
import { lookupCode, normalizeLabel, type CodeList } from './labels'
import { quoted, quotedZh } from './problems'

export type CellResult = { ok: true; value: unknown } | { ok: false; code: ImportProblemCode; detail: string; detailZh: string }

const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', '.'])

/** Empty, NA, N/A, #N/A, NULL and '.' mean "not recorded" (R writes NA, Excel #N/A). */
export function isMissingCell(raw: string): boolean {
  const n = raw.length
  if (n === 0) return true
  // The codes are at most 4 characters: a longer cell that starts and ends with printable ASCII is a value.
  if (n > 4 && isPrintableAscii(raw.charCodeAt(0)) && isPrintableAscii(raw.charCodeAt(n - 1))) return false
  return MISSING.has(raw.trim().toLowerCase())
}

const isPrintableAscii = (c: number): boolean => c > 32 && c < 127

const fail = (code: ImportProblemCode, detail: string, detailZh: string): CellResult => ({ ok: false, code, detail, detailZh })

/** Parses a date written in an unambiguous, year-first form (the reader shared with the record screen). */
export function parseDateCell(raw: string): CellResult {
  const r = readDate(raw)
  return r.ok ? { ok: true, value: r.iso } : fail(r.code, r.message, r.messageZh)
}

function stripUnit(s: string, field: CatalogueField): string {
  const suffixes = field.unitSuffixes ?? []
  const lower = s.toLowerCase()
  for (const u of [...suffixes].sort((a, b) => b.length - a.length)) {
    if (lower.endsWith(u.toLowerCase())) return s.slice(0, s.length - u.length).trim()
  }
  return s
}

const RANGE_UNITS: Record<string, { en: string; zh: string }> = {
  years: { en: ' years', zh: ' 岁' },
  minutes: { en: ' minutes', zh: ' 分钟' },
  mL: { en: ' mL', zh: ' mL' },
  Gy: { en: ' Gy', zh: ' Gy' },
  '%': { en: ' %', zh: '%' },
}

function rangeWords(field: CatalogueField): { en: string; zh: string } {
  const unit = RANGE_UNITS[field.unit ?? ''] ?? { en: '', zh: '' }
  if (field.path === 'surgery.srsDoseGy') return { en: `above 0 and at most ${field.max} Gy`, zh: `大于 0 且不超过 ${field.max} Gy` }
  return { en: `between ${field.min} and ${field.max}${unit.en}`, zh: `在 ${field.min} 到 ${field.max}${unit.zh} 之间` }
}

function parseNumber(raw: string, field: CatalogueField, integer: boolean): CellResult {
  const s = stripUnit(raw.normalize('NFKC').trim(), field)
  const q = quoted(raw.trim())
  const qz = quotedZh(raw.trim())
  const noun = field.noun ?? 'a number'
  const nounZh = field.nounZh ?? '数字'
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    return fail('WRONG_TYPE', `${q} has a thousands separator. Write numbers with digits only, e.g. 1200.`, `${qz}含有千位分隔符。请只写数字，例如 1200。`)
  }
  if (/^[+-]?\d+,\d+$/.test(s)) {
    return fail('WRONG_TYPE', `${q} uses a decimal comma. Use a decimal point (${s.replace(',', '.')}).`, `${qz}使用了逗号作为小数点，请改用小数点（${s.replace(',', '.')}）。`)
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) {
    return fail('WRONG_TYPE', `${q} is not ${noun}.`, `${qz}不是${nounZh}。`)
  }
  const n = Number(s)
  if (integer && !Number.isInteger(n)) {
    return fail('WRONG_TYPE', `${q} is not a whole number; ${field.label} is recorded as ${noun}.`, `${qz}不是整数；${field.labelZh}应为${nounZh}。`)
  }
  const tooLow = field.path === 'surgery.srsDoseGy' ? n <= 0 : field.min !== undefined && n < field.min
  if (tooLow || (field.max !== undefined && n > field.max)) {
    const r = rangeWords(field)
    return fail('OUT_OF_RANGE', `${s} is out of range: ${field.label} must be ${r.en}.`, `${s} 超出范围：${field.labelZh}应${r.zh}。`)
  }
  if (field.step === 10 && n % 10 !== 0) {
    return fail(
      'OUT_OF_RANGE',
      `${s} is not a KPS value: KPS goes in steps of 10 (0, 10, 20, … 100).`,
      `${s} 不是有效的 KPS 值：KPS 以 10 为单位（0、10、20 … 100）。`,
    )
  }
  if (field.step === 0.1 && Math.abs(n * 10 - Math.round(n * 10)) > 1e-9) {
    return fail('OUT_OF_RANGE', `${s} has more than one decimal: ${field.label} takes at most one (e.g. 7.5).`, `${s} 的小数多于一位：${field.labelZh}最多一位小数（例如 7.5）。`)
  }
  return { ok: true, value: n }
}

function codesList(list: CodeList): string {
  return list.labels.map((l) => l.code).join(', ')
}

const HISTOLOGY_HINTS: Record<string, { en: string; zh: string }> = {
  lung: { en: 'Lung cancer must be recorded as lung_nsclc (non-small-cell) or lung_sclc (small-cell).', zh: '肺癌须区分为 lung_nsclc（非小细胞肺癌）或 lung_sclc（小细胞肺癌）。' },
  肺癌: { en: 'Lung cancer must be recorded as lung_nsclc (non-small-cell) or lung_sclc (small-cell).', zh: '肺癌须区分为 lung_nsclc（非小细胞肺癌）或 lung_sclc（小细胞肺癌）。' },
  'lung cancer': { en: 'Lung cancer must be recorded as lung_nsclc (non-small-cell) or lung_sclc (small-cell).', zh: '肺癌须区分为 lung_nsclc（非小细胞肺癌）或 lung_sclc（小细胞肺癌）。' },
}

function parseCategory(raw: string, field: CatalogueField): CellResult {
  const list = field.codes!
  const code = lookupCode(list, raw)
  if (code !== null) return { ok: true, value: code }
  const q = quoted(raw.trim())
  const qz = quotedZh(raw.trim())
  const hint = field.path === 'patient.histology' ? HISTOLOGY_HINTS[normalizeLabel(raw)] : undefined
  if (hint) return fail('UNKNOWN_CATEGORY', `${q} is not specific enough. ${hint.en}`, `${qz}不够具体。${hint.zh}`)
  return fail(
    'UNKNOWN_CATEGORY',
    `${q} is not one of the values SpineMet knows for ${field.label}. Use one of: ${codesList(list)} (or their English or Chinese labels in the data dictionary).`,
    `${qz}不是“${field.labelZh}”可用的值。请使用：${codesList(list)}（或数据字典中的中英文名称）。`,
  )
}

function parseBoolean(raw: string): CellResult {
  const code = lookupCode(BOOLEAN_LIST, raw)
  if (code !== null) return { ok: true, value: code === '1' }
  return fail(
    'UNKNOWN_CATEGORY',
    `${quoted(raw.trim())} is not yes or no. Write 1 for yes and 0 for no (yes/no, true/false and 是/否 are accepted too).`,
    `${quotedZh(raw.trim())}不是“是/否”。请用 1 表示是、0 表示否（也接受 yes/no、true/false、是/否）。`,
  )
}

const VERTEBRA_INDEX = new Map<string, number>(VERTEBRAE.map((v, i) => [v, i]))
const ZH_REGION: Record<string, string> = { 颈: 'C', 胸: 'T', 腰: 'L', 骶: 'S' }

function normalizeVertebra(token: string): string {
  let t = token.normalize('NFKC').toUpperCase().replace(/\s+/g, '')
  t = t.replace(/^(颈|胸|腰|骶)椎?/, (_m, r: string) => ZH_REGION[r] ?? r).replace(/椎$/, '')
  return t
}

function parseVertebrae(raw: string): CellResult {
  const s = raw.normalize('NFKC').trim().replace(/\s*[-–~至到]\s*/g, '-')
  const tokens = s.split(/[;,，、/+\s]+/).filter((t) => t !== '')
  const out = new Set<Vertebra>()
  const bad = (t: string): CellResult =>
    fail(
      'UNKNOWN_CATEGORY',
      `${quoted(t)} is not a vertebra. Write levels as C1–C7, T1–T12, L1–L5, S1–S5, separated by semicolons (e.g. T11;T12), or a range (T11-L1).`,
      `${quotedZh(t)}不是椎体名称。请写作 C1–C7、T1–T12、L1–L5、S1–S5，用分号分隔（例如 T11;T12），或写成范围（T11-L1）。`,
    )
  for (const token of tokens) {
    const range = token.split('-')
    if (range.length === 2) {
      const from = normalizeVertebra(range[0]!)
      let to = normalizeVertebra(range[1]!)
      if (/^\d+$/.test(to)) to = from.replace(/\d+$/, '') + to
      const a = VERTEBRA_INDEX.get(from)
      const b = VERTEBRA_INDEX.get(to)
      if (a === undefined || b === undefined || b < a) return bad(token)
      for (let i = a; i <= b; i++) out.add(VERTEBRAE[i]!)
      continue
    }
    const v = normalizeVertebra(token)
    if (!VERTEBRA_INDEX.has(v)) return bad(token)
    out.add(v as Vertebra)
  }
  return { ok: true, value: [...out].sort((x, y) => VERTEBRA_INDEX.get(x)! - VERTEBRA_INDEX.get(y)!) }
}

function parseAnswers(raw: string): CellResult {
  const s = raw.normalize('NFKC').trim()
  const parts = /[;,]/.test(s) ? s.split(/[;,]/) : s.split(/\s+/)
  if (parts.length > 40) {
    return fail('OUT_OF_RANGE', `there are ${parts.length} answers; a SOSG-OQ form has at most 27 questions.`, `共有 ${parts.length} 个答案，SOSG-OQ 问卷最多 27 题。`)
  }
  const out: (number | null)[] = []
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!.trim()
    if (isMissingCell(p)) {
      out.push(null)
      continue
    }
    if (!/^[1-5]$/.test(p)) {
      return fail(
        'OUT_OF_RANGE',
        `answer ${i + 1} is ${quoted(p)}: SOSG-OQ answers are option levels 1 (best) to 5 (worst), or NA when unanswered, separated by semicolons.`,
        `第 ${i + 1} 题的答案为${quotedZh(p)}：SOSG-OQ 答案应为选项等级 1（最好）到 5（最差），未答写 NA，用分号分隔。`,
      )
    }
    out.push(Number(p))
  }
  return { ok: true, value: out }
}

/** Undoes the apostrophe SpineMet's export puts before text starting with = + - @, tab or CR (spreadsheet formulas). */
function unguardText(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s
}

/** Converts one cell to the field's value (null when missing), or says what is wrong. */
export function convertCell(field: CatalogueField, raw: string): CellResult {
  if (isMissingCell(raw)) return { ok: true, value: field.kind === 'vertebrae' ? [] : null }
  let result: CellResult
  switch (field.kind) {
    case 'text': {
      const text = unguardText(raw.trim())
      if (field.maxLength !== undefined && text.length > field.maxLength) {
        return fail(
          'OUT_OF_RANGE',
          `the text is ${text.length} characters long; ${field.label} takes at most ${field.maxLength}.`,
          `文字长度为 ${text.length} 个字符；${field.labelZh}最多 ${field.maxLength} 个字符。`,
        )
      }
      // Most text passes the schema unchanged: checked without a parse (the schema's own checks).
      if (textAcceptedAsIs(text, field)) return { ok: true, value: text }
      result = { ok: true, value: text }
      break
    }
    case 'integer':
      result = parseNumber(raw, field, true)
      break
    case 'decimal':
      result = parseNumber(raw, field, false)
      break
    case 'date':
      result = parseDateCell(raw)
      break
    case 'boolean':
      result = parseBoolean(raw)
      break
    case 'category':
      result = parseCategory(raw, field)
      break
    case 'vertebrae':
      result = parseVertebrae(raw)
      break
    case 'answers':
      result = parseAnswers(raw)
      break
  }
  if (!result.ok) return result
  // The contract's schema is the final word (it mirrors the database's CHECK constraints).
  const schema = FIELD_SCHEMAS[field.path]
  const parsed = schema?.safeParse(result.value)
  if (parsed && !parsed.success) {
    const why = parsed.error.issues[0]?.message ?? 'not accepted'
    return fail('OUT_OF_RANGE', `${quoted(raw.trim())} is not accepted for ${field.label}: ${why}`, `${quotedZh(raw.trim())}不能用于“${field.labelZh}”：${why}`)
  }
  return parsed ? { ok: true, value: parsed.data } : result
}

/** Distinct cells remembered per field (see CellConverter). */
const REMEMBERED_PER_FIELD = 4096

/** The distinct cells of one field converted so far: cell → id, id → result. */
export interface FieldMemo {
  field: CatalogueField
  ids: Map<string, number>
  results: CellResult[]
}

/** The id convert() gives a result it did not remember (see CellConverter.lastId). */
export const NOT_REMEMBERED = 0xffff

/**
 * convertCell for the cells of one file: a registry repeats a few values per column (codes,
 * scores, dates, and often text such as a histology or procedure written the same way) over
 * thousands of rows, so each distinct cell of a field is converted once and its result remembered
 * (up to REMEMBERED_PER_FIELD per field). Same results as convertCell; a list value is copied for
 * each row.
 */
export class CellConverter {
  private readonly memo = new Map<CatalogueField, FieldMemo>()
  /** The id of the result of the last convert() within its field, or NOT_REMEMBERED (fits 16 bits). */
  lastId = NOT_REMEMBERED

  /** What is remembered of `field` (a planner looks it up once per column, not per cell). */
  memoOf(field: CatalogueField): FieldMemo {
    let seen = this.memo.get(field)
    if (!seen) {
      seen = { field, ids: new Map(), results: [] }
      this.memo.set(field, seen)
    }
    return seen
  }

  convert(field: CatalogueField, raw: string): CellResult {
    return this.convertIn(this.memoOf(field), raw)
  }

  /** convert() of a cell of the field `seen` remembers. */
  convertIn(seen: FieldMemo, raw: string): CellResult {
    const id = seen.ids.get(raw)
    if (id !== undefined) {
      this.lastId = id
      return copyList(seen.results[id]!)
    }
    this.lastId = NOT_REMEMBERED
    if (seen.results.length >= REMEMBERED_PER_FIELD) return convertCell(seen.field, raw)
    // What is remembered must not keep the block of text the cell was cut from alive.
    const own = detached(raw)
    const result = convertCell(seen.field, own)
    this.lastId = seen.results.length
    seen.ids.set(own, this.lastId)
    seen.results.push(result)
    return copyList(result)
  }

  /** The value of remembered result `id` of a field (`results` of its FieldMemo; a list copied). */
  static valueIn(results: readonly CellResult[], id: number): unknown {
    const result = copyList(results[id]!)
    return result.ok ? result.value : null
  }
}

/**
 * A copy of a string that shares nothing with the string it was cut from: V8 keeps a long slice of
 * a string (a cell of a block of the file) as a view that holds the whole block alive.
 */
function detached(s: string): string {
  if (s.length < 13) return s
  const copy = Buffer.from(s, 'utf8').toString('utf8')
  // (A string with a lone surrogate half does not survive UTF-8: it is kept as it is.)
  return copy === s ? copy : s
}

/** A list value is each row's own (rows are changed as they are planned). */
function copyList(result: CellResult): CellResult {
  return result.ok && Array.isArray(result.value) ? { ok: true, value: [...(result.value as unknown[])] } : result
}
