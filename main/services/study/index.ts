// The study use cases behind `study.*`: settings saved with the registry, running the analysis
// (registry → analysis dataset → eligibility → propensity model → matching → balance → tables →
// survival, the computation in an engine worker with progress and cancel), saved analyses, and CSV
// tables of a result.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import type { StudyAnalysisSummary, StudyExportTable, StudyResult, StudySettings, StudySettingsPatch, StudySettingsView, StudyTableCsv } from '@contract/study'
import { studySettingsSchema } from '@contract/study'
import { AppFailure } from '@contract/result'
import { patientIdsInStudyOrder, readPatientRecords } from '../../db/repositories/patient-records'
import { readMeta } from '../../db/repositories/registry-meta'
import { readRegistrySettings } from '../../db/repositories/registry-settings'
import { deleteStudyAnalysis, getStudyAnalysis, insertStudyAnalysis, listStudyAnalyses } from '../../db/repositories/study-analyses'
import { APP_VERSION, ENGINE_VERSION } from '../../version'
import type { EngineJobRunner } from '../engine-jobs'
import type { EngineJobOutput } from '../../worker/jobs'
import type { Session } from '../session'
import type { PatientAnalysisValues } from './analysis'
import { datasetSheet, renderSheet, studyTableSheet } from './csv'
import { analysisRow, type AnalysisRow } from './dataset'
import { applySettingsPatch, defaultStudySettings, readSavedSettings, saveSettings, settingsView } from './settings'

/** The registry read for an analysis: its rows and the hash of the data behind them. */
export interface RegistrySnapshot {
  rows: AnalysisRow[]
  dataHash: string
}

/** Everything one run produced: the result, and the per-patient values of the dataset CSV. */
export interface StudyRun {
  result: StudyResult
  rows: AnalysisRow[]
  patients: PatientAnalysisValues[]
}

type RecordForHash = Omit<ReturnType<typeof readPatientRecords>[number], 'identity' | 'createdAt' | 'updatedAt'>

/** Patients read between two yields to the event loop (the window stays responsive meanwhile). */
const READ_CHUNK = 1000

/**
 * Reads every patient (in study-ID order) into analysis rows, and hashes the de-identified record
 * content: SHA-256 over each record without its identity and timestamps (after the registry's
 * radiosensitivity setting when it differs from SpineMet's defaults), so the hash changes when
 * clinical data change and not when a record is merely opened or a name corrected.
 *
 * The registry is read in chunks of patients with a yield to the event loop between them, so that
 * the main process (the window's event loop) never stalls on a large registry; a write that slips
 * in between two chunks is detected by the registry stamp, and the read starts over.
 */
