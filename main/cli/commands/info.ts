import path from 'node:path'
import { withReadOnlyRegistry } from '../../db/connection'
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index'
import { countRows, readMeta } from '../../db/repositories/registry-meta'
import { requireString, type Command } from '../command'

export const infoCommand: Command = {
  name: 'info',
  summary: 'Describe a registry file: format version, row counts and SQLite integrity check (read-only).',
  help: `JSON fields: path, schemaVersion, supportedSchemaVersion, upToDate, registryId, createdAt,
createdByAppVersion, isDemo, sizeBytes, journalMode, counts {patients, identities, assessments,
surgeries, complications, followUpEvents, auditEntries}, integrity {ok, messages}.
The file is opened read-only: an older registry is reported, not migrated.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    const report = withReadOnlyRegistry(file, (db, inspected) => {
      const upToDate = inspected.header.userVersion === LATEST_SCHEMA_VERSION
      const meta = upToDate || inspected.header.userVersion >= 1 ? readMeta(db) : {}
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
        counts: inspected.header.userVersion >= 1 ? countRows(db) : null,
        integrity: inspected.integrity,
      }
    })
    const c = report.counts
    const text = [
      `Registry   ${report.path}`,
      `Format     ${report.schemaVersion}${report.upToDate ? ' (current)' : ` (older; SpineMet will update it to ${LATEST_SCHEMA_VERSION} when opened, after a backup)`}`,
      `Created    ${report.createdAt ?? 'unknown'} by SpineMet ${report.createdByAppVersion ?? '?'}${report.isDemo ? ' — demo registry' : ''}`,
      c
        ? `Patients   ${c.patients} (identities ${c.identities}, assessments ${c.assessments}, surgeries ${c.surgeries}, complications ${c.complications}, follow-up events ${c.followUpEvents}, audit entries ${c.auditEntries})`
        : 'Patients   none (empty file)',
      `Integrity  ${report.integrity.ok ? 'ok' : 'PROBLEMS: ' + report.integrity.messages.join('; ')}`,
    ].join('\n')
    return { json: report, text }
  },
}
