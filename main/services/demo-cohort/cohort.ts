// The demo cohort: 215 screened patients shaped like the reference study (Zheng 2021), of whom
// 157 are included (64 HT, 93 TES) and 58 screened out for stated reasons. Pure and
// deterministic: the same seed gives the same records, byte for byte.
import { patientRecordSchema, type PatientRecordInput } from '@contract/patient-record'
import type { AsiaGrade } from '@domain/codes'
import { addDays, daysBetween } from '@domain/dates'
import { deriveRecord } from '@domain/derived'
import { CRITERIA, evaluateEligibility } from '@domain/eligibility'
import { sinsLocationOfVertebra } from '@domain/scores/sins'
import { assignPrognosticItems, month6SinsPriors, preopSinsPriors, sinsComponents, sinsLocationPoints, sosgoqAnswers } from './baseline'
import { armKnots, calibratedOutcomes, censoringDay, observe, timeline, type KmRates, type Outcome } from './followup'
import { IdentityFactory } from './identity'
import { deathNote, diagnosisDate, histologyDetail, month6Asia, month6Performance, pickVertebra, progressionNote, drawClamped } from './parts'
import { indexDate, laterSteps, toRecord, type Plan, type SosgoqEntry } from './plan'
import { Rng, STREAM, fromCounts, valuesWithMean } from './random'
import { SCREENED_REASONS, screenedPatient, type ScreenedExtras } from './screened'
import { invertSurvival, productLimitAt } from './survival'
import {
  AGE_RANGE,
  ASIA_TRANSITIONS,
  BASELINE,
  DATA_CUTOFF,
  MATCHED_PER_ARM,
  MONTH6,
  PERIOPERATIVE,
  STUDY_ARMS,
  STUDY_PERIOD,
  TABLE1,
  TES_POSITIVE_MARGINS_PER_55,
  apportion,
  scaledComplications,
  type StudyArm,
} from './targets'
import { applyTreatment } from './treatment'

export interface ArmSurvival {
  localControl: KmRates
  overallSurvival: KmRates
}

export interface DemoCohortSummary {
  patients: number
  eligible: number
  ineligible: number
  arms: { HT: number; TES: number }
  /** Screened-out patients by their first failed criterion (eligibility CRITERIA ids). */
  ineligibleReasons: Record<string, number>
  /** Last possible follow-up contact. */
  dataCutoff: string
  /** Included patients whose Frankel grade is one below their ASIA letter (forced by Table 1, see baseline.ts). */
  frankelAsiaDiscordant: number
  /** Kaplan–Meier rates of the included patients per arm, from the records' derived endpoints. */
  survival: Record<StudyArm, ArmSurvival>
  /** Draws the follow-up calibration needed, and the largest KM miss it accepted. */
  calibration: { attempts: number; maxDeviation: number }
}

export interface DemoCohort {
  seed: number
  /** In study-id order (by admission date). */
  records: PatientRecordInput[]
  /** Timestamp each record carries (created/updated and audit): its last follow-up day. */
  stampedAt: string[]
  summary: DemoCohortSummary
}

/** Each KM rate of each arm is drawn to within this of the paper's (or the best of the attempts is kept). */
const CALIBRATION_TOLERANCE = 0.015
const CALIBRATION_MAX_ATTEMPTS = 600

/** Share of SOSG-OQ assessments that exist only as a total copied from the chart. */
const ENTERED_TOTAL_ONLY = 0.12
/** SOSG-OQ v1.0 burden units (Σ level − 1 over 20 items) per score point: score = units × 1.25. */
const UNITS_PER_POINT = 0.8

const FRANKEL_NOTE =
  'Frankel grade B recorded at admission (sensory only); ASIA C on the full ISNCSCI examination. The revised Tokuhashi palsy item uses the Frankel grade.'

function sosgoqEntry(rng: Rng, units: number, ctx: { vas: number; asia: AsiaGrade; postTherapy: boolean }): SosgoqEntry {
  if (rng.chance(ENTERED_TOTAL_ONLY)) return { answers: null, enteredTotal: Number((units / UNITS_PER_POINT).toFixed(1)) }
  return { answers: sosgoqAnswers(rng, units, ctx), enteredTotal: null }
}

