import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type { PatientListPage, PatientListRow, PatientSortKey, patientListQuery } from '@contract/patients'
import { addDays } from '@domain/dates'
import { FOLLOW_UP_GRACE_DAYS } from '@domain/derived'
import { FORM_SECTIONS, type FormSection, type FormStatus } from '@domain/missing-codes'
import { stmt } from '../statement-cache'

type Query = z.output<typeof patientListQuery>

// The patient list, filtered, sorted and paged in SQL. Built to stay fast at 100,000 patients:
// - every filter is answered by an index: the status cache (migration 0002) for arm, eligibility,
//   incomplete and overdue, patients_histology for histology, the FTS5 trigram index for search;
// - the page is found on the narrow tables first (ids only), and names, hospital numbers and the
//   other columns are read for the rows of that page only;
// - the identity table is joined for the id query only when it sorts by name or hospital number.
// tests/services/patients-list-plan.test.ts checks the plans with EXPLAIN QUERY PLAN at 100,000 rows;
// scripts/bench-registry.ts times them.

interface SortSpec {
  sql: string
  /** Columns that can be NULL sort NULL last in both directions. */
  nullable: boolean
  identity?: boolean
}

const SORT: Record<PatientSortKey, SortSpec> = {
  studyId: { sql: 'p.study_id', nullable: false },
  fullName: { sql: 'i.full_name COLLATE NOCASE', nullable: true, identity: true },
  hospitalNumber: { sql: 'i.hospital_number', nullable: true, identity: true },
  ageYears: { sql: 'p.age_years', nullable: true },
  histology: { sql: 'p.histology', nullable: true },
  arm: { sql: 'st.arm', nullable: true },
  surgeryDate: { sql: 'st.surgery_date', nullable: true },
  eligibility: { sql: 'st.eligibility', nullable: false },
  completeness: { sql: '(st.completeness_filled * 1.0 / st.completeness_required)', nullable: false },
  nextFollowUpDue: { sql: 'st.next_follow_up_due', nullable: true },
  updatedAt: { sql: 'st.updated_at', nullable: false },
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => '\\' + m)
}

/** The date before which a scheduled visit is overdue on `today` (more than the grace period ago). */
export function overdueBefore(today: string): string {
  return addDays(today, -FOLLOW_UP_GRACE_DAYS)
}

export interface BuiltListQuery {
  countSql: string
  idsSql: string
  params: Record<string, string | number>
}

/**
 * The SQL of one list query (exported for the query-plan tests). `searchHistologies`: the
 * histology codes whose names match the search text (the service knows the names); a patient with
 * one of them is found too, through the histology index.
 */
