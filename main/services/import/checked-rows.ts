// What a clean check (dry run) converted, kept so that the commit that follows writes exactly that
// without reading and converting the file again. Kept compactly and outside the JavaScript heap:
// per column, the id of the cell result the CellConverter remembered, in 8 bits while the column
// has few distinct values and in 16 bits beyond; the values it did not remember (unique text, a
// field with thousands of distinct values) as JSON text in a byte buffer.
// A check that finds an error, or whose values would take more than CHECKED_ROWS_MAX_BYTES, keeps
// nothing: the commit then reads and converts the file again, as it always may.
import { CellConverter, NOT_REMEMBERED, type CellResult, type FieldMemo } from './cells'

/** "Not remembered" among 8-bit ids. */
const NOT_REMEMBERED_8 = 0xff

/** Above this (ids and text of a very large file with long notes), the rows are read again instead. */
export const CHECKED_ROWS_MAX_BYTES = 96 * 1024 * 1024

/** Values of one column that were not remembered, as JSON text, row by row. */
class TextColumn {
  private bytes: Buffer = Buffer.alloc(16 * 1024)
  used = 0
  /** Where each row's text ends (a row without one ends where the row before it did). */
  private readonly ends: Uint32Array

  constructor(capacity: number) {
    this.ends = new Uint32Array(capacity)
  }

  put(index: number, json: string | null): void {
    if (json !== null) {
      const need = this.used + Buffer.byteLength(json)
      if (need > this.bytes.length) {
        const larger = Buffer.alloc(Math.max(need, Math.ceil(this.bytes.length * 1.5)))
        this.bytes.copy(larger, 0, 0, this.used)
        this.bytes = larger
      }
      this.used += this.bytes.write(json, this.used)
    }
    this.ends[index] = this.used
  }

  /** The row's JSON text ('' when it has none). */
  get(index: number): string {
    return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1]!, this.ends[index]!)
  }

  get size(): number {
    return this.bytes.length + this.ends.byteLength
  }
}

export class CheckedRows {
  /** Rows kept (the first `count` data rows of the file, in order). */
  count = 0
  private readonly rowNumbers: Uint32Array
  /** Rows the record rules and schema were applied to (a row skipped as already in the registry was not). */
  private readonly ruled: Uint8Array
  /** Per column; a column's ids move from 8 to 16 bits at its first id above 254 (the top value means "not remembered"). */
  private readonly ids: (Uint8Array | Uint16Array)[]
  /** Per column (and one more: the missing-data codes cell), created at its first value not remembered. */
  private readonly texts: (TextColumn | null)[]

  /**
   * The results the check's CellConverter remembers, per column: only they are kept (not what
   * finds them by cell, which the commit does not need).
   */
  private readonly results: (readonly CellResult[])[]

  constructor(memos: readonly FieldMemo[], private readonly capacity: number) {
    this.results = memos.map((m) => m.results)
    this.rowNumbers = new Uint32Array(capacity)
    this.ruled = new Uint8Array(capacity)
    this.ids = memos.map(() => new Uint8Array(capacity))
    this.texts = [...memos.map(() => null), null]
  }

  /** Starts the next row; its index, or null when the file has more rows than it was counted with. */
  begin(row: number): number | null {
    if (this.count >= this.capacity) return null
    this.rowNumbers[this.count] = row
    return this.count++
  }

  /** The value of column `k` in row `index`: the converter's id for it, else the value itself. */
  put(index: number, k: number, id: number, value: unknown): void {
    let ids = this.ids[k]!
    if (id === NOT_REMEMBERED) {
      ids[index] = ids instanceof Uint8Array ? NOT_REMEMBERED_8 : NOT_REMEMBERED
      this.text(k).put(index, JSON.stringify(value))
      return
    }
    if (id >= NOT_REMEMBERED_8 && ids instanceof Uint8Array) {
      const wider = new Uint16Array(this.capacity)
      for (let i = 0; i < index; i++) wider[i] = ids[i] === NOT_REMEMBERED_8 ? NOT_REMEMBERED : ids[i]!
      this.ids[k] = ids = wider
    }
    ids[index] = id
    this.texts[k]?.put(index, null)
  }

  /** The export's missing-data codes cell of row `index` (kept as it was written). */
  putCodesCell(index: number, cell: string): void {
    this.text(this.results.length).put(index, cell === '' ? null : JSON.stringify(cell))
  }

  markRuled(index: number): void {
    this.ruled[index] = 1
  }

  row(index: number): number {
    return this.rowNumbers[index]!
  }

  wasRuled(index: number): boolean {
    return this.ruled[index] === 1
  }

  value(index: number, k: number): unknown {
    const ids = this.ids[k]!
    const id = ids[index]!
    const remembered = ids instanceof Uint8Array ? id !== NOT_REMEMBERED_8 : id !== NOT_REMEMBERED
    return remembered ? CellConverter.valueIn(this.results[k]!, id) : JSON.parse(this.texts[k]!.get(index))
  }

  codesCell(index: number): string {
    const json = this.texts[this.results.length]?.get(index) ?? ''
    return json === '' ? '' : (JSON.parse(json) as string)
  }

  /** Bytes held. */
  get bytes(): number {
    let n = this.rowNumbers.byteLength + this.ruled.byteLength + this.ids.reduce((sum, a) => sum + a.byteLength, 0)
    for (const t of this.texts) if (t) n += t.size
    return n
  }

  private text(k: number): TextColumn {
    let t = this.texts[k]
    if (!t) {
      t = new TextColumn(this.capacity)
      // Rows before this one have no text: their ends stay 0, where this column starts.
      this.texts[k] = t
    }
    return t
  }
}
