import { describe, expect, it } from 'vitest'
import { countByCellAndTime, rankTimes } from '@engine/survival-shared'

describe('survival-shared follow-up time ranks', () => {
  it('timefix merges 0.1 + 0.2 with 0.3 as survival::aeqSurv does, and leaves 0.3 vs 0.31 alone', () => {
    const t = [0.1 + 0.2, 0.3, 0.31, 1]
    const keep = new Uint8Array(4).fill(1)
    const fixed = rankTimes(t, keep, 4, true)
    expect(Array.from(fixed.rank)).toEqual([0, 0, 1, 2])
    expect(Array.from(fixed.times)).toEqual([0.3, 0.31, 1])
    expect(Array.from(rankTimes(t, keep, 4, false).rank)).toEqual([1, 0, 2, 3])
  })
})

describe('survival-shared counts by cell and time', () => {
  /** Patients and events per (cell, time) counted the plain way, as a sorted list of entries. */
  const naive = (rank: Int32Array, cell: Int32Array, event: Uint8Array, nCells: number) => {
    const m = new Map<string, { c: number; t: number; total: number; events: number }>()
    for (let i = 0; i < rank.length; i++) {
      if (rank[i]! < 0 || cell[i]! < 0) continue
      const key = `${cell[i]}:${rank[i]}`
      const e = m.get(key) ?? { c: cell[i]!, t: rank[i]!, total: 0, events: 0 }
      e.total++
      e.events += event[i]!
      m.set(key, e)
    }
    const entries = [...m.values()].sort((a, b) => a.c - b.c || a.t - b.t)
    const start = Array.from({ length: nCells + 1 }, (_, c) => entries.filter((e) => e.c < c).length)
    return { start, time: entries.map((e) => e.t), total: entries.map((e) => e.total), events: entries.map((e) => e.events) }
  }
  const asLists = (c: ReturnType<typeof countByCellAndTime>) => ({ start: Array.from(c.start), time: Array.from(c.time), total: Array.from(c.total), events: Array.from(c.events) })

  // 3000 rows: 40 cells × 200 times fit a table; 1000 cells × 1500 times (1.5 million) do not, and
  // are counted by sorting the rows instead. Both must give the same counts, empty cells included.
  for (const [nCells, nTimes] of [
    [40, 200],
    [1000, 1500],
  ] as const) {
    it(`${nCells} cells × ${nTimes} times: the counts of each cell's patients and events at each time, rows left out skipped`, () => {
      const n = 3000
      let seed = 7
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
      const rank = Int32Array.from({ length: n }, () => (next() < 0.05 ? -1 : Math.floor(next() * nTimes)))
      const cell = Int32Array.from({ length: n }, () => (next() < 0.05 ? -1 : Math.floor(next() * (nCells - 1)))) // the last cell stays empty
      const event = Uint8Array.from({ length: n }, () => (next() < 0.4 ? 1 : 0))
      const got = asLists(countByCellAndTime(rank, nTimes, cell, nCells, event))
      expect(got).toEqual(naive(rank, cell, event, nCells))
      expect(got.start[nCells - 1]).toBe(got.start[nCells])
    })
  }
})