/** Surgery dates spread evenly over the study period (stratified), in random order. */
function studySurgeryDates(rng: Rng, n: number): string[] {
  const span = daysBetween(STUDY_PERIOD.from, STUDY_PERIOD.to)
  const dates = Array.from({ length: n }, (_, k) => addDays(STUDY_PERIOD.from, Math.min(span, Math.floor(((k + rng.uniform()) / n) * (span + 1)))))
  return rng.shuffle(dates)
}

/** Baseline of one study arm: Table 1's counts exactly, continuous values at Table 1's means. */
function studyArmPlans(arm: StudyArm, rTable: Rng, rBase: Rng): Plan[] {
  const c = TABLE1[arm]
  const b = BASELINE[arm]
  const n = c.n
  const sexes = rTable.shuffle(fromCounts(c.sex))
  const regions = rTable.shuffle(fromCounts(c.region))
  const escc = rTable.shuffle(fromCounts(c.escc))
  const items = assignPrognosticItems(rTable, c)
  const ages = valuesWithMean(rBase, n, { mean: b.age.mean, sd: b.age.sd, min: AGE_RANGE.min, max: AGE_RANGE.max, step: 1 })
  // The paper's range, 40–72: the youngest HT and the oldest TES patient sit on its ends.
  if (arm === 'HT') ages[ages.indexOf(Math.min(...ages))] = AGE_RANGE.min
  else ages[ages.indexOf(Math.max(...ages))] = AGE_RANGE.max
  const vas = valuesWithMean(rBase, n, { mean: b.vas.mean, sd: b.vas.sd, min: 5, max: 9.5, step: 0.1 })
  const vertebrae = regions.map((r) => pickVertebra(rBase, r))
  const locations = vertebrae.map((v) => sinsLocationOfVertebra(v))
  // Totals are drawn at Table 1's mean and SD; the components other than location make up the rest.
  const sinsOthers = valuesWithMean(rBase, n, { mean: b.sins.mean, sd: b.sins.sd, min: 8, max: 17, step: 1 }).map((t, i) =>
    Math.min(15, Math.max(2, t - sinsLocationPoints(locations[i]!))),
  )
  const sosgoqUnits = valuesWithMean(rBase, n, { mean: b.sosgoq.mean * UNITS_PER_POINT, sd: b.sosgoq.sd * UNITS_PER_POINT, min: 30, max: 74, step: 1 })
  return items.map((it, i): Plan => ({
    group: arm,
    reason: null,
    sex: sexes[i]!,
    ageYears: ages[i]!,
    histology: it.histology,
    histologyDetail: histologyDetail(rBase, it.histology),
    radiosensitivity: null,
    vertebrae: [vertebrae[i]!],
    region: regions[i]!,
    sinsLocation: locations[i]!,
    ecog: it.ecog,
    kps: it.kps,
    asia: it.asia,
    frankel: it.frankel,
    frankelDiscordant: it.frankelDiscordant,
    bilsky: escc[i]!,
    extraspinalFoci: 0,
    vertebralMetastases: 1,
    visceral: 'none',
    vas: vas[i]!,
    sins: sinsComponents(rBase, sinsOthers[i]!, preopSinsPriors(it.histology, vas[i]!)),
    sosgoq: sosgoqEntry(rBase, sosgoqUnits[i]!, { vas: vas[i]!, asia: it.asia, postTherapy: false }),
    primaryControlled: true,
    surgicalContraindication: false,
    previousSpinalResection: false,
    toleratesSurgery: true,
    procedure: arm,
    ...laterSteps(),
    notes: it.frankelDiscordant ? [FRANKEL_NOTE] : [],
  }))
}

/**
 * Table 3 per arm (arm means hit exactly, see valuesWithMean), the Complications section's
 * events scaled from 55 matched patients to the arm (largest remainders, one event per patient,
 * patients with a complication stay longer), and TES margins (5 positive per 55).
 */
