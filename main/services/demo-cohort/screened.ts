// The 58 screened-out patients: each fails the study's criteria for one stated reason, chosen so
// that the reason is the first failed criterion (in CRITERIA order) evaluateEligibility reports.
import type { AsiaGrade, BilskyGrade, ComplicationKind, Histology, Sex, SpinalRegion, TokuhashiVisceral, Vertebra } from '@domain/codes'
import { VERTEBRAE, regionOfVertebra } from '@domain/codes'
import { addDays, daysBetween } from '@domain/dates'
import type { CriterionId } from '@domain/eligibility'
import { sinsLocationOfVertebra } from '@domain/scores/sins'
import { scoreTokuhashi } from '@domain/scores/tokuhashi'
import { kpsOptions, preopSinsPriors, sinsComponents, sosgoqAnswers, sinsLocationPoints } from './baseline'
import { drawClamped, histologyDetail, pickVertebra } from './parts'
import type { ProcedureKind } from './perioperative'
import { laterSteps, type Plan } from './plan'
import type { Rng } from './random'
import { COMPLICATIONS_PER_55, STUDY_PERIOD, TABLE1 } from './targets'
import { applyTreatment } from './treatment'

/** How many screened-out patients fail on each criterion first (58 in all). */
export const SCREENED_REASONS: readonly (readonly [CriterionId, number])[] = [
  ['treatmentPeriod', 4],
  ['solitaryMetastasis', 7],
  ['thoracicOrLumbar', 5],
  ['highGradeEscc', 6],
  ['radioresistantHistology', 7],
  ['tokuhashi9to11', 8],
  ['ecogAtMost3', 3],
  ['treatedWithHtOrTes', 2],
  ['caseDataComplete', 3],
  ['noSurgicalContraindication', 2],
  ['primaryControlled', 3],
  ['noOtherMetastases', 5],
  ['noPreviousSpinalResection', 3],
]

/** What a screened-out patient's record leaves out (exclusion 1, "case data not intact"). */
export type MissingPart = 'preopSosgoq' | 'bloodLoss' | 'month6' | null

export interface ScreenedExtras {
  missing: MissingPart
  /** Prognosis relative to the study arms (multiplies event times). */
  prognosis: number
  /** The patient must be alive this many days after treatment (for a missed 6-month visit). */
  surviveDays: number
}

const pooled = <K>(get: (arm: 'HT' | 'TES') => readonly (readonly [K, number])[]): [K, number][] => {
  const m = new Map<K, number>()
  for (const arm of ['HT', 'TES'] as const) for (const [k, n] of get(arm)) m.set(k, (m.get(k) ?? 0) + n)
  return [...m]
}
const HISTOLOGY_POOL = pooled((a) => TABLE1[a].histology)
const ASIA_POOL = pooled((a) => TABLE1[a].asia)
const ECOG_POOL: [number, number][] = [[1, 24], [2, 78], [3, 55]]

interface Draw {
  histologies?: readonly (readonly [Histology, number])[]
  ecog?: readonly (readonly [number, number])[]
  kpsMax?: number
  kpsMin?: number
  asia?: readonly (readonly [AsiaGrade, number])[]
  foci?: number
  vertebralMetastases?: number
  visceral?: TokuhashiVisceral
  tokuhashi: (total: number) => boolean
}

function drawPrognosis(rng: Rng, d: Draw): Pick<Plan, 'histology' | 'ecog' | 'kps' | 'asia' | 'frankel'> {
  for (let i = 0; i < 1000; i++) {
    const histology = rng.weighted(d.histologies ?? HISTOLOGY_POOL)
    const ecog = rng.weighted(d.ecog ?? ECOG_POOL)
    const kpsList = kpsOptions(ecog).filter((k) => k <= (d.kpsMax ?? 100) && k >= (d.kpsMin ?? 0))
    const kps = rng.pick(kpsList)
    const asia = rng.weighted(d.asia ?? ASIA_POOL)
    const t = scoreTokuhashi({
      kps,
      extraspinalBoneFoci: d.foci ?? 0,
      vertebralMetastases: d.vertebralMetastases ?? 1,
      visceral: d.visceral ?? 'none',
      histology,
      primaryPointsOverride: null,
      frankel: asia,
    }).total!
    if (d.tokuhashi(t)) return { histology, ecog, kps, asia, frankel: asia }
  }
  throw new Error('drawPrognosis: no combination satisfies the Tokuhashi condition')
}

const inRange = (t: number): boolean => t >= 9 && t <= 11
const periodDays = daysBetween(STUDY_PERIOD.from, STUDY_PERIOD.to)

