import fs from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppFailure, fail, ok } from '@contract/result'
import { nomsSummaryRequest, REPORT_LANGUAGES, type NomsSummaryModel } from '@contract/reports'
import { withReadOnlyRegistry } from '../../db/connection'
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index'
import type { Dispatch } from '../../dispatch'
import { countPdfPages } from '../../print/pdf-pages'
import { startChromiumReportPrinter, type PrintTimings } from '../../print/chromium'
import { buildNomsSummaryModel, nomsSummaryRoute } from '../../services/reports-noms'
import { oneOfOption, requireString, UsageError, type Command } from '../command'

/** Record numbers for `--patient`: study ids (SM-0001), record numbers (#12), a comma list of either, or `all`. */
function resolvePatients(db: Database, spec: string): number[] {
  if (spec === 'all') return db.prepare('SELECT id FROM patients ORDER BY study_id').pluck().all() as number[]
  return spec.split(',').map((raw) => {
    const s = raw.trim()
    const byStudyId = db.prepare('SELECT id FROM patients WHERE study_id = ? COLLATE NOCASE').pluck().get(s) as number | undefined
    if (byStudyId !== undefined) return byStudyId
    const m = /^#?(\d+)$/.exec(s)
    if (m && db.prepare('SELECT 1 FROM patients WHERE id = ?').get(Number(m[1])) !== undefined) return Number(m[1])
    throw new AppFailure('NOT_FOUND', `There is no patient "${s}" in this registry. Give a study ID (e.g. SM-0001), a record number, or "all".`)
  })
}

/** A dispatch that answers the report page's one call with the model built from the read-only registry. */
function modelDispatch(model: NomsSummaryModel): Dispatch {
  return async (method, input) => {
    if (method !== 'reports.nomsSummary') return fail('UNKNOWN_METHOD', `The printed page asked for ${String(method)}, which the command line does not serve.`)
    const parsed = nomsSummaryRequest.safeParse(input)
    const ids = model.patients.map((p) => p.patientId)
    if (!parsed.success || parsed.data.identified !== model.identified || parsed.data.patientIds.join(',') !== ids.join(',')) {
      return fail('INVALID_INPUT', 'The printed page asked for other patients than the command line prepared.')
    }
    return ok(model)
  }
}

/** What `--json` prints for one patient: the NOMS assessment, the pathway, the rule and what is missing. */
function jsonOf(model: NomsSummaryModel) {
  return model.patients.map((p) => ({
    studyId: p.studyId,
    assessment: {
      neurologic: p.noms.result.neurologic,
      oncologic: p.noms.result.oncologic,
      mechanical: p.noms.result.mechanical,
      systemic: p.noms.result.systemic,
      inputs: p.noms.inputs,
    },
    pathway: p.noms.result.decision,
    ruleIds: p.noms.rows.map((r) => `noms-row-${r}`),
    missingInputs: p.noms.result.missing,
    notes: p.noms.result.notes,
    todo: p.noms.todo,
    eligibility: { status: p.eligibility.status, failed: p.eligibility.failed, unknown: p.eligibility.unknown },
  }))
}

function pathwayText(p: NomsSummaryModel['patients'][number]): string {
  const d = p.noms.result.decision
  const one = (x: typeof d): string =>
    x.kind === 'treatment' ? `${x.treatment} (NOMS row ${x.row})` : x.kind === 'flag' ? `undecided: ${x.flag}` : `if stable ${one(x.ifStable)}; if unstable ${one(x.ifUnstable)}`
  const missing = p.noms.result.missing.length ? `; missing: ${p.noms.result.missing.join(', ')}` : ''
  return `${p.studyId}: ${one(d)}${missing}`
}

