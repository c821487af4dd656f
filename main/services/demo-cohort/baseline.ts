// Preoperative scores of demo patients, stored as the components the user would enter and
// scored by the domain scorers (never summed here).
import type { AsiaGrade, FrankelGrade, Histology, SinsAlignment, SinsBoneLesion, SinsCollapse, SinsLocation, SinsPain, SinsPosterolateral } from '@domain/codes'
import { ECOG_KPS_PLAUSIBLE } from '@domain/scores/performance-status'
import { SINS_POINTS } from '@domain/scores/sins'
import { scoreTokuhashi } from '@domain/scores/tokuhashi'
import { SOSGOQ_PROFILES } from '@domain/scores/sosgoq'
import { fromCounts, type Rng } from './random'
import type { Table1Counts } from './targets'

export interface PrognosticItems {
  histology: Histology
  ecog: number
  kps: number
  asia: AsiaGrade
  frankel: FrankelGrade
  /** Frankel grade recorded one grade below the ASIA letter (see assignPrognosticItems). */
  frankelDiscordant: boolean
}

/** KPS values plausible for an ECOG grade (the union of the published conversions, docs/clinical-reference.md §5). */
export function kpsOptions(ecog: number): number[] {
  const range = ECOG_KPS_PLAUSIBLE[ecog]
  if (!range) throw new Error(`no KPS range for ECOG ${ecog}`)
  const out: number[] = []
  for (let k = range[0]; k <= range[1]; k += 10) out.push(k)
  return out
}

