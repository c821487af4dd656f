import fs from 'node:fs'
import path from 'node:path'
import { AppFailure } from '@contract/result'
import { openReadOnlyRegistry } from '../../db/connection'
import { BACKUP_FOLDER, countBackupPatients, listBackupFiles, writeBackup } from '../../db/backups'
import { restoreRegistryFile } from '../../services/backups'
import { requireString, type Command } from '../command'

// backup, backups, restore: the same verified online backups the app takes, from the command line.

const RETENTION = `Backups live in a "${BACKUP_FOLDER}" folder beside the registry, named <registry>.<UTC time>.<reason>.sqlite.
SpineMet takes one at opening (at most one a day), before every import, before deleting a patient
(at most one an hour), before updating the registry format, before a restore and before "demo --force"
replaces a demo registry. Kept: every backup before an import or a format update and every manual one;
the newest 7 daily backups plus the newest of each of the 4 weeks before them; the newest 10 of the
other kinds. Each backup is checked with SQLite's integrity check before it is kept.`

export const backupCommand: Command = {
  name: 'backup',
  summary: `Take a verified backup of a registry now (into ${BACKUP_FOLDER}/ beside it, or --out FILE). The registry is only read.`,
  help: `${RETENTION}\nJSON fields: path, fileName, createdAt, reason, sizeBytes, patients.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
    out: { type: 'string', valueName: 'FILE', description: 'write the backup to this file instead (never overwritten; not rotated)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    const out = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : undefined
    const { db } = openReadOnlyRegistry(file)
    try {
      const b = await writeBackup(db, file, 'manual', new Date(), out === undefined ? {} : { out })
      const patients = countBackupPatients(b.path)
      return { json: { ...b, patients }, text: `Backup of ${path.basename(file)} written and verified (${patients ?? '?'} patients):\n  ${b.path}` }
    } finally {
      db.close()
    }
  },
}

export const backupsCommand: Command = {
  name: 'backups',
  summary: 'List the backups of a registry, newest first: date, reason, patients, size.',
  help: `${RETENTION}\nJSON: an array of {path, fileName, createdAt, reason, sizeBytes, patients}.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    const list = listBackupFiles(file).map((b) => ({ ...b, patients: countBackupPatients(b.path) }))
    const text =
      list.length === 0
        ? `No backups of ${path.basename(file)} in ${path.join(path.dirname(file), BACKUP_FOLDER)}.`
        : [
            `Backups of ${path.basename(file)} (${path.join(path.dirname(file), BACKUP_FOLDER)}):`,
            ...list.map((b) => `  ${b.createdAt.replace('T', ' ').slice(0, 19)} UTC  ${b.reason.padEnd(13)} ${String(b.patients ?? '?').padStart(7)} patients  ${b.fileName}`),
          ].join('\n')
    return { json: list, text }
  },
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace a registry with one of its backups (the current state is backed up first).',
  help: `--from takes a file name from "backups" or a path to any SpineMet registry file. The backup is checked
before anything changes; the current registry is then backed up (reason pre-restore, kept even if
damaged) and replaced. JSON fields: restoredFrom, safetyBackup, patients.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file to restore (.sqlite)' },
    from: { type: 'string', valueName: 'BACKUP', description: 'backup file name (from "backups") or path' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    const from = requireString(values, 'from')
    const listed = listBackupFiles(file).find((b) => b.fileName === from)
    const source = listed ? listed.path : path.resolve(io.cwd, from)
    if (!fs.existsSync(source)) {
      throw new AppFailure('DB_NOT_FOUND', `There is no backup ${from}: run "backups --db ${path.basename(file)}" for the list.`)
    }
    const r = await restoreRegistryFile(file, source, new Date())
    return {
      json: r,
      text: `Restored ${path.basename(file)} from ${r.restoredFrom} (${r.patients} patients).\nThe state it replaced was backed up as ${r.safetyBackup}.`,
    }
  },
}