function studyArmTreatment(arm: StudyArm, plans: Plan[], dates: readonly string[], rPeri: Rng): void {
  const p = PERIOPERATIVE[arm]
  const n = plans.length
  const kinds = scaledComplications(arm, n).flatMap(([kind, k]) => Array.from({ length: k }, () => kind))
  const withComplication = rPeri.shuffle(plans.map((_, i) => i)).slice(0, kinds.length)
  const complicationOf = new Map(withComplication.map((i, k) => [i, kinds[k]!]))
  const tesPositive = new Set(arm === 'TES' ? rPeri.shuffle(plans.map((_, i) => i)).slice(0, Math.round((TES_POSITIVE_MARGINS_PER_55 * n) / MATCHED_PER_ARM)) : [])
  const operative = valuesWithMean(rPeri, n, { mean: p.operativeMin.mean, sd: p.operativeMin.sd, min: p.operativeMin.mean - 2.5 * p.operativeMin.sd, max: p.operativeMin.mean + 3 * p.operativeMin.sd, step: 5 })
  const blood = valuesWithMean(rPeri, n, { mean: p.bloodLossMl.mean, sd: p.bloodLossMl.sd, min: p.bloodLossMl.mean - 2.5 * p.bloodLossMl.sd, max: p.bloodLossMl.mean + 3 * p.bloodLossMl.sd, step: 10 })
  // Lengths of stay are right-skewed (log-normal shape); a complication adds about a standard deviation.
  const stay = valuesWithMean(rPeri, n, {
    mean: p.stayDays.mean,
    sd: p.stayDays.sd,
    min: 8,
    max: arm === 'HT' ? 24 : 34,
    step: 1,
    shape: (z) => Math.exp(0.4 * z),
    shift: plans.map((_, i) => (complicationOf.has(i) ? 0.6 : 0)),
  })
  const srs = valuesWithMean(rPeri, n, { mean: p.srsDays.mean, sd: p.srsDays.sd, min: 16, max: 30, step: 1 })
  plans.forEach((plan, i) => {
    const kind = complicationOf.get(i)
    applyTreatment(rPeri, plan, {
      date: dates[i]!,
      operativeTimeMin: operative[i]!,
      bloodLossMl: blood[i]!,
      stayDays: stay[i]!,
      srsDays: srs[i]!,
      tesPositiveMargin: tesPositive.has(i),
      complications: kind ? [kind] : [],
    })
  })
}

function applyTimeline(rng: Rng, plan: Plan, outcome: Outcome): void {
  plan.outcome = outcome
  const level = plan.vertebrae.join('–')
  const t = timeline(rng, indexDate(plan), outcome, { progression: progressionNote(level, rng), death: deathNote(rng) })
  plan.followUp = t.events
  plan.month6Date = t.month6Date
}

const month6DateOf = (plan: Plan): string | null => plan.month6Date
const relapsedBy = (plan: Plan, date: string): boolean => plan.followUp.some((e) => e.kind === 'local_progression' && e.eventDate <= date)

/** Table 4 per arm for those alive at six months: VAS, SOSG-OQ, SINS, and the ASIA transitions. */
function studyArmMonth6(arm: StudyArm, plans: Plan[], rOut: Rng): void {
  const seen = plans.filter((p) => month6DateOf(p) !== null)
  const m = seen.length
  const t = MONTH6[arm]
  const relapsed = seen.map((p) => relapsedBy(p, month6DateOf(p)!))
  const shift = (x: number) => relapsed.map((r) => (r ? x : 0))
  const vas = valuesWithMean(rOut, m, { mean: t.vas.mean, sd: t.vas.sd, min: 0, max: 5, step: 0.1, shift: shift(1.5) })
  const units = valuesWithMean(rOut, m, { mean: t.sosgoq.mean * UNITS_PER_POINT, sd: t.sosgoq.sd * UNITS_PER_POINT, min: 8, max: 68, step: 1, shift: shift(1.2) })
  const sinsOthers = valuesWithMean(rOut, m, { mean: t.sins.mean, sd: t.sins.sd, min: 2, max: 9, step: 1 }).map((x, i) =>
    Math.min(8, Math.max(0, x - sinsLocationPoints(seen[i]!.sinsLocation))),
  )
  // ASIA: the paper's transition counts per preoperative grade, apportioned to this arm's group.
  const asia6 = new Map<Plan, AsiaGrade>()
  for (const grade of ['B', 'C', 'D'] as const) {
    const group = seen.filter((p) => p.asia === grade)
    const counts = ASIA_TRANSITIONS[arm][grade]
    const total = counts.reduce((s, x) => s + x, 0)
    const k = apportion(counts.map((x) => (x * group.length) / total), group.length)
    const outcomes = rOut.shuffle(fromCounts((['B', 'C', 'D', 'E'] as const).map((g, i) => [g, k[i]!] as const)))
    group.forEach((p, i) => asia6.set(p, outcomes[i]!))
  }
  seen.forEach((p, i) => {
    const perf = month6Performance(rOut, p.ecog, relapsed[i]!)
    const asia = asia6.get(p) ?? p.asia
    p.month6 = {
      assessedOn: month6DateOf(p)!,
      ecog: perf.ecog,
      kps: perf.kps,
      asia,
      vas: vas[i]!,
      sins: sinsComponents(rOut, sinsOthers[i]!, month6SinsPriors(arm, relapsed[i]!)),
      sosgoq: sosgoqEntry(rOut, units[i]!, { vas: vas[i]!, asia, postTherapy: true }),
    }
  })
}

