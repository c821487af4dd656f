import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { EventMap } from '@contract/events'
import { AppFailure } from '@contract/result'
import {
  IMPORT_LIST_LANGUAGES,
  importMappingSchema,
  type ImportCommitResult,
  type ImportDryRun,
  type ImportMapping,
  type ImportProblem,
  type ImportSetAsideResult,
} from '@contract/import-export'
import { createRegistryFile, openReadOnlyRegistry, openRegistryFile, type RegistryConnection } from '../../db/connection'
import { createDispatch } from '../../dispatch'
import { APP_VERSION } from '../../version'
import { currentOsUser, type Host } from '../../services/host'
import { createServices } from '../../services/index'
import { describeFormat, rowCountOf } from '../../services/import/csv'
import { CSV_FIELDS } from '../../services/import/fields'
import { dryRunImport, keepSource, saveProblemList } from '../../services/import/index'
import { suggestMapping } from '../../services/import/mapping'
import { ROW_CONVENTION } from '../../services/import/problems'
import { loadImportSource } from '../../services/import/source'
import { oneOfOption, requireString, UsageError, type Command } from '../command'

function fieldList(): string {
  return CSV_FIELDS.map((f) => {
    const range = f.codes ? f.codes.labels.map((l) => l.code).join('|') : f.min !== undefined ? `${f.min}–${f.max}${f.unit ? ' ' + f.unit : ''}` : f.kind
    return `  ${f.path.padEnd(42)}${f.label} (${range})`
  }).join('\n')
}

function readMapping(file: string): ImportMapping {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new UsageError(`cannot read the mapping file ${file}: ${(err as Error).message}`)
  }
  const result = importMappingSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new UsageError(`the mapping file ${file} is not valid at ${issue.path.map(String).join('.') || 'its top level'}: ${issue.message}`)
  }
  return result.data
}

function problemLines(title: string, list: readonly ImportProblem[], total: number): string[] {
  if (list.length === 0) return []
  return [`${title} (${total}):`, ...list.map((p) => `  ${p.message}`), ...(total > list.length ? [`  … and ${total - list.length} more`] : [])]
}

