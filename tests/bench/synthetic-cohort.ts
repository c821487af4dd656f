// Seeded synthetic cohorts for the benchmark: two arms, eleven covariates of the reference
// study's kinds (continuous, binary, ordinal and a six-level factor), exponential event times
// with uniform censoring. Deterministic for (n, seed).
import fs from 'node:fs'
import mt19937 from '@stdlib/random-base-mt19937'

export interface SyntheticCohort {
  n: number
  seed: number
  /** 1 = treated (HT), 0 = control (TES). */
  treat: Uint8Array
  age: Float64Array
  male: Uint8Array
  lumbar: Uint8Array
  /** 0..5: RCC, thyroid, liver, rectal, colorectal, melanoma. */
  histology: Uint8Array
  tokuhashi: Float64Array
  ecog: Float64Array
  escc3: Uint8Array
  vas: Float64Array
  sins: Float64Array
  /** 0..2: ASIA B, C, D. */
  asia: Uint8Array
  sosgoq: Float64Array
  /** Months to local relapse or censoring, and the event indicator. */
  time: Float64Array
  event: Uint8Array
}

export const HISTOLOGY_LEVELS = ['RCC', 'thyroid', 'liver', 'rectal', 'colorectal', 'melanoma'] as const
export const ASIA_LEVELS = ['B', 'C', 'D'] as const

export function syntheticCohort(n: number, seed: number): SyntheticCohort {
  const rng = mt19937.factory({ seed })
  const u = (): number => (rng() + 0.5) / 4294967296 // (0,1)
  const norm = (): number => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())
  const pick = (weights: readonly number[]): number => {
    let x = u()
    for (let k = 0; k < weights.length; k++) {
      x -= weights[k]!
      if (x <= 0) return k
    }
    return weights.length - 1
  }
  const c: SyntheticCohort = {
    n,
    seed,
    treat: new Uint8Array(n),
    age: new Float64Array(n),
    male: new Uint8Array(n),
    lumbar: new Uint8Array(n),
    histology: new Uint8Array(n),
    tokuhashi: new Float64Array(n),
    ecog: new Float64Array(n),
    escc3: new Uint8Array(n),
    vas: new Float64Array(n),
    sins: new Float64Array(n),
    asia: new Uint8Array(n),
    sosgoq: new Float64Array(n),
    time: new Float64Array(n),
    event: new Uint8Array(n),
  }
  for (let i = 0; i < n; i++) {
    const age = Math.round(58 + 6.6 * norm())
    const male = u() < 0.77 ? 1 : 0
    const lumbar = u() < 0.29 ? 1 : 0
    const histology = pick([0.37, 0.26, 0.08, 0.08, 0.15, 0.06])
    const tokuhashi = 9 + pick([0.2, 0.3, 0.5])
    const ecog = 1 + pick([0.15, 0.5, 0.35])
    const escc3 = u() < 0.32 ? 1 : 0
    const vas = Math.min(10, Math.max(0, Math.round((7.3 + 0.9 * norm()) * 10) / 10))
    const sins = Math.min(18, Math.max(7, Math.round(13 + 1.7 * norm())))
    const asia = pick([0.24, 0.36, 0.4])
    const sosgoq = Math.min(100, Math.max(0, Math.round((64.5 + 7 * norm()) * 10) / 10))
    const lp = -0.3 - 0.05 * (age - 58) + 0.2 * male + 0.1 * lumbar - 0.1 * histology + 0.1 * (tokuhashi - 10) - 0.1 * (ecog - 2) + 0.05 * (vas - 7.3)
    const treat = u() < 1 / (1 + Math.exp(-lp)) ? 1 : 0
    const hazard = (1 / 36) * Math.exp(0.02 * (age - 58) + 0.15 * (ecog - 2) - 0.1 * treat + 0.05 * (asia - 1))
    const eventTime = -Math.log(u()) / hazard
    const censorTime = 24 + 64 * u()
    c.treat[i] = treat
    c.age[i] = age
    c.male[i] = male
    c.lumbar[i] = lumbar
    c.histology[i] = histology
    c.tokuhashi[i] = tokuhashi
    c.ecog[i] = ecog
    c.escc3[i] = escc3
    c.vas[i] = vas
    c.sins[i] = sins
    c.asia[i] = asia
    c.sosgoq[i] = sosgoq
    // Whole months with one decimal, so that tied times occur as in real registries.
    c.time[i] = Math.max(0.1, Math.round(Math.min(eventTime, censorTime) * 10) / 10)
    c.event[i] = eventTime <= censorTime ? 1 : 0
  }
  return c
}

/** Writes the cohort as CSV for R (factor columns as text labels). */
export function writeCohortCsv(c: SyntheticCohort, file: string): void {
  const fd = fs.openSync(file, 'w')
  try {
    fs.writeSync(fd, 'treat,age,male,lumbar,histology,tokuhashi,ecog,escc3,vas,sins,asia,sosgoq,time,event\n')
    const chunk: string[] = []
    for (let i = 0; i < c.n; i++) {
      chunk.push(
        `${c.treat[i]},${c.age[i]},${c.male[i]},${c.lumbar[i]},${HISTOLOGY_LEVELS[c.histology[i]!]},${c.tokuhashi[i]},${c.ecog[i]},${c.escc3[i]},${c.vas[i]},${c.sins[i]},${ASIA_LEVELS[c.asia[i]!]},${c.sosgoq[i]},${c.time[i]},${c.event[i]}`,
      )
      if (chunk.length === 10000) {
        fs.writeSync(fd, chunk.join('\n') + '\n')
        chunk.length = 0
      }
    }
    if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n')
  } finally {
    fs.closeSync(fd)
  }
}
