import path from 'node:path'
import { withReadOnlyRegistry } from '../../db/connection'
import { classifyIntegrity } from '../../db/integrity'
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index'
import { countRows, readMeta } from '../../db/repositories/registry-meta'
import { verifyAuditChain } from '../../db/audit-chain'

/** Registry format from which the audit trail is hash-chained. */
const AUDIT_CHAIN_VERSION = 5
import { requireString, type Command } from '../command'

export const infoCommand: Command = {
  name: 'info',
  summary: 'Describe a registry file: format version, row counts and SQLite integrity check (read-only).',
  help: `JSON fields: path, schemaVersion, supportedSchemaVersion, upToDate, registryId, createdAt,
createdByAppVersion, isDemo, sizeBytes, journalMode, counts {patients, identities, assessments,
surgeries, complications, followUpEvents, auditEntries}, integrity {ok, messages}.
The file is opened read-only: an older registry is reported, not migrated, and nothing is written
beside it (no -wal/-shm files). Exit code 1 when the integrity check reports problems or the audit trail's hash chain is broken
(auditChain {intact, entries, brokenAtId, reason}).`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    let clinicalDamage = false
    const report = withReadOnlyRegistry(file, (db, inspected) => {
      // Damage outside the rebuildable structures: SpineMet refuses the file and offers read-only access.
      if (!inspected.integrity.ok) clinicalDamage = !classifyIntegrity(db, inspected.integrity.messages).derivedOnly
      const upToDate = inspected.header.userVersion === LATEST_SCHEMA_VERSION
      // A damaged file may fail these reads: the report still comes out, with the integrity problems.
      const attempt = <T>(read: () => T): T | null => {
        try {
          return read()
        } catch {
          return null
        }
      }
      const meta = (inspected.header.userVersion >= 1 ? attempt(() => readMeta(db)) : null) ?? {}
      return {
        path: inspected.path,
        schemaVersion: inspected.header.userVersion,
        supportedSchemaVersion: LATEST_SCHEMA_VERSION,
        upToDate,
        registryId: meta.registry_id ?? null,
        createdAt: meta.created_at ?? null,
        createdByAppVersion: meta.created_by_app_version ?? null,
        isDemo: meta.demo_seed !== undefined,
        sizeBytes: inspected.header.sizeBytes,
        journalMode: inspected.journalMode,
        counts: inspected.header.userVersion >= 1 ? attempt(() => countRows(db)) : null,
        integrity: inspected.integrity,
        // The hash chain exists from registry format 5 on (migration audit-chain).
        auditChain: inspected.header.userVersion >= AUDIT_CHAIN_VERSION ? attempt(() => verifyAuditChain(db)) : null,
      }
    })
    const c = report.counts
    const text = [
      `Registry   ${report.path}`,
      `Format     ${report.schemaVersion}${report.upToDate ? ' (current)' : ` (older; SpineMet will update it to ${LATEST_SCHEMA_VERSION} when opened, after a backup)`}`,
      `Created    ${report.createdAt ?? 'unknown'} by SpineMet ${report.createdByAppVersion ?? '?'}${report.isDemo ? ' — demo registry' : ''}`,
      c
        ? `Patients   ${c.patients} (identities ${c.identities}, assessments ${c.assessments}, surgeries ${c.surgeries}, complications ${c.complications}, follow-up events ${c.followUpEvents}, audit entries ${c.auditEntries})`
        : report.schemaVersion === 0
          ? 'Patients   none (empty file)'
          : 'Patients   could not be counted (see Integrity)',
      `Integrity  ${report.integrity.ok ? 'ok' : 'PROBLEMS: ' + report.integrity.messages.join('; ')}`,
      `Audit      ${
        report.auditChain === null
          ? report.schemaVersion >= AUDIT_CHAIN_VERSION
            ? 'could not be read'
            : 'not chained yet (older format; chained when SpineMet opens the file)'
          : report.auditChain.intact
            ? `chain intact (${report.auditChain.entries} entries)`
            : `CHAIN BROKEN at entry ${report.auditChain.brokenAtId}: ${report.auditChain.reason}`
      }`,
      ...(clinicalDamage
        ? [
            'Damaged    in its clinical data: SpineMet refuses to open it for editing. Restore a backup (restore --db FILE --from BACKUP),',
            '           or export what can be read: export --db FILE --csv OUT.csv --salvage',
          ]
        : []),
    ].join('\n')
    // A registry that fails SQLite's integrity check is reported in full, then exits 1 so that
    // scripts and schedulers notice.
    const chainBroken = report.auditChain !== null && !report.auditChain.intact
    return { json: report, text, exitCode: report.integrity.ok && !chainBroken ? 0 : 1 }
  },
}
