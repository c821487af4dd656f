// Seeds a registry with n synthetic patients in a few SQL statements (a recursive CTE), fast
// enough for 100,000 rows in a test or a benchmark. Values are deterministic in the row number and
// spread like a real registry: three arms, 25 histologies, a third eligible, most records
// incomplete, names and hospital numbers unique. The status cache is filled with values of the
// right shape (the list's speed does not depend on them being computed by the domain rules).
// Synthetic: no real patient.
import type { Database } from 'better-sqlite3'
import { HISTOLOGIES } from '../../main/domain/codes'

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Smith', 'Jones', 'Garcia', 'Müller', 'Rossi', '王', '李', '张']
const GIVEN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Anna', 'John', 'Maria', 'Peter', '伟', '芳', '娜', '敏']

export function seedSyntheticPatients(db: Database, n: number, options: { firstId?: number; at?: string } = {}): void {
  const first = options.firstId ?? 1
  const at = options.at ?? '2024-01-01T00:00:00.000Z'
  const histologies = HISTOLOGIES.map((h, i) => `SELECT ${i} AS k, '${h}' AS h`).join(' UNION ALL ')
  const surnames = SURNAMES.map((s, i) => `SELECT ${i} AS k, '${s}' AS s`).join(' UNION ALL ')
  const given = GIVEN.map((s, i) => `SELECT ${i} AS k, '${s}' AS g`).join(' UNION ALL ')
  const seq = `WITH RECURSIVE seq(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM seq WHERE i < ${first + n - 1})`
  db.transaction(() => {
    db.exec(`
      ${seq}, hist AS (${histologies})
      INSERT INTO patients (id, study_id, age_years, sex, histology, diagnosis_date, spinal_region, created_at, updated_at)
      SELECT i, printf('SM-%06d', i), 30 + (i * 37) % 50, CASE i % 2 WHEN 0 THEN 'male' ELSE 'female' END,
             (SELECT h FROM hist WHERE k = (i * 7) % ${HISTOLOGIES.length}),
             date('2012-01-01', '+' || ((i * 13) % 2600) || ' days'),
             CASE i % 4 WHEN 0 THEN 'lumbar' ELSE 'thoracic' END,
             '${at}', strftime('%Y-%m-%dT%H:%M:%fZ', '${at}', '+' || ((i * 7919) % 1000000) || ' seconds')
      FROM seq;

      ${seq}, sur AS (${surnames}), giv AS (${given})
      INSERT INTO patient_identities (patient_id, full_name, hospital_number, date_of_birth)
      SELECT i, (SELECT s FROM sur WHERE k = i % ${SURNAMES.length}) || ' ' || (SELECT g FROM giv WHERE k = (i / ${SURNAMES.length}) % ${GIVEN.length}) || ' ' || i,
             printf('H%08d', i * 3 + 1), date('1940-01-01', '+' || ((i * 31) % 18000) || ' days')
      FROM seq WHERE i % 10 <> 0;

      ${seq}
      INSERT INTO surgeries (patient_id, arm, surgery_date)
      SELECT i, CASE i % 3 WHEN 0 THEN 'HT' WHEN 1 THEN 'TES' ELSE 'other' END, date('2012-02-01', '+' || ((i * 13) % 2600) || ' days')
      FROM seq WHERE i % 20 <> 0;

      ${seq}
      INSERT INTO patient_status (patient_id, logic_version, eligibility, completeness_filled, completeness_required,
        next_follow_up_due, deceased, surgery_date, arm, updated_at)
      SELECT p.id, 1, CASE (p.id * 7) % 3 WHEN 0 THEN 'eligible' WHEN 1 THEN 'ineligible' ELSE 'unknown' END,
             CASE WHEN p.id % 5 = 0 THEN 46 ELSE (p.id * 11) % 46 END, 46,
             CASE WHEN s.surgery_date IS NULL OR p.id % 6 = 0 THEN NULL ELSE date(s.surgery_date, '+' || (30 + (p.id * 17) % 4000) || ' days') END,
             CASE WHEN p.id % 6 = 0 THEN 1 ELSE 0 END, s.surgery_date, s.arm, p.updated_at
      FROM seq JOIN patients p ON p.id = seq.i LEFT JOIN surgeries s ON s.patient_id = p.id;
    `)
  }).immediate()
}