function reportText(fileLine: string, mapping: ImportMapping, d: ImportDryRun, committed: string | null): string {
  const mapped = Object.entries(mapping).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null && e[1] !== undefined)
  const lines = [
    fileLine,
    `Mapping (${mapped.length} column${mapped.length === 1 ? '' : 's'}):`,
    ...mapped.map(([col, field]) => `  ${col} → ${field}`),
    ...problemLines('Problems', d.problems, d.problemCount),
    ...problemLines('Warnings', d.warnings, d.warningCount),
  ]
  if (d.problemCount > 0 || d.warningCount > 0) lines.push(ROW_CONVENTION)
  lines.push(
    `Rows: ${d.totalRows}; without errors: ${d.okRows}; duplicates: ${d.duplicates}; complications: ${d.complications}; follow-up events: ${d.followUpEvents}.`,
  )
  lines.push(committed ?? (d.canCommit ? `Dry run: ${d.wouldCreate} patients would be created${d.wouldSkip ? ` and ${d.wouldSkip} skipped` : ''}; nothing was written.` : 'Dry run: nothing was written.'))
  return lines.join('\n')
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import patients from a CSV file into a registry: all rows or none (use --dry-run to check first).',
  help: `The file may be UTF-8 (with or without BOM), UTF-16 or Chinese GB18030/GBK, separated by
commas, semicolons or tabs. Each column is mapped to a SpineMet field: SpineMet's own export maps
one to one, other headers by name in English or Chinese (住院号, 年龄, …). --mapping names a JSON
file {"file column": "field", "other column": null}; the columns it names replace the suggestion,
null leaves a column out. The patients need a study ID or a hospital number column; without a
study ID column, study IDs SM-0001… are given. Duplicates: a hospital number or study ID already
in the registry, or twice in the file, is an error unless --skip-duplicates.
The files <name>_complications.csv and <name>_follow_up.csv beside the patients file (as SpineMet's
export writes them) are imported with it, linked by patient.studyId; --no-linked leaves them out.
Dates: year first (2019-04-03, 2019/4/3, 2019年4月3日); 03/04/2019 is refused as ambiguous.
Numbers use a decimal point. Yes/no: 1/0, yes/no, 是/否. Missing: empty, NA, N/A.
${ROW_CONVENTION}
Exit code 1 (with the list of problems on stdout) when any row has an error; nothing is written then.
--problems F saves the problem list as CSV (file, row, column, value, severity, problem,
suggestion; --lang zh-CN for Chinese) whatever the outcome. --write-rejects F is the explicit
alternative to all-or-nothing: the rows without errors are imported and the others are written to
F (same columns plus one naming the problems; their complications and follow-up rows beside it as
F_complications.csv / F_follow_up.csv). Correct F and import it like any other file.
JSON fields: file, encoding, delimiter, mapping, dryRun {totalRows, okRows, problems[], problemCount,
warnings[], duplicates, wouldCreate, wouldSkip, complications, followUpEvents, canCommit},
committed {created, skipped, complications, followUpEvents} | null. Each problem: severity, code,
fileName, row, column, field, value, message.

Fields (column names of SpineMet's export):
${fieldList()}`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
    csv: { type: 'string', valueName: 'FILE', description: 'CSV file with one row per patient' },
    'dry-run': { type: 'boolean', description: 'check every row and list the problems; write nothing' },
    mapping: { type: 'string', valueName: 'FILE', description: 'JSON file: {"column": "field" | null}' },
    'skip-duplicates': { type: 'boolean', description: 'skip patients already in the registry instead of refusing the file' },
    create: { type: 'boolean', description: 'create the registry file when it does not exist yet' },
    'no-linked': { type: 'boolean', description: 'do not import the complications and follow-up files beside the CSV' },
    complications: { type: 'string', valueName: 'FILE', description: 'complications file (default: <csv>_complications.csv if present)' },
    'follow-up': { type: 'string', valueName: 'FILE', description: 'follow-up file (default: <csv>_follow_up.csv if present)' },
    problems: { type: 'string', valueName: 'FILE', description: 'save the problem list as CSV (row, column, value, problem, suggestion)' },
    'write-rejects': { type: 'string', valueName: 'FILE', description: 'import the rows without errors; write the others to FILE for correction' },
    lang: { type: 'string', valueName: 'en|zh-CN', description: 'language of the problem list and the rejects file (default en)' },
    progress: { type: 'boolean', description: 'report rows checked and written, and the time left, on stderr' },
  },
  async run({ values, io, json }) {
    const dbFile = path.resolve(io.cwd, requireString(values, 'db'))
    const csvFile = path.resolve(io.cwd, requireString(values, 'csv'))
    const exists = fs.existsSync(dbFile)
    if (!exists && values.create !== true) throw new UsageError(`${dbFile} does not exist; add --create to make a new registry there`)
    const explicit = (name: string) => (typeof values[name] === 'string' ? path.resolve(io.cwd, values[name] as string) : undefined)
    const noLinked = values['no-linked'] === true
    const source = loadImportSource(csvFile, {
      complications: noLinked ? null : explicit('complications'),
      followUp: noLinked ? null : explicit('follow-up'),
    })
    const mapping: ImportMapping = { ...suggestMapping(source.patients.header) }
    if (typeof values.mapping === 'string') Object.assign(mapping, readMapping(path.resolve(io.cwd, values.mapping)))
    const linked = [source.complications?.fileName, source.followUp?.fileName].filter((x): x is string => x !== undefined)
    const fileLine =
      `File: ${source.patients.fileName} (${describeFormat(source.patients)}), ${rowCountOf(source.patients)} rows` +
      (linked.length && !noLinked ? `; with ${linked.join(' and ')}` : '')
    const base = { file: csvFile, encoding: source.patients.encoding, delimiter: source.patients.delimiter, mapping }

    const lang = oneOfOption(values, 'lang', IMPORT_LIST_LANGUAGES) ?? 'en'
    const problemsFile = typeof values.problems === 'string' ? path.resolve(io.cwd, values.problems) : null
    const rejectsFile = typeof values['write-rejects'] === 'string' ? path.resolve(io.cwd, values['write-rejects']) : null

    // The same services and dispatch() as the app's Import screen; the "dialogs" answer with the options' files.
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-import-'))
    const host = importHost(userData, io.stderr, values.progress === true)
    const services = createServices(host)
    const dispatch = createDispatch(services.handlers)
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await dispatch(method, input)
      if (!r.ok) throw new AppFailure(r.error.code, r.error.message, r.error.details === undefined ? {} : { details: r.error.details })
      return r.value as T
    }
    const session = services.session
    try {
      const token = keepSource(session, source)
      const onDuplicate = values['skip-duplicates'] === true ? ('skip' as const) : ('refuse' as const)
      const request = { token, mapping, onDuplicate, includeLinked: !noLinked }
      // The check reads the registry without writing a byte to it (an empty one when --create will
      // make it): the services themselves, since dispatch() refuses imports into a registry open
      // read-only, as the app must.
      session.adopt(exists ? openRegistryForCheck(dbFile) : emptyRegistry(path.join(userData, 'new.sqlite')))
      const dry = await dryRunImport(session, request)
      if (problemsFile) {
        host.nextSavePath = problemsFile
        await saveProblemList(session, { ...request, language: lang })
        io.stderr(`Problem list: ${problemsFile} (${dry.problemCount + dry.warningCount} lines).\n`)
      }
      const setAside = rejectsFile !== null && values['dry-run'] !== true && dry.problemCount > 0 && dry.okRows > 0
      const fail = (message: string, d: ImportDryRun): never => {
        io.stdout(json ? JSON.stringify({ ...base, dryRun: d, committed: null }, null, 2) + '\n' : reportText(fileLine, mapping, d, null) + '\n')
        throw new AppFailure('IMPORT_FAILED', message)
      }
      if (!dry.canCommit && !setAside) {
        const n = dry.problemCount
        fail(n > 0 ? `${n} problem${n === 1 ? '' : 's'} found; nothing was imported (the list is on stdout)` : 'nothing to import: the file has no patient rows', dry)
      }
      if (values['dry-run'] === true) {
        return { json: { ...base, dryRun: dry, committed: null }, text: reportText(fileLine, mapping, dry, null) }
      }
      session.close()
      if (!exists) createRegistryFile(dbFile, { appVersion: APP_VERSION }).db.close()
      // The writing session: a verified backup first (backups/ beside the registry), then the commit.
      session.adopt(await openRegistryFile(dbFile))
      host.stage = 'commit'
      if (setAside) {
        host.nextSavePath = rejectsFile
        const r = await call<ImportSetAsideResult>('import.commitGoodRows', { ...request, language: lang })
        const text = reportText(
          fileLine,
          mapping,
          dry,
          `Imported ${r.created} patients (the rows without errors), ${r.complications} complications and ${r.followUpEvents} follow-up events into ${path.basename(dbFile)}. ` +
            `${r.rejectedRows} row${r.rejectedRows === 1 ? '' : 's'} with ${r.rejectedProblems} problem${r.rejectedProblems === 1 ? '' : 's'} written for correction to ${r.rejectsFiles.join(', ')}; correct ${path.basename(r.rejectsPath)} and import it.`,
        )
        return { json: { ...base, dryRun: dry, committed: r }, text }
      }
      const committed = await call<ImportCommitResult>('import.commit', request)
      const text = reportText(
        fileLine,
        mapping,
        dry,
        `Imported ${committed.created} patients${committed.skipped ? ` (${committed.skipped} skipped as already in the registry)` : ''}, ${committed.complications} complications and ${committed.followUpEvents} follow-up events into ${path.basename(dbFile)}.`,
      )
      return { json: { ...base, dryRun: dry, committed }, text }
    } finally {
      session.close()
      await services.engine.close()
      fs.rmSync(userData, { recursive: true, force: true })
    }
  },
}