/** A screened-out patient: baseline, treatment and the stated reason. Follow-up is added later. */
export function screenedPatient(rng: Rng, reason: CriterionId, variant: number): { plan: Plan; extras: ScreenedExtras } {
  let region: SpinalRegion = rng.chance(0.71) ? 'thoracic' : 'lumbar'
  let bilsky: BilskyGrade = rng.chance(0.68) ? '2' : '3'
  let draw: Draw = { tokuhashi: inRange }
  let procedure: ProcedureKind = rng.chance(0.45) ? 'HT' : 'TES'
  let sex: Sex | null = null
  let surgeryDate = addDays(STUDY_PERIOD.from, rng.int(0, periodDays))
  let vertebralMetastases = 1
  let contiguous = false
  let foci = 0
  let visceral: TokuhashiVisceral = 'none'
  let primaryControlled = true
  let contraindication = false
  let previous = false
  let tolerates = true
  let missing: MissingPart = null
  let prognosis = 1
  let surviveDays = 0
  let note = ''

  switch (reason) {
    case 'treatmentPeriod':
      surgeryDate = variant % 2 === 0 ? addDays('2011-06-01', rng.int(0, 200)) : addDays('2019-06-05', rng.int(0, 170))
      procedure = variant < 2 ? 'TES' : 'HT'
      note = `Screened out: operated on ${surgeryDate}, outside the study period (January 2012 – May 2019).`
      break
    case 'solitaryMetastasis':
      vertebralMetastases = variant >= 5 ? 3 : 2
      contiguous = variant < 3
      draw = { vertebralMetastases, tokuhashi: (t) => t >= 7 }
      procedure = variant >= 5 ? 'decompression_srs' : 'HT'
      prognosis = 0.8
      break
    case 'thoracicOrLumbar':
      region = variant < 3 ? 'cervical' : 'sacral'
      procedure = variant < 3 ? 'cervical_corpectomy_srs' : 'HT'
      break
    case 'highGradeEscc':
      bilsky = variant % 2 === 0 ? '1b' : '1c'
      draw = { asia: [['E', 0.6], ['D', 0.4]], tokuhashi: (t) => t >= 9 }
      procedure = 'vertebroplasty_srs'
      note = `Screened out: low-grade epidural compression (Bilsky ${bilsky}); treated with vertebroplasty and SRS.`
      prognosis = 1.2
      break
    case 'radioresistantHistology': {
      const h: Histology = variant < 3 ? 'breast' : variant < 5 ? 'prostate' : 'myeloma'
      sex = h === 'breast' ? 'female' : h === 'prostate' ? 'male' : null
      draw = { histologies: [[h, 1]], tokuhashi: () => true }
      procedure = 'decompression_ebrt'
      note = `Screened out: radiosensitive histology (${h === 'myeloma' ? 'multiple myeloma' : `${h} cancer`}); treated with decompression and conventional radiotherapy.`
      prognosis = 1.3
      break
    }
    case 'tokuhashi9to11':
      if (variant < 4) {
        draw = { histologies: [['lung_nsclc', 3], ['liver', 3], ['colon', 2], ['melanoma', 1]], ecog: [[2, 1], [3, 2]], tokuhashi: (t) => t <= 8 }
        procedure = variant < 2 ? 'decompression_srs' : 'HT'
        prognosis = 0.45
      } else {
        draw = { histologies: [['thyroid', 3], ['kidney', 2], ['rectum', 1]], ecog: [[1, 1], [2, 2]], asia: [['C', 1], ['D', 2]], tokuhashi: (t) => t >= 12 }
        procedure = variant < 7 ? 'TES' : 'HT'
        prognosis = 1.4
      }
      break
    case 'ecogAtMost3':
      draw = { histologies: [['kidney', 2], ['thyroid', 1], ['rectum', 1]], ecog: [[4, 1]], kpsMin: 30, kpsMax: 40, asia: [['B', 2], ['C', 1]], tokuhashi: inRange }
      procedure = 'not_operated_ebrt'
      tolerates = false
      note = 'Screened out: ECOG 4 (bedridden); not operated, conventional radiotherapy.'
      prognosis = 0.4
      break
    case 'treatedWithHtOrTes':
      procedure = 'decompression_no_srs'
      note = 'Screened out: posterior decompression and fixation alone (the patient declined postoperative SRS), neither HT nor TES.'
      break
    case 'caseDataComplete':
      missing = (['preopSosgoq', 'bloodLoss', 'month6'] as const)[variant % 3]!
      surviveDays = missing === 'month6' ? 400 : 0
      note = `Screened out: case data not intact (${missing === 'preopSosgoq' ? 'preoperative SOSG-OQ not recorded' : missing === 'bloodLoss' ? 'intraoperative blood loss not recorded' : 'missed the 6-month visit'}).`
      break
    case 'noSurgicalContraindication':
      contraindication = true
      tolerates = false
      procedure = 'not_operated_srs'
      note = `Screened out: surgical contraindication (${variant % 2 === 0 ? 'severe COPD, FEV1 38 % of predicted' : 'myocardial infarction 6 weeks earlier, on dual antiplatelet therapy'}); SRS alone.`
      prognosis = 0.7
      break
    case 'primaryControlled':
      primaryControlled = false
      procedure = 'HT'
      note = 'Screened out: primary tumour not controlled (progressing on systemic therapy at admission).'
      prognosis = 0.55
      break
    case 'noOtherMetastases': {
      const kinds = [
        { visceral: 'removable', foci: 0, text: 'a solitary resectable lung metastasis' },
        { visceral: 'removable', foci: 0, text: 'a solitary resectable lung metastasis' },
        { visceral: 'none', foci: 1, text: 'a rib metastasis on bone scan' },
        { visceral: 'none', foci: 2, text: 'metastases in the pelvis and the right femur on bone scan' },
        { visceral: 'unremovable', foci: 0, text: 'multiple liver metastases' },
      ] as const
      const k = kinds[variant % kinds.length]!
      visceral = k.visceral
      foci = k.foci
      draw = { foci, visceral, histologies: [['kidney', 3], ['colon', 2], ['melanoma', 1], ['rectum', 1]], tokuhashi: inRange }
      procedure = 'HT'
      note = `Screened out: other metastatic lesions (${k.text}).`
      prognosis = 0.6
      break
    }
    case 'noPreviousSpinalResection':
      previous = true
      note = `Screened out: previous resection of a spinal metastasis at this level (${rng.int(2008, 2011)}); recurrence.`
      prognosis = 0.85
      break
    default:
      throw new Error(`no screening scenario for ${reason}`)
  }

  const prog = drawPrognosis(rng, draw)
  let vertebrae: Vertebra[]
  if (vertebralMetastases > 1 && contiguous) {
    const first = rng.weighted(region === 'thoracic' ? ([['T5', 1], ['T7', 1], ['T9', 1], ['T10', 1]] as const) : ([['L1', 1], ['L2', 1], ['L3', 1]] as const))
    vertebrae = [first, VERTEBRAE[VERTEBRAE.indexOf(first) + 1]!]
  } else {
    vertebrae = [pickVertebra(rng, region)]
  }
  region = regionOfVertebra(vertebrae[0]!)
  if (reason === 'solitaryMetastasis') {
    note = contiguous
      ? `Screened out: metastases in two adjacent vertebrae (${vertebrae.join(' and ')}), not solitary.`
      : `Screened out: ${vertebralMetastases} vertebral metastases on MRI (treated level ${vertebrae[0]}), not solitary.`
  }
  if (reason === 'thoracicOrLumbar') note = `Screened out: ${region} lesion (${vertebrae[0]}), outside the thoracic and lumbar spine.`
  if (reason === 'tokuhashi9to11') {
    const t = scoreTokuhashi({ kps: prog.kps, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', histology: prog.histology, primaryPointsOverride: null, frankel: prog.frankel }).total!
    note = `Screened out: revised Tokuhashi score ${t} (${t <= 8 ? 'expected survival under 6 months' : 'excisional surgery band, 12 or more'}).`
  }
  const location = sinsLocationOfVertebra(vertebrae[0]!)
  const vas = drawClamped(rng, 7.2, 1.1, 3.5, 9.8, 0.1)
  const sinsOthers = Math.round(Math.min(14, Math.max(3, 12.5 - sinsLocationPoints(location) + 1.8 * rng.normal())))
  const sosgoqUnits = Math.round(Math.min(76, Math.max(24, 51 + 6 * rng.normal())))
  const ageYears = Math.round(Math.min(80, Math.max(36, 58 + 8 * rng.normal())))
  const plan: Plan = {
    group: 'screened',
    reason,
    sex: sex ?? (rng.chance(0.77) ? 'male' : 'female'),
    ageYears,
    histology: prog.histology,
    histologyDetail: histologyDetail(rng, prog.histology),
    radiosensitivity: null,
    vertebrae,
    region,
    sinsLocation: location,
    ecog: prog.ecog,
    kps: prog.kps,
    asia: prog.asia,
    frankel: prog.frankel,
    frankelDiscordant: false,
    bilsky,
    extraspinalFoci: foci,
    vertebralMetastases,
    visceral,
    vas,
    sins: sinsComponents(rng, sinsOthers, preopSinsPriors(prog.histology, vas)),
    sosgoq: missing === 'preopSosgoq' ? null : { answers: sosgoqAnswers(rng, sosgoqUnits, { vas, asia: prog.asia, postTherapy: false }), enteredTotal: null },
    primaryControlled,
    surgicalContraindication: contraindication,
    previousSpinalResection: previous,
    toleratesSurgery: tolerates,
    procedure,
    ...laterSteps(),
    notes: note ? [note] : [],
  }
  const open = procedure === 'HT' || procedure === 'TES' || procedure.startsWith('decompression') || procedure === 'cervical_corpectomy_srs'
  const complications: ComplicationKind[] = []
  if (open && rng.chance(0.15)) {
    const list = COMPLICATIONS_PER_55[procedure === 'TES' ? 'TES' : 'HT']
    complications.push(rng.weighted(list))
  }
  applyTreatment(rng, plan, { date: surgeryDate, complications })
  if (missing === 'bloodLoss') plan.bloodLossMl = null
  return { plan, extras: { missing, prognosis, surviveDays } }
}