export async function readRegistrySnapshot(
  db: Database,
  settings: Pick<StudySettings, 'protocol'> | null,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<RegistrySnapshot & { stamp: string }> {
  for (let attempt = 0; ; attempt++) {
    const stamp = registryStamp(db)
    const ids = patientIdsInStudyOrder(db)
    const classes = readRegistrySettings(db).radiosensitivity
    const hash = crypto.createHash('sha256')
    // The registry's radiosensitivity setting decides who is eligible, so a change of it is a change
    // of the data the analysis used; with SpineMet's defaults nothing is added (the hash of the records alone).
    if (Object.keys(classes).length > 0) hash.update(`${JSON.stringify({ radiosensitivity: classes })}\n`)
    const rows: AnalysisRow[] = []
    for (let k = 0; k < ids.length; k += READ_CHUNK) {
      for (const record of readPatientRecords(db, ids.slice(k, k + READ_CHUNK))) {
        const { identity: _i, createdAt: _c, updatedAt: _u, ...clinical } = record
        hash.update(JSON.stringify(clinical satisfies RecordForHash))
        hash.update('\n')
        if (settings) rows.push(analysisRow(record, settings, classes))
      }
      onProgress(Math.min(k + READ_CHUNK, ids.length), ids.length)
      if (k + READ_CHUNK < ids.length) await new Promise((resolve) => setImmediate(resolve))
    }
    if (registryStamp(db) === stamp || attempt >= 2) return { rows, dataHash: hash.digest('hex'), stamp }
  }
}

/**
 * A cheap stamp of the registry's content: the last audit entry (every write of clinical data adds
 * one in its transaction, deletions included), the number of patients, and SQLite's data_version
 * (which changes when another connection commits to the file). Equal stamps: the records are the
 * ones read before, so the snapshot can be reused (the Study view re-runs with another caliper).
 */
function registryStamp(db: Database): string {
  const row = db.prepare('SELECT (SELECT max(id) FROM audit_log) AS audit, (SELECT count(*) FROM patients) AS patients').get() as { audit: number | null; patients: number }
  return `${row.audit ?? 0}:${row.patients}:${String(db.pragma('data_version', { simple: true }))}`
}

export class StudyService {
  private running: string | null = null
  private cancelRequested = false
  private last: StudyResult | null = null
  private cache: { db: Database; stamp: string; protocol: string | null; snapshot: RegistrySnapshot } | null = null

  constructor(
    private readonly session: Session,
    private readonly engine: EngineJobRunner,
  ) {}

  private log = (message: string): void => this.session.host.log('warn', message)

  settings(): StudySettingsView {
    return settingsView(this.session.requireDb(), this.log)
  }

  saveSettings(input: { settings?: StudySettingsPatch | undefined; reset?: boolean | undefined }): StudySettingsView {
    return saveSettings(this.session.requireDb(), input, this.log)
  }

  /** The settings a run uses: the saved ones (or the study's defaults) with the patch applied. */
  resolveSettings(patch: StudySettingsPatch | undefined): StudySettings {
    const db = this.session.requireDb()
    return applySettingsPatch(readSavedSettings(db, this.log) ?? defaultStudySettings(), patch)
  }

  async run(input: { settings?: StudySettingsPatch | undefined; save?: boolean | undefined; label?: string | undefined }): Promise<StudyResult> {
    return (await this.runFull(input)).result
  }

  /** Runs the analysis and keeps the per-patient values too (the CLI's --dataset). */
  async runFull(input: { settings?: StudySettingsPatch | undefined; save?: boolean | undefined; label?: string | undefined }): Promise<StudyRun> {
    if (this.running !== null) throw new AppFailure('DB_BUSY', 'The study analysis is already running. Wait for it to finish, or cancel it.')
    const db = this.session.requireDb()
    const settings = this.resolveSettings(input.settings)
    const conn = this.session.current!
    // 'reading' while the registry is read in the main process; then the engine job's id.
    this.running = 'reading'
    this.cancelRequested = false
    let computed: EngineJobOutput<'study'>
    let snapshot: RegistrySnapshot
    try {
      snapshot = await this.snapshot(db, settings)
      if (this.cancelRequested) throw new AppFailure('CANCELLED', 'The calculation was cancelled.')
      const job = this.engine.start('study', { rows: snapshot.rows, settings }, { transfer: false })
      this.running = job.jobId
      computed = await job.promise
    } finally {
      this.running = null
    }
    const computedAt = this.session.host.now().toISOString()
    const meta = readMeta(db)
    const result: StudyResult = {
      provenance: {
        settings,
        dataHash: snapshot.dataHash,
        patientCount: snapshot.rows.length,
        appVersion: APP_VERSION,
        engineVersion: ENGINE_VERSION,
        schemaVersion: conn.schemaVersion,
        registryFileName: path.basename(conn.path),
        registryId: meta.registry_id ?? '',
        computedAt,
        analysisId: null,
        label: input.label ?? null,
        registryChangedSince: false,
      },
      ...computed.result,
    }
    if (input.save) {
      result.provenance.analysisId = insertStudyAnalysis(db, {
        label: input.label ?? null,
        computedAt,
        settingsJson: JSON.stringify(settings),
        dataHash: snapshot.dataHash,
        patientCount: snapshot.rows.length,
        appVersion: APP_VERSION,
        engineVersion: ENGINE_VERSION,
        eligibleHt: result.flow.eligible.HT,
        eligibleTes: result.flow.eligible.TES,
        matchedPairs: result.flow.matchedPairs,
        resultJson: JSON.stringify(result),
      })
    }
    this.last = result
    return { result, rows: snapshot.rows, patients: computed.patients }
  }

  cancel(): boolean {
    if (this.running === 'reading') {
      this.cancelRequested = true
      return true
    }
    return this.running !== null && this.engine.cancel(this.running)
  }

  async analyses(): Promise<StudyAnalysisSummary[]> {
    const db = this.session.requireDb()
    const stored = listStudyAnalyses(db)
    if (stored.length === 0) return []
    const current = (await this.snapshot(db, null)).dataHash
    return stored.map((a) => ({
      id: a.id,
      label: a.label,
      computedAt: a.computedAt,
      settings: this.parseSettings(a.settingsJson),
      dataHash: a.dataHash,
      patientCount: a.patientCount,
      appVersion: a.appVersion,
      engineVersion: a.engineVersion,
      eligible: { HT: a.eligibleHt, TES: a.eligibleTes },
      matchedPairs: a.matchedPairs,
      registryChangedSince: a.dataHash !== current,
    }))
  }

  async analysis(id: number): Promise<StudyResult> {
    const db = this.session.requireDb()
    const a = getStudyAnalysis(db, id)
    if (!a) throw new AppFailure('NOT_FOUND', `There is no saved analysis number ${id}; it may have been deleted.`)
    const result = JSON.parse(a.resultJson) as StudyResult
    result.provenance.analysisId = a.id
    result.provenance.registryChangedSince = (await this.snapshot(db, null)).dataHash !== a.dataHash
    return result
  }

  deleteAnalysis(id: number): null {
    if (!deleteStudyAnalysis(this.session.requireDb(), id)) throw new AppFailure('NOT_FOUND', `There is no saved analysis number ${id}; it may have been deleted already.`)
    return null
  }

  async exportTable(input: { table: StudyExportTable; analysisId?: number | undefined; save?: boolean | undefined }): Promise<StudyTableCsv> {
    const result = input.analysisId !== undefined ? await this.analysis(input.analysisId) : this.last
    if (!result) throw new AppFailure('NOT_FOUND', 'Run the study analysis first: there is no result to export yet.')
    const sheet = studyTableSheet(result, input.table)
    const csv = renderSheet(sheet)
    const fileName = `spinemet-study-${input.table}.csv`
    let savedPath: string | null = null
    if (input.save) {
      if (!this.session.host.chooseExportPath) throw new AppFailure('CANCELLED', 'This SpineMet window cannot save files. Use the desktop application to export the table.')
      const chosen = await this.session.host.chooseExportPath(fileName, 'csv')
      if (!chosen) throw new AppFailure('CANCELLED', 'Cancelled.')
      savedPath = writeCsvFile(chosen, csv)
    }
    return { table: input.table, fileName, csv, rows: sheet.rows.length, path: savedPath }
  }

  /** The analysis dataset of a run as CSV text. */
  datasetCsv(run: StudyRun): string {
    return renderSheet(datasetSheet(run.patients, run.rows))
  }

  /** The result of the last run in this session (the printed report draws it), or null. */
  lastResult(): StudyResult | null {
    return this.last
  }

  /**
   * The registry's analysis rows (for `settings`' protocol; none when null) and data hash, reused
   * while the registry is unchanged (registryStamp).
   */
  async snapshot(db: Database, settings: Pick<StudySettings, 'protocol'> | null): Promise<RegistrySnapshot> {
    const stamp = registryStamp(db)
    const protocol = settings ? JSON.stringify(settings.protocol) : null
    const c = this.cache
    if (c && c.db === db && c.stamp === stamp && (protocol === null || c.protocol === protocol)) return protocol === null ? { rows: [], dataHash: c.snapshot.dataHash } : c.snapshot
    const label = 'Study analysis: reading the registry'
    const snapshot = await readRegistrySnapshot(db, settings, (done, total) => this.session.host.emit('job.progress', { jobId: 'study-read', done, total, label }))
    if (protocol !== null || !c || c.db !== db || c.stamp !== snapshot.stamp) this.cache = { db, stamp: snapshot.stamp, protocol, snapshot }
    return snapshot
  }

  private parseSettings(json: string): StudySettings {
    const parsed = studySettingsSchema.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : defaultStudySettings()
  }
}

/** Writes CSV text to a file (temporary file, then rename: no half-written file). Returns the path. */
export function writeCsvFile(target: string, csv: string): string {
  const file = path.resolve(path.extname(target) ? target : `${target}.csv`)
  const tmp = `${file}.${process.pid}.tmp`
  try {
    fs.writeFileSync(tmp, csv, 'utf8')
    fs.renameSync(tmp, file)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    throw new AppFailure('EXPORT_FAILED', `The table could not be written to ${path.basename(file)} (${(err as Error).message}). Choose another folder.`)
  }
  return file
}
