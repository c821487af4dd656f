// The covariates of the propensity model: their variable names (dataset CSV columns and R formula
// terms), their values exactly as the model uses them, and their units.
import type { CovariateEntry, StudyCovariate } from '@contract/study'
import { asiaOrdinal } from '../../domain/scores/asia'
import { bilskyOrdinal } from '../../domain/scores/bilsky'
import type { AnalysisRow } from './dataset'

/** Model variable names (dataset CSV columns and R formula terms) of each covariate. */
export const COVARIATE_NAMES: Readonly<Record<StudyCovariate, string>> = {
  age: 'age',
  sex: 'sex',
  spinalLevel: 'spinal_level',
  histology: 'histology',
  tokuhashi: 'tokuhashi',
  ecog: 'ecog',
  bilsky: 'escc',
  vas: 'vas',
  sins: 'sins',
  asia: 'asia',
  sosgoq: 'sosgoq',
}

/** The value of a covariate as the model uses it (label for a factor, number for a numeric term); null when missing. */
export function covariateValue(row: AnalysisRow, id: StudyCovariate, entry: CovariateEntry, sosgoqVersion: string | null): string | number | null {
  const v = ((): string | number | null => {
    switch (id) {
      case 'age':
        return row.age
      case 'sex':
        return row.sex
      case 'spinalLevel':
        return row.spinalLevel
      case 'histology':
        return row.histology
      case 'tokuhashi':
        return row.tokuhashi
      case 'ecog':
        return row.ecog
      case 'bilsky':
        return row.bilsky === null ? null : entry === 'numeric' ? bilskyOrdinal(row.bilsky) : row.bilsky
      case 'vas':
        return row.preop.vas
      case 'sins':
        return row.preop.sins
      case 'asia':
        return row.preop.asia === null ? null : entry === 'numeric' ? asiaOrdinal(row.preop.asia) : row.preop.asia
      case 'sosgoq':
        return sosgoqVersion !== null && row.preop.sosgoqVersion === sosgoqVersion ? row.preop.sosgoq : null
    }
  })()
  if (v === null) return null
  return entry === 'factor' ? String(v) : typeof v === 'number' ? v : Number(v)
}

export function covariateUnit(id: StudyCovariate, entry: CovariateEntry, sosgoqVersion: string | null): string {
  switch (id) {
    case 'age':
      return 'years'
    case 'tokuhashi':
      return 'revised Tokuhashi total, points 0–15'
    case 'ecog':
      return 'ECOG-PS grade 0–5'
    case 'bilsky':
      return entry === 'numeric' ? 'ESCC grade as ordinal 0 (grade 0) … 5 (grade 3)' : 'Bilsky ESCC grade'
    case 'vas':
      return 'VAS pain 0–10'
    case 'sins':
      return 'SINS total, points 0–18'
    case 'asia':
      return entry === 'numeric' ? 'ASIA grade as ordinal 0 (A) … 4 (E)' : 'ASIA impairment grade'
    case 'sosgoq':
      return `SOSG-OQ version ${sosgoqVersion ?? '?'} score 0–100`
    default:
      return 'category'
  }
}
