// Seeded randomness for the demo cohort. Every part of the generator draws from its own
// Mersenne Twister stream (seed = [user seed, stream id]), so changing how much one part draws
// (e.g. the follow-up calibration loop) never shifts the patients another part produces.
import mt19937 from '@stdlib/random-base-mt19937'

const TWO_32 = 4294967296

/** Stream ids: one per independent part of the generator. */
export const STREAM = {
  table1: 1,
  baseline: 2,
  identity: 3,
  perioperative: 4,
  followUp: 5,
  ineligible: 6,
  outcomes: 7,
} as const

export class Rng {
  private readonly next: () => number

  constructor(seed: number, stream: number) {
    // mt19937 refuses a scalar seed of 0; an array seed accepts any uint32 values.
    const gen = mt19937.factory({ seed: [seed >>> 0, stream >>> 0, 0x53504d54] })
    this.next = () => gen()
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.next() + 0.5) / TWO_32
  }

  /** Uniform on [a, b). */
  between(a: number, b: number): number {
    return a + (b - a) * this.uniform()
  }

  /** Integer uniform on [a, b] inclusive. */
  int(a: number, b: number): number {
    return a + Math.min(b - a, Math.floor(this.uniform() * (b - a + 1)))
  }

  /** Standard normal (Box–Muller; one draw per call keeps the stream easy to reason about). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform())
  }

  chance(p: number): boolean {
    return this.uniform() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[this.int(0, items.length - 1)]!
  }

  /** Index drawn with probability proportional to `weights` (all ≥ 0, sum > 0). */
  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0)
    let x = this.uniform() * total
    for (let k = 0; k < weights.length; k++) {
      x -= weights[k]!
      if (x < 0) return k
    }
    for (let k = weights.length - 1; k >= 0; k--) if (weights[k]! > 0) return k
    throw new Error('weightedIndex: all weights are zero')
  }

  weighted<T>(options: readonly (readonly [T, number])[]): T {
    return options[this.weightedIndex(options.map((o) => o[1]))]![0]
  }

  /** Fisher–Yates shuffle, returning a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice()
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i)
      const t = a[i]!
      a[i] = a[j]!
      a[j] = t
    }
    return a
  }
}

/** A list holding each value `count` times, in the order given (shuffle it to assign). */
export function fromCounts<T>(counts: readonly (readonly [T, number])[]): T[] {
  const out: T[] = []
  for (const [value, n] of counts) for (let i = 0; i < n; i++) out.push(value)
  return out
}

/**
 * `n` values on a grid of `step` whose mean is as close to `mean` as the grid allows and whose
 * spread follows `sd`: standard-normal draws are standardised to sample mean 0 and SD 1 (so a
 * small arm does not drift from the target by sampling error), scaled, clamped to [min, max],
 * rounded to the grid, and then the values with the largest rounding residuals are nudged one
 * step so that the sum hits round(n × mean / step) steps. `shape` optionally skews the draws
 * (e.g. a log-normal for lengths of stay) before standardising.
 */
export function valuesWithMean(
  rng: Rng,
  n: number,
  opts: { mean: number; sd: number; min: number; max: number; step: number; shape?: (z: number) => number; shift?: readonly number[] },
): number[] {
  if (n === 0) return []
  const shape = opts.shape ?? ((z: number) => z)
  const raw = Array.from({ length: n }, (_, i) => shape(rng.normal()) + (opts.shift?.[i] ?? 0))
  const m = raw.reduce((s, x) => s + x, 0) / n
  const sd = Math.sqrt(raw.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, n - 1)) || 1
  const cont = raw.map((x) => Math.min(opts.max, Math.max(opts.min, opts.mean + (opts.sd * (x - m)) / sd)))
  const steps = cont.map((x) => Math.round(x / opts.step))
  const lo = Math.ceil(opts.min / opts.step - 1e-9)
  const hi = Math.floor(opts.max / opts.step + 1e-9)
  const target = Math.round((n * opts.mean) / opts.step)
  let diff = target - steps.reduce((s, x) => s + x, 0)
  // Nudge the values whose rounding moved them furthest from their continuous value first.
  const order = cont.map((x, i) => i).sort((a, b) => (cont[b]! / opts.step - steps[b]!) * Math.sign(diff) - (cont[a]! / opts.step - steps[a]!) * Math.sign(diff) || a - b)
  for (let pass = 0; pass < 4 && diff !== 0; pass++) {
    for (const i of order) {
      if (diff === 0) break
      const d = Math.sign(diff)
      const v = steps[i]! + d
      if (v < lo || v > hi) continue
      steps[i] = v
      diff -= d
    }
  }
  return steps.map((s) => Number((s * opts.step).toFixed(6)))
}