/** Follow-up and 6-month outcomes of a screened-out patient (no calibration: not in the study's KM). */
function screenedFollowUp(rng: Rng, plan: Plan, extras: ScreenedExtras): void {
  const knots = armKnots(plan.procedure === 'TES' ? 'TES' : 'HT')
  const start = indexDate(plan)
  let outcome: Outcome
  for (;;) {
    const d = invertSurvival(knots.overallSurvival, rng.uniform()) * extras.prognosis
    const r = invertSurvival(knots.localControl, rng.uniform()) * extras.prognosis
    outcome = observe(d, r, censoringDay(rng, Math.max(1, daysBetween(start, DATA_CUTOFF))))
    if (outcome.deathDay === null || outcome.deathDay >= extras.surviveDays) break
  }
  applyTimeline(rng, plan, outcome)
  const date = month6DateOf(plan)
  if (date === null || extras.missing === 'month6') return
  const relapsed = relapsedBy(plan, date)
  const perf = month6Performance(rng, plan.ecog, relapsed)
  const asia = month6Asia(rng, plan.asia)
  const vas = drawClamped(rng, relapsed ? 3 : 1.3, 0.8, 0, 7, 0.1)
  const others = Math.round(Math.min(9, Math.max(0, 3 + 0.9 * rng.normal())))
  const units = Math.round(Math.min(70, Math.max(8, 35 + 8 * rng.normal())))
  plan.month6 = {
    assessedOn: date,
    ecog: perf.ecog,
    kps: perf.kps,
    asia,
    vas,
    sins: sinsComponents(rng, others, month6SinsPriors(plan.procedure === 'TES' ? 'TES' : plan.procedure === 'HT' ? 'HT' : 'other', relapsed)),
    sosgoq: sosgoqEntry(rng, units, { vas, asia, postTherapy: true }),
  }
}

function lastDate(r: PatientRecordInput): string {
  let last = r.surgery.dischargeDate ?? r.surgery.admissionDate ?? DATA_CUTOFF
  for (const e of r.followUp) if (e.eventDate > last) last = e.eventDate
  return last
}