/** Revised Tokuhashi total of an included patient: solitary lesion, no other metastases (2 + 2 + 2). */
export function solitaryTokuhashi(histology: Histology, kps: number, frankel: FrankelGrade): number {
  const r = scoreTokuhashi({ kps, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', histology, primaryPointsOverride: null, frankel })
  return r.total!
}

/**
 * Joint histology × ECOG × ASIA assignment of one arm with Table 1's counts, plus a KPS for each
 * ECOG and a Frankel grade for each ASIA grade, such that every revised Tokuhashi total is 9–11.
 *
 * The counts leave little room. A solitary lesion without other metastases already scores 6
 * (2 + 2 + 2), so a thyroid primary (5 points) reaches 11 before general condition and palsy:
 * every thyroid patient needs KPS ≤ 40 (ECOG 3) and Frankel A/B, and a rectal primary (4) needs
 * one of the two. The HT arm has 19 thyroid and 4 rectal primaries but only 13 ASIA B patients
 * and 21 with ECOG 3, so 8 HT patients cannot be both eligible and have a Frankel letter equal to
 * their ASIA letter. They are given ASIA C with Frankel B (one grade apart; the letters map only
 * approximately, docs/clinical-reference.md §4) and a note saying so. No KPS is ever outside its ECOG's plausible
 * range. Within these limits KPS is chosen low, to come as close as the counts allow to Table 1's
 * mean Tokuhashi (which the counts themselves put out of reach: see the report).
 */
export function assignPrognosticItems(rng: Rng, counts: Table1Counts): PrognosticItems[] {
  const ecogLeft = new Map<number, number>(counts.ecog.map(([e, k]) => [e, k]))
  const asiaLeft = new Map<AsiaGrade, number>(counts.asia.map(([a, k]) => [a, k]))
  const take = <K>(m: Map<K, number>, k: K): void => {
    const v = m.get(k) ?? 0
    if (v <= 0) throw new Error('assignPrognosticItems: pool exhausted')
    m.set(k, v - 1)
  }
  // The most constrained primaries first: thyroid, rectum, liver; the rest in random order.
  const rank = (h: Histology): number => (h === 'thyroid' ? 0 : h === 'rectum' ? 1 : h === 'liver' ? 2 : 3)
  const histologies = rng.shuffle(fromCounts(counts.histology)).sort((a, b) => rank(a) - rank(b))
  const out: PrognosticItems[] = []
  for (const histology of histologies) {
    type Option = { ecog: number; asia: AsiaGrade; frankel: FrankelGrade; kps: number; discordant: boolean; weight: number }
    const options: Option[] = []
    for (const [ecog, nE] of ecogLeft) {
      if (nE <= 0) continue
      for (const [asia, nA] of asiaLeft) {
        if (nA <= 0) continue
        const frankels: [FrankelGrade, boolean][] = [[asia, false]]
        if (asia === 'C') frankels.push(['B', true])
        for (const [frankel, discordant] of frankels) {
          const kpsList = kpsOptions(ecog).filter((kps) => {
            const t = solitaryTokuhashi(histology, kps, frankel)
            return t >= 9 && t <= 11
          })
          if (kpsList.length === 0) continue
          // Prefer the lowest general-condition points the patient can have (the paper's mean is low).
          const lowest = Math.min(...kpsList.map((k) => (k >= 80 ? 2 : k >= 50 ? 1 : 0)))
          const preferred = kpsList.filter((k) => (k >= 80 ? 2 : k >= 50 ? 1 : 0) === lowest)
          const kps = rng.chance(0.85) ? rng.pick(preferred) : rng.pick(kpsList)
          options.push({ ecog, asia, frankel, kps, discordant, weight: nE * nA })
        }
      }
    }
    const concordant = options.filter((o) => !o.discordant)
    const pool = concordant.length > 0 ? concordant : options
    if (pool.length === 0) throw new Error(`assignPrognosticItems: no eligible combination left for ${histology}`)
    // Scarce resources (ECOG 3 with low KPS, ASIA B) go to the primaries that need them: the
    // ordering above does that; among the rest draw in proportion to what is left.
    const chosen = pool[rng.weightedIndex(pool.map((o) => o.weight))]!
    take(ecogLeft, chosen.ecog)
    take(asiaLeft, chosen.asia)
    out.push({ histology, ecog: chosen.ecog, kps: chosen.kps, asia: chosen.asia, frankel: chosen.frankel, frankelDiscordant: chosen.discordant })
  }
  return rng.shuffle(out)
}

// ── SINS ────────────────────────────────────────────────────────────────────────────────────

export interface SinsChoice {
  pain: SinsPain
  boneLesion: SinsBoneLesion
  alignment: SinsAlignment
  collapse: SinsCollapse
  posterolateral: SinsPosterolateral
}

export type Weights<K extends string> = Partial<Record<K, number>>

export interface SinsPriors {
  pain: Weights<SinsPain>
  boneLesion: Weights<SinsBoneLesion>
  alignment: Weights<SinsAlignment>
  collapse: Weights<SinsCollapse>
  posterolateral: Weights<SinsPosterolateral>
}

const entries = <K extends string>(w: Weights<K>): [K, number][] => (Object.entries(w) as [K, number][]).filter(([, x]) => x > 0)

/**
 * SINS components other than location whose points sum to `othersTotal`, drawn with
 * probability proportional to the product of the component priors among all combinations that
 * reach the total. If none reaches it, the nearest reachable total is used.
 */
export function sinsComponents(rng: Rng, othersTotal: number, priors: SinsPriors): SinsChoice {
  const combos: { c: SinsChoice; points: number; weight: number }[] = []
  for (const [pain, wp] of entries(priors.pain))
    for (const [boneLesion, wb] of entries(priors.boneLesion))
      for (const [alignment, wa] of entries(priors.alignment))
        for (const [collapse, wc] of entries(priors.collapse))
          for (const [posterolateral, wl] of entries(priors.posterolateral)) {
            const points =
              SINS_POINTS.pain[pain] + SINS_POINTS.boneLesion[boneLesion] + SINS_POINTS.alignment[alignment] + SINS_POINTS.collapse[collapse] + SINS_POINTS.posterolateral[posterolateral]
            combos.push({ c: { pain, boneLesion, alignment, collapse, posterolateral }, points, weight: wp * wb * wa * wc * wl })
          }
  let best = Infinity
  for (const x of combos) best = Math.min(best, Math.abs(x.points - othersTotal))
  const hits = combos.filter((x) => Math.abs(x.points - othersTotal) === best)
  return hits[rng.weightedIndex(hits.map((h) => h.weight))]!.c
}

/** Points of the SINS location class. */
export const sinsLocationPoints = (l: SinsLocation): number => SINS_POINTS.location[l]

/** Preoperative priors: high-grade ESCC from a radioresistant, mostly lytic metastasis. */
export function preopSinsPriors(histology: Histology, vas: number): SinsPriors {
  const lytic = histology === 'colon' || histology === 'rectum' || histology === 'prostate' || histology === 'breast'
  return {
    pain: vas >= 6 ? { mechanical: 0.85, occasional: 0.15 } : { mechanical: 0.55, occasional: 0.4, pain_free: 0.05 },
    boneLesion: lytic ? { lytic: 0.55, mixed: 0.38, blastic: 0.07 } : { lytic: 0.85, mixed: 0.13, blastic: 0.02 },
    alignment: { normal: 0.45, deformity: 0.45, subluxation: 0.1 },
    collapse: { none: 0.08, involved_over_50: 0.3, under_50: 0.4, over_50: 0.22 },
    posterolateral: { none: 0.1, unilateral: 0.35, bilateral: 0.55 },
  }
}

/** Six months after decompression, instrumentation and SRS: stable construct, little pain. */
export function month6SinsPriors(arm: 'HT' | 'TES' | 'other', relapsed: boolean): SinsPriors {
  return {
    pain: relapsed ? { occasional: 0.5, mechanical: 0.5 } : { pain_free: 0.38, occasional: 0.62 },
    // TES removes the vertebra (cage and graft); after separation surgery the irradiated residue turns sclerotic.
    boneLesion: arm === 'TES' ? { blastic: 0.35, mixed: 0.45, lytic: 0.2 } : { blastic: 0.25, mixed: 0.5, lytic: 0.25 },
    alignment: { normal: 0.9, deformity: 0.1 },
    collapse: { none: 0.6, involved_over_50: 0.3, under_50: 0.1 },
    posterolateral: { none: 0.5, unilateral: 0.4, bilateral: 0.1 },
  }
}

// ── SOSG-OQ ─────────────────────────────────────────────────────────────────────────────────

const V1 = SOSGOQ_PROFILES['1.0']

/**
 * SOSG-OQ v1.0 answers (option levels 1 = best … 5 = worst) whose scored items carry exactly
 * `burdenUnits` = Σ(level − 1) over the 20 scored items, so that the domain scorer
 * (mean of (level − 1)/4 × 100) gives burdenUnits × 1.25. Item-specific offsets give a
 * realistic profile (the wording of the items is not modelled): items near the pain items follow
 * the VAS and items near the neurological ones the ASIA grade. The 7 post-therapy questions are
 * unanswered before treatment and answered at follow-up.
 */
export function sosgoqAnswers(rng: Rng, burdenUnits: number, ctx: { vas: number; asia: AsiaGrade; postTherapy: boolean }): (number | null)[] {
  const n = V1.scoredItems
  const base = burdenUnits / n
  const neuro = ctx.asia === 'B' ? 0.6 : ctx.asia === 'C' ? 0.25 : ctx.asia === 'D' ? -0.1 : -0.4
  const offset = (i: number): number => (i >= 5 && i < 9 ? neuro : i >= 9 && i < 12 ? (ctx.vas - 4) / 6 : 0)
  const units = Array.from({ length: n }, (_, i) => Math.min(4, Math.max(0, Math.round(base + offset(i) + 0.55 * rng.normal()))))
  let diff = burdenUnits - units.reduce((s, x) => s + x, 0)
  let guard = 0
  while (diff !== 0 && guard++ < 10_000) {
    const i = rng.int(0, n - 1)
    const v = units[i]! + Math.sign(diff)
    if (v < 0 || v > 4) continue
    units[i] = v
    diff -= Math.sign(diff)
  }
  const answers: (number | null)[] = units.map((u) => u + 1)
  for (let i = n; i < V1.itemCount; i++) answers.push(ctx.postTherapy ? rng.weighted([[1, 0.45], [2, 0.4], [3, 0.15]] as const) : null)
  return answers
}
