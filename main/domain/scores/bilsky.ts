// Bilsky epidural spinal cord compression (ESCC) scale (Bilsky et al., J Neurosurg Spine
// 2010;13(3):324–328), docs/clinical-reference.md §3. Graded on axial T2 MRI at the level of worst compression.
// Stored as a string code; never averaged, never parsed to an integer (1a/1b/1c would collapse).
import { BILSKY_GRADES, type BilskyGrade } from '../codes'

/** Ordinal for sorting only. */
export function bilskyOrdinal(grade: BilskyGrade): number {
  return BILSKY_GRADES.indexOf(grade)
}

/** High-grade ESCC = grades 2 and 3 (Bilsky 2010; the reference study's inclusion criterion). */
export function isHighGradeEscc(grade: BilskyGrade): boolean {
  return grade === '2' || grade === '3'
}
