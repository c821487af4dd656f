// Radiosensitivity to conventional external-beam radiotherapy (NOMS "O"). Histologies no source
// classifies have no default: the clinician (or the registry's setting) must choose.
import type { Histology, Radiosensitivity } from './codes'

/**
 * The two-level class of a three-level one, as the study and the exports read it: only
 * `resistant` is radioresistant (the reference study's inclusion criterion); highly and
 * moderately sensitive tumours are both "sensitive".
 */
export function twoLevelRadiosensitivity(c: RadiosensitivityClass): Radiosensitivity {
  return c === 'resistant' ? 'resistant' : 'sensitive'
}

/** SpineMet's default two-level class of a histology (registry settings aside), or null when no source classifies it. */
export function defaultRadiosensitivity(histology: Histology): Radiosensitivity | null {
  const def = DEFAULT_RADIOSENSITIVITY_CLASSES[histology]
  return def ? twoLevelRadiosensitivity(def.class) : null
}

/**
 * The two-level class used for one patient: the same resolution as the NOMS summary's
 * (resolveRadiosensitivityClass: the record's entry, else the registry's setting for the
 * histology, else SpineMet's default), reduced to two levels.
 */
export function effectiveRadiosensitivity(histology: Histology | null, entered: Radiosensitivity | null, registryClasses: RadiosensitivityClasses = {}): Radiosensitivity | null {
  const c = resolveRadiosensitivityClass(histology, entered, registryClasses).class
  return c === null ? null : twoLevelRadiosensitivity(c)
}

/**
 * Three-level class per histology used by the NOMS "O" assessment. Two levels are not enough:
 * Bilsky's ESCC work (Bilsky et al., J Neurosurg Spine 2010;13:324–328; Bilsky & Smith, Hematol
 * Oncol Clin N Am 2006;20:1307–1317) sends high-grade compression to decompression before
 * radiation "unless the tumour is highly radiosensitive", while the moderately sensitive solid
 * tumours (breast, prostate, ovarian, neuroendocrine; Laufer et al., Oncologist 2013;18:744–751
 * text; Maranzano et al., IJROBP 1995 "favourable histologies") respond to conventional
 * radiotherapy when there is no high-grade compression. So:
 *  - `high`:      cEBRT whatever the compression (NOMS rows 1, 2, 5, 6);
 *  - `moderate`:  cEBRT for low-grade compression (rows 1, 2); for high-grade compression it is
 *                 treated as radioresistant (rows 7–10, separation surgery first if the patient
 *                 can tolerate it) and the summary says so. A team that follows Laufer 2013's
 *                 reading (moderately sensitive = sensitive) sets the histology to `high`;
 *  - `resistant`: SRS, or separation surgery then SRS for high-grade compression (rows 3, 4, 7–10).
 */
export const RADIOSENSITIVITY_CLASSES = ['high', 'moderate', 'resistant'] as const
export type RadiosensitivityClass = (typeof RADIOSENSITIVITY_CLASSES)[number]

/** A registry's class per histology where the team differs from SpineMet's default (registry settings). */
export type RadiosensitivityClasses = Readonly<Partial<Record<Histology, RadiosensitivityClass>>>

/** Where a default class comes from (printed on the NOMS summary beside the class). */
export const RADIOSENSITIVITY_SOURCES = {
  /** AO Surgery Reference, "Classification of tumor radiosensitivity" (lymphoma, myeloma, seminoma; renal, melanoma, thyroid, colorectal). */
  ao: 'AO Surgery Reference: Classification of tumor radiosensitivity',
  /** Patchell et al., Lancet 2005;366:643–648 excluded these tumours as radiosensitive. */
  patchell: 'Patchell et al., Lancet 2005;366:643–648 (excluded as radiosensitive)',
  /** Laufer et al., Oncologist 2013;18:744–751: moderately sensitive solid tumours; HCC, NSCLC and sarcoma resistant. */
  laufer: 'Laufer et al., Oncologist 2013;18:744–751 (NOMS)',
  /** Bilsky et al., J Neurosurg Spine 2010: high-grade ESCC → decompression unless highly radiosensitive. */
  bilsky: 'Bilsky et al., J Neurosurg Spine 2010;13:324–328; Laufer et al., Oncologist 2013;18:744–751',
  /** UK metastatic spinal cord compression guidance (NICE CG75, 2008) lists small-cell lung cancer with the radiosensitive tumours. */
  nice: 'NICE CG75 (2008), metastatic spinal cord compression',
} as const
export type RadiosensitivitySource = keyof typeof RADIOSENSITIVITY_SOURCES

/**
 * SpineMet's default class per histology, with its source. Histologies no source classifies
 * (stomach, oesophagus, pancreas, bladder, uterus, gallbladder, unknown primary, other) have
 * none: the team sets one in the registry settings or records the class in the patient's record.
 */
export const DEFAULT_RADIOSENSITIVITY_CLASSES: Readonly<Partial<Record<Histology, { class: RadiosensitivityClass; source: RadiosensitivitySource }>>> = {
  lymphoma: { class: 'high', source: 'ao' },
  myeloma: { class: 'high', source: 'ao' },
  seminoma: { class: 'high', source: 'ao' },
  lung_sclc: { class: 'high', source: 'nice' },
  breast: { class: 'moderate', source: 'bilsky' },
  prostate: { class: 'moderate', source: 'bilsky' },
  ovary: { class: 'moderate', source: 'bilsky' },
  carcinoid: { class: 'moderate', source: 'bilsky' },
  kidney: { class: 'resistant', source: 'ao' },
  thyroid: { class: 'resistant', source: 'ao' },
  melanoma: { class: 'resistant', source: 'ao' },
  colon: { class: 'resistant', source: 'ao' },
  rectum: { class: 'resistant', source: 'ao' },
  liver: { class: 'resistant', source: 'laufer' },
  lung_nsclc: { class: 'resistant', source: 'laufer' },
  osteosarcoma: { class: 'resistant', source: 'laufer' },
  sarcoma_other: { class: 'resistant', source: 'laufer' },
}

/** How the class used for one patient was found. */
export type RadiosensitivityOrigin =
  | { kind: 'record' } // the clinician's entry in the patient's record
  | { kind: 'registrySetting' } // the registry's per-histology setting
  | { kind: 'default'; source: RadiosensitivitySource } // SpineMet's default, with its citation

export interface ResolvedRadiosensitivity {
  class: RadiosensitivityClass | null
  origin: RadiosensitivityOrigin | null
}

/**
 * The NOMS class for one patient: the record's entry first (an entered "sensitive" is the team's
 * judgement for this patient and counts as highly sensitive), then the registry's setting for the
 * histology, then SpineMet's default; null when none applies (a missing input).
 */
export function resolveRadiosensitivityClass(
  histology: Histology | null,
  entered: Radiosensitivity | null,
  registryClasses: RadiosensitivityClasses = {},
): ResolvedRadiosensitivity {
  if (entered !== null) return { class: entered === 'sensitive' ? 'high' : 'resistant', origin: { kind: 'record' } }
  if (histology === null) return { class: null, origin: null }
  const set = registryClasses[histology]
  if (set !== undefined) return { class: set, origin: { kind: 'registrySetting' } }
  const def = DEFAULT_RADIOSENSITIVITY_CLASSES[histology]
  return def ? { class: def.class, origin: { kind: 'default', source: def.source } } : { class: null, origin: null }
}