export function buildListQuery(q: Query, today: string, searchHistologies: readonly string[] = []): BuiltListQuery {
  const where: string[] = []
  const params: Record<string, string | number> = {}
  /** A filter on one value: `column = @name` when the query sets it. */
  const equals = (name: 'arm' | 'eligibility' | 'sex' | 'histology', column: string) => {
    const v = q[name]
    if (!v) return
    params[name] = v
    where.push(`${column} = @${name}`)
  }
  const search = q.search?.trim()
  if (search) {
    const byHistology = searchHistologies.map((code, i) => {
      params[`sh${i}`] = code
      return `@sh${i}`
    })
    const orHistology = byHistology.length ? ` OR st.patient_id IN (SELECT id FROM patients WHERE histology IN (${byHistology.join(', ')}))` : ''
    if ([...search].length >= 3) {
      // FTS5 trigram: a quoted phrase matches anywhere in the text, case-insensitively, by index.
      params.match = `"${search.replace(/"/g, '""')}"`
      where.push(`(st.patient_id IN (SELECT rowid >> 1 FROM patient_search WHERE patient_search MATCH @match)${orHistology})`)
    } else {
      // One or two characters have no trigram: scan the three narrow indexes that hold the text
      // (study id, name, hospital number) — covering index scans, never the tables themselves.
      params.like = `%${escapeLike(search)}%`
      where.push(
        `(st.patient_id IN (SELECT id FROM patients WHERE study_id LIKE @like ESCAPE '\\'
          UNION ALL SELECT patient_id FROM patient_identities WHERE full_name LIKE @like ESCAPE '\\'
          UNION ALL SELECT patient_id FROM patient_identities WHERE hospital_number LIKE @like ESCAPE '\\')${orHistology})`,
      )
    }
  }
  equals('arm', 'st.arm')
  equals('eligibility', 'st.eligibility')
  if (q.incomplete) where.push('st.completeness_filled < st.completeness_required')
  if (q.overdue) {
    params.overdueBefore = overdueBefore(today)
    where.push('st.next_follow_up_due < @overdueBefore')
  }
  equals('sex', 'p.sex')
  equals('histology', 'p.histology')
  if (q.formStatus) where.push(formStatusFilter(q.formStatus, q.formSection, params))
  const sort = SORT[q.sortBy]
  // patients is always joined: the study id breaks ties in every sort.
  const joins = ['JOIN patients p ON p.id = st.patient_id', sort.identity ? 'LEFT JOIN patient_identities i ON i.patient_id = st.patient_id' : ''].join(' ')
  const whereSql = where.length ? 'WHERE ' + where.join(' AND ') : ''
  const dir = q.sortDir === 'desc' ? 'DESC' : 'ASC'
  // NULLs last whatever the direction; the study id breaks ties so that paging is stable.
  const order = `${sort.sql} ${dir}${sort.nullable ? ' NULLS LAST' : ''}${q.sortBy === 'studyId' ? '' : `, p.study_id ${dir}`}`
  const countJoins = where.some((w) => w.includes('p.')) ? 'JOIN patients p ON p.id = st.patient_id' : ''
  return {
    countSql: `SELECT count(*) FROM patient_status st ${countJoins} ${whereSql}`,
    idsSql: `SELECT st.patient_id FROM patient_status st ${joins} ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    params,
  }
}

/**
 * The form-status filter (migration 0007's form_status, index form_status_by_status). A section
 * without a row is incomplete. Without a section the record's status is its lowest section's.
 */
function formStatusFilter(status: FormStatus, section: FormSection | undefined, params: Record<string, string | number>): string {
  if (section !== undefined) {
    params.formSection = section
    if (status === 'incomplete') {
      return `st.patient_id NOT IN (SELECT patient_id FROM form_status WHERE section = @formSection AND status IN ('complete', 'verified'))`
    }
    params.formStatus = status
    return 'st.patient_id IN (SELECT patient_id FROM form_status WHERE section = @formSection AND status = @formStatus)'
  }
  params.formSections = FORM_SECTIONS.length
  const atLeastComplete = `(SELECT patient_id FROM form_status WHERE status IN ('complete', 'verified') GROUP BY patient_id HAVING count(*) = @formSections)`
  const allVerified = `(SELECT patient_id FROM form_status WHERE status = 'verified' GROUP BY patient_id HAVING count(*) = @formSections)`
  if (status === 'verified') return `st.patient_id IN ${allVerified}`
  if (status === 'complete') return `st.patient_id IN ${atLeastComplete} AND st.patient_id NOT IN ${allVerified}`
  return `st.patient_id NOT IN ${atLeastComplete}`
}

/** One page of the patient list. `today` (ISO) decides which visits are overdue. */
export function listPatients(db: Database, q: Query, today: string, searchHistologies: readonly string[] = []): PatientListPage {
  const built = buildListQuery(q, today, searchHistologies)
  const total = stmt(db, built.countSql).pluck().get(built.params) as number
  const registryTotal = Object.keys(built.params).length === 0 && !/WHERE/.test(built.countSql) ? total : (stmt(db, 'SELECT count(*) FROM patient_status').pluck().get() as number)
  const ids = stmt(db, built.idsSql)
    .pluck()
    .all({ ...built.params, limit: q.limit, offset: q.offset }) as number[]
  if (ids.length === 0) return { total, registryTotal, offset: q.offset, rows: [] }
  const rows = stmt(
    db,
    `SELECT p.id, p.study_id, i.full_name, i.hospital_number, p.age_years, p.sex, p.histology,
            st.arm, st.surgery_date, st.eligibility, st.completeness_filled, st.completeness_required,
            st.next_follow_up_due, st.updated_at
     FROM json_each(@ids) j
     JOIN patients p ON p.id = j.value
     JOIN patient_status st ON st.patient_id = p.id
     LEFT JOIN patient_identities i ON i.patient_id = p.id
     ORDER BY j.key`,
  ).all({ ids: JSON.stringify(ids) }) as Record<string, unknown>[]
  const limit = overdueBefore(today)
  return {
    total,
    registryTotal,
    offset: q.offset,
    rows: rows.map((r): PatientListRow => {
      const due = (r.next_follow_up_due as string | null) ?? null
      return {
        id: Number(r.id),
        studyId: r.study_id as string,
        fullName: (r.full_name as string | null) ?? null,
        hospitalNumber: (r.hospital_number as string | null) ?? null,
        ageYears: (r.age_years as number | null) ?? null,
        sex: (r.sex as PatientListRow['sex']) ?? null,
        histology: (r.histology as PatientListRow['histology']) ?? null,
        arm: (r.arm as PatientListRow['arm']) ?? null,
        surgeryDate: (r.surgery_date as string | null) ?? null,
        eligibility: r.eligibility as PatientListRow['eligibility'],
        completenessFilled: Number(r.completeness_filled),
        completenessRequired: Number(r.completeness_required),
        nextFollowUpDue: due,
        followUpOverdue: due !== null && due < limit,
        updatedAt: r.updated_at as string,
      }
    }),
  }
}
