import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type { PatientListPage, PatientListRow, PatientSortKey, patientListQuery } from '@contract/patients'
import { stmt } from '../statement-cache'

type Query = z.output<typeof patientListQuery>

const SORT_SQL: Record<PatientSortKey, string> = {
  studyId: 'p.study_id',
  fullName: 'i.full_name COLLATE NOCASE',
  hospitalNumber: 'i.hospital_number',
  ageYears: 'p.age_years',
  surgeryDate: 's.surgery_date',
  updatedAt: 'p.updated_at',
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => '\\' + m)
}

/** One page of the patient list, filtered and sorted in SQL (indexes keep it fast at 100k rows). */
export function listPatients(db: Database, q: Query): PatientListPage {
  const where: string[] = []
  const params: Record<string, string | number> = {}
  const search = q.search?.trim()
  if (search) {
    params.search = `%${escapeLike(search)}%`
    where.push(`(p.study_id LIKE @search ESCAPE '\\' OR i.full_name LIKE @search ESCAPE '\\' OR i.hospital_number LIKE @search ESCAPE '\\')`)
  }
  if (q.arm) {
    params.arm = q.arm
    where.push('s.arm = @arm')
  }
  if (q.sex) {
    params.sex = q.sex
    where.push('p.sex = @sex')
  }
  if (q.histology) {
    params.histology = q.histology
    where.push('p.histology = @histology')
  }
  const from = `FROM patients p
    LEFT JOIN patient_identities i ON i.patient_id = p.id
    LEFT JOIN surgeries s ON s.patient_id = p.id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`
  const total = (stmt(db, `SELECT count(*) AS n ${from}`).get(params) as { n: number }).n
  const dir = q.sortDir === 'desc' ? 'DESC' : 'ASC'
  // NULLs last whatever the direction; the study id breaks ties so paging is stable.
  const order = `${SORT_SQL[q.sortBy]} IS NULL, ${SORT_SQL[q.sortBy]} ${dir}, p.study_id ${dir}`
  const rows = stmt(
    db,
    `SELECT p.id, p.study_id, i.full_name, i.hospital_number, p.age_years, p.sex, p.histology,
            s.arm, s.surgery_date, p.updated_at
     ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: q.limit, offset: q.offset }) as Record<string, unknown>[]
  return {
    total,
    offset: q.offset,
    rows: rows.map(
      (r): PatientListRow => ({
        id: Number(r.id),
        studyId: r.study_id as string,
        fullName: (r.full_name as string | null) ?? null,
        hospitalNumber: (r.hospital_number as string | null) ?? null,
        ageYears: (r.age_years as number | null) ?? null,
        sex: (r.sex as PatientListRow['sex']) ?? null,
        histology: (r.histology as PatientListRow['histology']) ?? null,
        arm: (r.arm as PatientListRow['arm']) ?? null,
        surgeryDate: (r.surgery_date as string | null) ?? null,
        updatedAt: r.updated_at as string,
      }),
    ),
  }
}
