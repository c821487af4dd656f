// Treatment of demo patients: the procedure, its perioperative values, SRS, and complications.
import type { Complication } from '@contract/patient-record'
import { VERTEBRAE, type ComplicationGrade, type ComplicationKind, type MarginStatus, type TreatmentArm, type Vertebra } from '@domain/codes'
import type { Rng } from './random'

/** What was done; HT and TES are the study's arms, the rest happen to screened-out patients. */
export type ProcedureKind =
  | 'HT'
  | 'TES'
  | 'vertebroplasty_srs'
  | 'decompression_ebrt'
  | 'decompression_srs'
  | 'decompression_no_srs'
  | 'cervical_corpectomy_srs'
  | 'not_operated_srs'
  | 'not_operated_ebrt'

export const PROCEDURE_ARM: Readonly<Record<ProcedureKind, TreatmentArm | null>> = {
  HT: 'HT',
  TES: 'TES',
  vertebroplasty_srs: 'other',
  decompression_ebrt: 'other',
  decompression_srs: 'other',
  decompression_no_srs: 'other',
  cervical_corpectomy_srs: 'other',
  not_operated_srs: null,
  not_operated_ebrt: null,
}

export const isOperated = (p: ProcedureKind): boolean => p !== 'not_operated_srs' && p !== 'not_operated_ebrt'
export const getsSrs = (p: ProcedureKind): boolean => p === 'HT' || p === 'TES' || p === 'vertebroplasty_srs' || p === 'decompression_srs' || p === 'cervical_corpectomy_srs' || p === 'not_operated_srs'

/** Typical values of the procedures outside the study (the study arms use Table 3). */
export const OTHER_PERIOPERATIVE: Readonly<Record<Exclude<ProcedureKind, 'HT' | 'TES'>, { operativeMin: [number, number]; bloodLossMl: [number, number]; stayDays: [number, number] }>> = {
  vertebroplasty_srs: { operativeMin: [50, 12], bloodLossMl: [20, 8], stayDays: [5, 1.2] },
  decompression_ebrt: { operativeMin: [165, 25], bloodLossMl: [580, 150], stayDays: [11, 2.5] },
  decompression_srs: { operativeMin: [170, 25], bloodLossMl: [600, 150], stayDays: [11, 2.5] },
  decompression_no_srs: { operativeMin: [170, 25], bloodLossMl: [600, 150], stayDays: [11, 2.5] },
  cervical_corpectomy_srs: { operativeMin: [175, 25], bloodLossMl: [320, 90], stayDays: [9, 2] },
  not_operated_srs: { operativeMin: [0, 0], bloodLossMl: [0, 0], stayDays: [6, 1.5] },
  not_operated_ebrt: { operativeMin: [0, 0], bloodLossMl: [0, 0], stayDays: [14, 2] },
}

/** "T7–T11": the instrumented levels around a lesion. */
function instrumented(lesion: readonly Vertebra[], fix: { above: number; below: number }): string {
  const top = VERTEBRAE.indexOf(lesion[0]!) - fix.above
  const bottom = VERTEBRAE.indexOf(lesion[lesion.length - 1]!) + fix.below
  return `${VERTEBRAE[Math.max(0, top)]}–${VERTEBRAE[Math.min(VERTEBRAE.length - 1, bottom)]}`
}

/** Levels instrumented above and below the lesion: at least two each way (Surgical procedure), fewer at the sacrum. */
export function fixationLevels(rng: Rng, lesion: readonly Vertebra[]): { above: number; below: number } {
  const top = VERTEBRAE.indexOf(lesion[0]!)
  const bottom = VERTEBRAE.indexOf(lesion[lesion.length - 1]!)
  const s1 = VERTEBRAE.indexOf('S1')
  const above = rng.chance(0.85) ? 2 : 3
  const below = Math.max(0, Math.min(rng.chance(0.8) ? 2 : 3, s1 - bottom))
  return { above: Math.min(above, top), below }
}

export function procedureDetail(kind: ProcedureKind, lesion: readonly Vertebra[], fix: { above: number; below: number } | null, extra: string | null): string {
  const level = lesion.length === 1 ? lesion[0]! : `${lesion[0]}–${lesion[lesion.length - 1]}`
  const screws = fix ? `pedicle screws ${instrumented(lesion, fix)}` : 'no instrumentation'
  const thoracic = lesion[0]!.startsWith('T')
  let text: string
  switch (kind) {
    case 'HT':
      text = `Separation surgery at ${level} (posterior approach): laminectomy, bilateral facetectomy and transpedicular circumferential decompression, 2–3 mm separation from the cord; ${screws}, rods and crosslinks; then SRS.`
      break
    case 'TES':
      text = `Total en bloc spondylectomy of ${level} (posterior approach)${thoracic ? ', segmental nerve roots ligated and about 3 cm of rib resected' : ', traversing nerve roots protected'}: bilateral pediculotomy, discectomies above and below, vertebral body removed en bloc; titanium mesh cage with autograft and allograft; ${screws}, rods and crosslinks; then SRS.`
      break
    case 'vertebroplasty_srs':
      text = `Percutaneous vertebroplasty of ${level} under local anaesthesia, then SRS.`
      break
    case 'decompression_ebrt':
      text = `Posterior decompression of ${level}; ${screws}; then conventional radiotherapy.`
      break
    case 'decompression_srs':
      text = `Palliative posterior decompression of ${level}; ${screws}; then SRS.`
      break
    case 'decompression_no_srs':
      text = `Posterior decompression of ${level}; ${screws}; no radiotherapy after surgery.`
      break
    case 'cervical_corpectomy_srs':
      text = `Anterior corpectomy of ${level} with cage and plate fixation, then SRS.`
      break
    case 'not_operated_srs':
      text = `Not operated; SRS to ${level} alone.`
      break
    case 'not_operated_ebrt':
      text = `Not operated; conventional radiotherapy to ${level}.`
      break
  }
  return extra ? `${text} ${extra}` : text
}

