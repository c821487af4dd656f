// Radiosensitivity to conventional external-beam radiotherapy (NOMS "O"), domain.md §9 and §13.
// Histologies whose class is UNVERIFIED have no default: the clinician must choose (§13: "every
// UNVERIFIED cell must be a required clinician choice in the UI, not a default").
import type { Histology, Radiosensitivity } from './codes'

export function defaultRadiosensitivity(histology: Histology): Radiosensitivity | null {
  switch (histology) {
    // radiosensitive (highly): lymphoma, myeloma, seminoma [V]; moderately, treated as sensitive in
    // NOMS: breast, prostate, ovary, neuroendocrine [R]; small-cell lung cancer often listed [R]
    case 'lymphoma':
    case 'myeloma':
    case 'seminoma':
    case 'breast':
    case 'prostate':
    case 'ovary':
    case 'carcinoid':
    case 'lung_sclc':
      return 'sensitive'
    // radioresistant: renal cell, thyroid, melanoma, colorectal [V]; hepatocellular, NSCLC, sarcoma [R]
    case 'kidney':
    case 'thyroid':
    case 'melanoma':
    case 'colon':
    case 'rectum':
    case 'liver':
    case 'lung_nsclc':
    case 'osteosarcoma':
    case 'sarcoma_other':
      return 'resistant'
    default:
      // stomach, oesophagus, pancreas, bladder, uterus, gallbladder, unknown primary, other
      return null
  }
}

/** The class used: the clinician's entry when there is one, else the histology's default. */
export function effectiveRadiosensitivity(histology: Histology | null, entered: Radiosensitivity | null): Radiosensitivity | null {
  if (entered !== null) return entered
  return histology === null ? null : defaultRadiosensitivity(histology)
}