export const nomsCommand: Command = {
  name: 'noms',
  summary: 'NOMS summary for the tumour board: one page per patient as PDF, or the assessment as JSON (read-only).',
  help: `--patient takes a study ID (SM-0001), a record number, a comma-separated list of either, or "all"
(one PDF, one page per patient). --out writes the PDF with headless Chromium (needs \`npm run build\`
once and Debian's chromium, or SPINEMET_CHROMIUM=/path/to/chrome). Without --out nothing is printed
to PDF. De-identified (study ID only) unless --identified adds names and hospital numbers.
JSON (--json): one object per patient with studyId, assessment {neurologic, oncologic, mechanical,
systemic, inputs}, pathway (the decision: treatment + row, a flag, or both SINS branches), ruleIds
(noms-row-N of Laufer 2013's table), missingInputs, notes, todo and eligibility; with --out also
pdf {path, pages}. Decision support for a multidisciplinary team, not a substitute for clinical
judgement.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
    patient: { type: 'string', valueName: 'ID', description: 'study ID, record number, comma list, or "all"' },
    out: { type: 'string', valueName: 'FILE.pdf', description: 'write the summary as PDF' },
    lang: { type: 'string', valueName: 'en|zh-CN', description: 'language of the PDF (default en)' },
    identified: { type: 'boolean', description: 'print names and hospital numbers' },
  },
  async run({ values, io }) {
    const dbFile = path.resolve(io.cwd, requireString(values, 'db'))
    const spec = requireString(values, 'patient')
    const lang = oneOfOption(values, 'lang', REPORT_LANGUAGES) ?? 'en'
    const out = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : null
    if (values.out !== undefined && !out) throw new UsageError('--out needs a file name')
    const identified = values.identified === true
    const model = withReadOnlyRegistry(dbFile, (db, inspected) => {
      if (inspected.header.userVersion !== LATEST_SCHEMA_VERSION) {
        throw new AppFailure(
          'INVALID_INPUT',
          `${path.basename(dbFile)} uses registry format ${inspected.header.userVersion}; this SpineMet reads format ${LATEST_SCHEMA_VERSION}. Open it once in SpineMet (it is updated after a backup), then print.`,
        )
      }
      const patientIds = resolvePatients(db, spec)
      if (patientIds.length === 0) throw new AppFailure('NOT_FOUND', 'The registry has no patients.')
      return buildNomsSummaryModel({ db, fileName: path.basename(dbFile), schemaVersion: inspected.header.userVersion, now: new Date() }, { patientIds, identified })
    })
    let pdf: { path: string; pages: number } | null = null
    if (out) {
      const t0 = performance.now()
      const printer = await startChromiumReportPrinter(modelDispatch(model))
      const chromiumStartMs = performance.now() - t0
      const timings: PrintTimings = { pageReadyMs: 0, pdfMs: 0 }
      try {
        const bytes = await printer.print({ route: nomsSummaryRoute({ patientIds: model.patients.map((p) => p.patientId), identified, lang }), paperSize: model.paperSize, lang }, timings)
        // SPINEMET_TIMINGS=1: where printing spent its time (as `report` does)
        if (process.env.SPINEMET_TIMINGS === '1') {
          io.stderr(`timings: Chromium start ${(chromiumStartMs / 1000).toFixed(3)} s, page ready ${(timings.pageReadyMs / 1000).toFixed(3)} s, page.pdf ${(timings.pdfMs / 1000).toFixed(3)} s\n`)
        }
        fs.mkdirSync(path.dirname(out), { recursive: true })
        fs.writeFileSync(out, bytes)
        pdf = { path: out, pages: countPdfPages(bytes) }
      } finally {
        await printer.close()
      }
    }
    const patients = jsonOf(model)
    const json = patients.length === 1 && spec !== 'all' && !spec.includes(',') ? { ...patients[0], pdf } : { patients, pdf }
    const lines = model.patients.map(pathwayText)
    if (pdf) lines.push(`Wrote ${pdf.path} (${pdf.pages} page${pdf.pages === 1 ? '' : 's'}, ${identified ? 'IDENTIFIED' : 'de-identified'}, ${lang}).`)
    lines.push('Decision support for a multidisciplinary team, not a substitute for clinical judgement.')
    return { json, text: lines.join('\n') }
  },
}
