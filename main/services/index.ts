import type { Handlers } from '../dispatch'
import * as registry from './registry'
import * as patients from './patients'
import { exportAudit } from './audit-export'
import * as csvImport from './import/index'
import { exportCsv } from './export/index'
import { exportRedcapFiles } from './export/redcap'
import * as backups from './backups'
import * as integrity from './integrity'
import { Session } from './session'
import * as settings from './settings'
import * as reports from './reports'
import * as nomsReports from './reports-noms'
import { EngineJobRunner } from './engine-jobs'
import type { Host } from './host'
import { StudyService } from './study/index'
import { StudyReportService } from './study-report/index'

export interface Services {
  session: Session
  handlers: Handlers
  /** Runs statistics engine jobs in worker threads (for the study services). */
  engine: EngineJobRunner
  /** The study analysis (settings, runs, saved analyses). */
  study: StudyService
}

/** Wires every contract method to its service function. Adapters receive only `handlers`. */
export function createServices(host: Host): Services {
  const session = new Session(host)
  const engine = new EngineJobRunner(host) // workers start with the first job
  const study = new StudyService(session, engine)
  const studyReport = new StudyReportService(session, study)
  const handlers: Handlers = {
    'app.info': () => registry.appInfo(session),
    'app.setLanguage': (input) => {
      host.setLanguage?.(input.language)
      return null
    },
    'registry.current': () => registry.currentRegistry(session),
    'registry.create': () => registry.createRegistry(session),
    'registry.open': (input) => registry.openRegistry(session, input),
    'registry.openDemo': (input) => registry.openDemoRegistry(session, input),
    'registry.saveAs': () => registry.saveRegistryAs(session),
    'registry.close': () => registry.closeRegistry(session),
    'registry.recent': () => registry.recentRegistries(session),
    'registry.forgetRecent': (input) => registry.forgetRecentRegistry(session, input),
    'registry.info': () => session.info({ fullIntegrityCheck: true }),
    'patients.list': (input) => patients.listPatientPage(session, input),
    'patients.get': (input) => patients.getPatient(session, input),
    'patients.create': (input) => patients.createPatient(session, input),
    'patients.update': (input) => patients.updatePatientField(session, input),
    'patients.delete': (input) => patients.deletePatient(session, input),
    'patients.addComplication': (input) => patients.addComplication(session, input),
    'patients.updateComplication': (input) => patients.updateComplicationOf(session, input),
    'patients.removeComplication': (input) => patients.removeComplication(session, input),
    'patients.addFollowUp': (input) => patients.addFollowUp(session, input),
    'patients.updateFollowUp': (input) => patients.updateFollowUpOf(session, input),
    'patients.removeFollowUp': (input) => patients.removeFollowUp(session, input),
    'patients.audit': (input) => patients.patientAudit(session, input),
    'patients.setMissingCode': (input) => patients.setMissingCode(session, input),
    'patients.setFormStatus': (input) => patients.setFormStatus(session, input),
    'patients.exportAudit': (input) => exportAudit(session, input),
    'import.preview': () => csvImport.previewImport(session),
    'import.dryRun': (input) => csvImport.dryRunImport(session, input),
    'import.commit': (input) => csvImport.commitImportRequest(session, input),
    'import.cancel': (input) => csvImport.cancelImport(session, input),
    'import.discard': (input) => csvImport.discardImport(session, input),
    'import.commitGoodRows': (input) => csvImport.commitGoodRowsRequest(session, input),
    'import.saveProblems': (input) => csvImport.saveProblemList(session, input),
    'export.csv': (input) => exportCsv(session, input),
    'export.redcap': (input) => exportRedcapFiles(session, input),
    'study.settings': () => study.settings(),
    'study.saveSettings': (input) => study.saveSettings(input),
    'study.run': (input) => study.run(input),
    'study.cancel': () => study.cancel(),
    'study.analyses': () => study.analyses(),
    'study.analysis': (input) => study.analysis(input.id),
    'study.deleteAnalysis': (input) => study.deleteAnalysis(input.id),
    'study.exportTable': (input) => study.exportTable(input),
    'settings.get': () => settings.getSettings(session),
    'settings.update': (input) => settings.updateSettings(session, input),
    'reports.nomsSummary': (input) => nomsReports.nomsSummary(session, input),
    'reports.exportNomsPdf': (input) => nomsReports.exportNomsPdf(session, input),
    'reports.openPdf': (input) => reports.openReportPdf(session, input),
    'reports.studyReport': (input) => studyReport.model(input),
    'reports.exportStudyPdf': (input) => studyReport.exportPdf(input),
    'registry.backups': () => backups.listBackups(session),
    'registry.backup': () => backups.backupNow(session),
    'registry.restore': (input) => backups.restoreFromBackup(session, input),
    'registry.auditChain': () => integrity.auditChainStatus(session),
    'registry.openDamagedReadOnly': () => integrity.openDamagedReadOnly(session),
    'export.salvage': (input) => integrity.salvageExport(session, input),
  }
  // A registry open read-only refuses every change in words; autosaves wait their turn visibly.
  return { session, handlers: integrity.waitTurnForSaves(session, integrity.refuseWritesWhenReadOnly(session, csvImport.guardWhileImporting(session, handlers))), engine, study }
}