/** Margin of the resected specimen: separation surgery is intralesional, TES mostly negative. */
export function marginFor(kind: ProcedureKind, tesPositive: boolean): MarginStatus | null {
  if (kind === 'TES') return tesPositive ? 'positive' : 'negative'
  if (kind === 'HT' || kind === 'cervical_corpectomy_srs' || kind === 'decompression_ebrt' || kind === 'decompression_srs' || kind === 'decompression_no_srs') return 'positive'
  if (kind === 'vertebroplasty_srs') return 'not_assessed'
  return null
}

interface ComplicationStyle {
  /** Postoperative day of onset [from, to]. */
  onset: [number, number]
  variants: readonly { grade: ComplicationGrade; weight: number; text: (side: string) => string }[]
}

/** Clavien–Dindo grades: every complication of the study was treated conservatively (grade I–II). */
const COMPLICATION_STYLE: Readonly<Partial<Record<ComplicationKind, ComplicationStyle>>> = {
  deep_vein_thrombosis: {
    onset: [3, 9],
    variants: [{ grade: 'II', weight: 1, text: (s) => `Deep vein thrombosis of the ${s} popliteal vein on duplex ultrasound; therapeutic low-molecular-weight heparin.` }],
  },
  intermuscular_venous_thrombosis: {
    onset: [3, 8],
    variants: [
      { grade: 'I', weight: 0.6, text: (s) => `Intermuscular venous thrombosis of the ${s} calf on duplex ultrasound; early mobilisation, prophylactic heparin continued.` },
      { grade: 'II', weight: 0.4, text: (s) => `Intermuscular venous thrombosis of the ${s} calf on duplex ultrasound; therapeutic low-molecular-weight heparin.` },
    ],
  },
  superficial_wound_infection: {
    onset: [5, 12],
    variants: [
      { grade: 'I', weight: 0.5, text: () => 'Superficial wound infection; wound opened at the bedside and dressed daily, healed.' },
      { grade: 'II', weight: 0.5, text: () => 'Superficial wound infection; oral antibiotics and dressings, healed.' },
    ],
  },
  pneumonia: {
    onset: [2, 6],
    variants: [{ grade: 'II', weight: 1, text: () => 'Hospital-acquired pneumonia; intravenous antibiotics, resolved.' }],
  },
  stress_ulcer: {
    onset: [2, 5],
    variants: [{ grade: 'II', weight: 1, text: () => 'Stress ulcer with upper gastrointestinal bleeding; proton-pump inhibitor and transfusion of 2 units, no endoscopic intervention.' }],
  },
  csf_leak: {
    onset: [1, 3],
    variants: [{ grade: 'I', weight: 1, text: () => 'Cerebrospinal fluid leak through the drain; bed rest, drain removed later, healed without reoperation.' }],
  },
  transient_neurological_deficit: {
    onset: [0, 2],
    variants: [
      { grade: 'I', weight: 0.5, text: () => 'Transient aggravation of the lower-limb deficit; recovered to the preoperative level before discharge.' },
      { grade: 'II', weight: 0.5, text: () => 'Transient aggravation of the lower-limb deficit; methylprednisolone, recovered before discharge.' },
    ],
  },
}

/** One typed complication with its grade and onset date (surgery + onset days). */
export function makeComplication(rng: Rng, kind: ComplicationKind, surgeryDate: string, addDaysFn: (d: string, n: number) => string): Complication {
  const style = COMPLICATION_STYLE[kind]
  if (!style) throw new Error(`no style for complication ${kind}`)
  const v = style.variants[rng.weightedIndex(style.variants.map((x) => x.weight))]!
  return {
    id: null,
    kind,
    description: v.text(rng.chance(0.5) ? 'left' : 'right'),
    grade: v.grade,
    onsetDate: addDaysFn(surgeryDate, rng.int(style.onset[0], style.onset[1])),
  }
}

/** Extra days in hospital a complication usually costs (shifts the stay draw, not its mean). */
export const COMPLICATION_STAY_SHIFT = 0.9
