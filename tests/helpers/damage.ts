// Damages a registry the way a failing disk does: bytes of one page of a clinical table are
// overwritten, so SQLite's integrity check reports the table and reads of the rows on that page fail.
import fs from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'

/** Overwrites 200 bytes of the `nth` leaf page of `table` (after its header) and removes -wal/-shm. */
export function damageTablePage(file: string, table: string, nth = 0): void {
  const db = new BetterSqlite3(file)
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[]
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const leaf = pages[Math.min(nth, pages.length - 1)]
  if (leaf === undefined) throw new Error(`${table} has no leaf page`)
  const fd = fs.openSync(file, 'r+')
  fs.writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, (leaf - 1) * pageSize + 8)
  fs.closeSync(fd)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
}