/** Generates the whole demo cohort for a seed. Throws if a generated record breaks its own intent. */
export function generateDemoCohort(seed: number): DemoCohort {
  const rTable = new Rng(seed, STREAM.table1)
  const rBase = new Rng(seed, STREAM.baseline)
  const rPeri = new Rng(seed, STREAM.perioperative)
  const rFu = new Rng(seed, STREAM.followUp)
  const rOut = new Rng(seed, STREAM.outcomes)
  const rScreen = new Rng(seed, STREAM.ineligible)
  const rId = new Rng(seed, STREAM.identity)

  // Included patients, arm by arm.
  const byArm = new Map<StudyArm, Plan[]>(STUDY_ARMS.map((arm) => [arm, studyArmPlans(arm, rTable, rBase)]))
  const dates = studySurgeryDates(rPeri, STUDY_ARMS.reduce((s, a) => s + TABLE1[a].n, 0))
  let next = 0
  for (const arm of STUDY_ARMS) {
    const plans = byArm.get(arm)!
    studyArmTreatment(arm, plans, dates.slice(next, next + plans.length), rPeri)
    next += plans.length
  }
  // Follow-up, calibrated arm by arm; the larger arm is asked to reach the 88-month horizon.
  const calibration = { attempts: 0, maxDeviation: 0 }
  for (const arm of STUDY_ARMS) {
    const plans = byArm.get(arm)!
    const fit = calibratedOutcomes(
      rFu,
      arm,
      plans.map((p) => daysBetween(p.surgeryDate!, DATA_CUTOFF)),
      { tolerance: CALIBRATION_TOLERANCE, maxAttempts: CALIBRATION_MAX_ATTEMPTS, reachHorizon: arm === 'TES' },
    )
    calibration.attempts += fit.attempts
    calibration.maxDeviation = Math.max(calibration.maxDeviation, fit.maxDeviation)
    plans.forEach((p, i) => applyTimeline(rOut, p, fit.outcomes[i]!))
    studyArmMonth6(arm, plans, rOut)
  }

  // Screened-out patients.
  const screened: Plan[] = []
  for (const [reason, count] of SCREENED_REASONS) {
    for (let v = 0; v < count; v++) {
      const { plan, extras } = screenedPatient(rScreen, reason, v)
      screenedFollowUp(rScreen, plan, extras)
      screened.push(plan)
    }
  }

  // Identities and dates of diagnosis, then registry order (admission date).
  const all = [...STUDY_ARMS.flatMap((a) => byArm.get(a)!), ...screened]
  const ids = new IdentityFactory(rId)
  for (const p of all) {
    p.diagnosisDate = diagnosisDate(rId, p.histology, p.admissionDate)
    p.fullName = ids.name(p.sex)
    p.hospitalNumber = ids.hospitalNumber(p.admissionDate)
    p.dateOfBirth = ids.dateOfBirth(p.ageYears, p.admissionDate)
  }
  const order = all.map((p, i) => ({ p, i })).sort((a, b) => (a.p.admissionDate < b.p.admissionDate ? -1 : a.p.admissionDate > b.p.admissionDate ? 1 : a.i - b.i))

  const records: PatientRecordInput[] = []
  const stampedAt: string[] = []
  // Screened-out counts by first failed criterion, listed in the order of the criteria.
  const reasons: Record<string, number> = Object.fromEntries(CRITERIA.filter((c) => SCREENED_REASONS.some(([r]) => r === c)).map((c) => [c, 0]))
  let discordant = 0
  order.forEach(({ p }, k) => {
    const record = patientRecordSchema.parse(toRecord(p, `SM-${String(k + 1).padStart(3, '0')}`))
    const e = evaluateEligibility(record)
    if (p.group === 'screened') {
      if (e.status === 'eligible' || e.failed[0] !== p.reason) {
        throw new Error(`demo cohort: ${record.patient.studyId} was meant to fail "${p.reason}" first but fails [${e.failed.join(', ')}] (status ${e.status})`)
      }
      reasons[p.reason!] = (reasons[p.reason!] ?? 0) + 1
    } else {
      if (e.status !== 'eligible' || record.surgery.arm !== p.group) {
        throw new Error(`demo cohort: included patient ${record.patient.studyId} is ${e.status} (${[...e.failed, ...e.unknown].join(', ')})`)
      }
      if (p.frankelDiscordant) discordant++
    }
    records.push(record)
    const minutes = k % 600
    stampedAt.push(`${lastDate(record)}T${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`)
  })

  const survival = {} as Record<StudyArm, ArmSurvival>
  for (const arm of STUDY_ARMS) {
    const derived = records.filter((r) => r.surgery.arm === arm && evaluateEligibility(r).status === 'eligible').map((r) => deriveRecord(r))
    const rates = (endpoint: 'localControl' | 'overallSurvival'): KmRates => {
      const times = derived.map((d) => d[endpoint]!.months)
      const events = derived.map((d) => d[endpoint]!.event)
      const [at12, at24, at60] = productLimitAt(times, events, [12, 24, 60]) as [number, number, number]
      const grid = Array.from(new Set(times)).sort((a, b) => a - b)
      const s = productLimitAt(times, events, grid)
      const i = s.findIndex((x) => x <= 0.5)
      return { at12, at24, at60, medianMonths: i >= 0 ? grid[i]! : null }
    }
    survival[arm] = { localControl: rates('localControl'), overallSurvival: rates('overallSurvival') }
  }

  const ht = byArm.get('HT')!.length
  const tes = byArm.get('TES')!.length
  return {
    seed,
    records,
    stampedAt,
    summary: {
      patients: records.length,
      eligible: ht + tes,
      ineligible: screened.length,
      arms: { HT: ht, TES: tes },
      ineligibleReasons: reasons,
      dataCutoff: DATA_CUTOFF,
      frankelAsiaDiscordant: discordant,
      survival,
      calibration: { attempts: calibration.attempts, maxDeviation: calibration.maxDeviation },
    },
  }
}