/** The registry as the check reads it: without writing a byte to it. */
function openRegistryForCheck(dbFile: string): RegistryConnection {
  const { db, inspected } = openReadOnlyRegistry(dbFile)
  return { db, path: inspected.path, schemaVersion: inspected.header.userVersion, journalMode: inspected.journalMode === 'wal' ? 'wal' : 'delete', migrationBackupPath: null, repairedOnOpen: [], readOnly: true }
}

/** An empty registry to check a file against when --create will make the registry. */
function emptyRegistry(file: string): RegistryConnection {
  return createRegistryFile(file, { appVersion: APP_VERSION })
}

interface ImportHost extends Host {
  /** The file the next "save as" answers with (--problems, --write-rejects). */
  nextSavePath: string | null
  /** What the import is doing: its progress lines say "Checking" or "Importing". */
  stage: 'check' | 'commit'
}

/**
 * The command line's host: no windows; the save dialog answers with the file named by the option
 * being carried out; the import's progress events become lines on stderr (--progress) about twice
 * a second and at the end of each phase.
 */
function importHost(userDataDir: string, stderr: (text: string) => void, progress: boolean): ImportHost {
  let last = 0
  const host: ImportHost = {
    kind: 'cli',
    userDataDir,
    osUser: currentOsUser,
    now: () => new Date(),
    nextSavePath: null,
    stage: 'check',
    chooseNewRegistryPath: async () => null,
    chooseRegistryToOpen: async () => null,
    chooseSaveAsPath: async () => null,
    chooseExportPath: async () => host.nextSavePath,
    emit: (event, payload) => {
      if (!progress || event !== 'job.progress') return
      const rows = (payload as EventMap['job.progress']).rows
      if (!rows) return
      const now = Date.now()
      if (now - last < 500 && rows.checked < rows.total) return
      last = now
      const writing = host.stage === 'commit'
      const what = writing ? `checked ${rows.checked} and written ${rows.written} of ${rows.total} rows` : `checked ${rows.checked} of ${rows.total} rows`
      const left = rows.secondsLeft
      stderr(`${writing ? 'Importing' : 'Checking'}: ${what}${left !== null && left > 0 ? `, about ${left} s left` : ''}\n`)
    },
    log: (level, message) => {
      if (level !== 'info') stderr(`spinemet import: ${message}\n`)
    },
  }
  return host
}
