// Shared print infrastructure of the services: the facts of every page footer, the report routes
// the printers load, and saving a printed PDF where the user chooses. A report model is built from
// a database handle (so the CLI can build it from a read-only registry) and printed by the host:
// Electron's printToPDF in the app (main/electron/pdf.ts), headless Chromium in the CLI and tests
// (main/print/chromium.ts).
import fs from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { ReportFooter, ReportLanguage, SavedPdf } from '@contract/reports'
import type { PaperSize } from '../domain/registry-settings'
import { APP_NAME, APP_VERSION, ENGINE_VERSION } from '../version'
import { countPdfPages } from '../print/pdf-pages'
import type { Session } from './session'

/** Where the data of a report come from. */
export interface ReportSource {
  db: Database
  fileName: string
  schemaVersion: number
  now: Date
}

export function reportFooter(source: ReportSource): ReportFooter {
  const patientCount = (source.db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n
  return {
    appName: APP_NAME,
    appVersion: APP_VERSION,
    engineVersion: ENGINE_VERSION,
    registryFileName: source.fileName,
    schemaVersion: source.schemaVersion,
    patientCount,
    generatedAt: source.now.toISOString(),
  }
}

export function sessionReportSource(session: Session): ReportSource {
  const db = session.requireDb()
  const conn = session.current!
  return { db, fileName: path.basename(conn.path), schemaVersion: conn.schemaVersion, now: session.host.now() }
}

/** A report route of the renderer (hash path and query) and the paper it is printed on. */
export interface ReportPrintRequest {
  /** e.g. `/report/noms?ids=1,2&identified=0&lang=en` */
  route: string
  paperSize: PaperSize
  lang: ReportLanguage
}

export function reportRoute(name: 'noms', query: Record<string, string>): string {
  return `/report/${name}?${new URLSearchParams(query).toString()}`
}

/** PDFs written in this session: the only files `reports.openPdf` will open. */
const writtenPdfs = new Set<string>()

/** Prints a report through the host and saves it where the user chooses. */
export async function exportReportPdf(session: Session, request: ReportPrintRequest, defaultFileName: string): Promise<SavedPdf> {
  const host = session.host
  if (!host.printReportPdf || !host.chooseExportPath) {
    throw new AppFailure('EXPORT_FAILED', 'This SpineMet cannot print here. Use the desktop app or the command line (npm run cli -- noms).')
  }
  const target = await host.chooseExportPath(defaultFileName, 'pdf')
  if (!target) throw new AppFailure('CANCELLED', 'Cancelled.')
  const file = path.extname(target) ? target : target + '.pdf'
  const pdf = await host.printReportPdf(request)
  try {
    fs.writeFileSync(file, pdf)
  } catch (err) {
    throw new AppFailure('EXPORT_FAILED', `SpineMet could not write ${path.basename(file)}: ${(err as Error).message}. Choose another folder.`)
  }
  writtenPdfs.add(path.resolve(file))
  host.log('info', 'report saved', { route: request.route.split('?')[0], bytes: pdf.length })
  return { path: file, fileName: path.basename(file), pages: countPdfPages(pdf) }
}

export async function openReportPdf(session: Session, input: { path: string }): Promise<null> {
  const file = path.resolve(input.path)
  if (!writtenPdfs.has(file)) throw new AppFailure('INVALID_INPUT', 'SpineMet opens only documents it saved in this session.', { field: 'path' })
  if (!session.host.openPath) throw new AppFailure('EXPORT_FAILED', 'This SpineMet cannot open files in the system viewer.')
  await session.host.openPath(file)
  return null
}
