// Entering a complete patient by keyboard alone — every section, every calculator, a complication
// and follow-up events — against the real services and SQLite file; then reloading the page and
// finding every value, on screen and in the stored record.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { checkedValue, expectFocusIn, focusInfo, inputValue, newPatient, newRegistryByKeyboard, tabUntil, waitSaved } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

/** One keyboard step: the field that must have the focus, then the keys (text is typed, [Key] pressed). */
type Step = [path: string, ...keys: string[]]

async function run(page: Page, steps: Step[]): Promise<void> {
  for (const [path, ...keys] of steps) {
    await expectFocusIn(page, path)
    for (const k of keys) {
      if (/^\[.+\]$/.test(k)) await page.keyboard.press(k.slice(1, -1))
      else await page.keyboard.type(k, { delay: 5 })
    }
  }
}

const SOSGOQ_PREOP = '43434343434343434343' + '1212121' // items 1–20 alternate 4/3 → (75+50)/2 = 62.5; 21–27 post-therapy
const SOSGOQ_MONTH6 = '21212121212121212121' + '1111111' // → (25+0)/2 = 12.5

describe('patient record by keyboard alone', () => {
  it('enters a complete patient, reloads, and finds every value on screen and in the registry', async () => {
    app = await launchApp({ viewport: { width: 1400, height: 900 } })
    const { page } = app
    await newRegistryByKeyboard(app)

    // New patient from the list (Ctrl+Shift+N); the record opens with the focus in its first field.
    await newPatient(app)

    await run(page, [
      // Identity & diagnosis
      ['identity.fullName', 'Wang Min', '[Tab]'],
      ['identity.hospitalNumber', 'H-204611', '[Enter]'],
      ['identity.dateOfBirth', '1958-04-12', '[Enter]'],
      ['patient.studyId', '[Control+A]', 'SM-0042', '[Tab]'],
      ['patient.ageYears', '60', '[Tab]'],
      ['patient.sex', '1', '[Tab]'],
      ['patient.histology', 'Renal', '[Enter]', '[Tab]'],
      ['patient.histologyDetail', 'Clear-cell RCC', '[Tab]'],
      ['patient.diagnosisDate', '2019-01-20', '[Tab]'],
      ['patient.radiosensitivity', '[Tab]'], // kidney: radioresistant from the histology, no override
      ['patient.spinalRegion', '2', '[Enter]'],
      ['patient.vertebrae', 'T9', '[Enter]', '[Escape]', '[Tab]'],
      ['patient.primaryControlled', '1', '[Tab]'],
      ['patient.surgicalContraindication', '2', '[Tab]'],
      ['patient.previousSpinalResection', '2', '[Tab]'],
      ['patient.notes', 'Referred from oncology.', '[Tab]'],
      // Preoperative assessment
      ['preop.assessedOn', '2019-02-25', '[Enter]'],
      ['preop.ecog', '1', '[Tab]'],
      ['preop.tokuhashiEnteredTotal', '[Tab]'], // the switch items / total only: items stay selected
      ['preop.kps', '70', '[Enter]', '[Tab]'],
      ['preop.tokuhashiExtraspinalBoneFoci', '0', '[Tab]'],
      ['preop.tokuhashiVertebralMetastases', '1', '[Tab]'],
      ['preop.tokuhashiVisceral', '3', '[Tab]'],
      ['preop.tokuhashiFrankel', 'd', '[Enter]'],
      ['preop.bilskyGrade', '2', '[Tab]'], // the key is the grade
      ['preop.sinsEnteredTotal', '[Tab]'],
      ['preop.sinsLocation', '3', '[Tab]'],
      ['preop.sinsPain', '1', '[Tab]'],
      ['preop.sinsBoneLesion', '1', '[Tab]'],
      ['preop.sinsAlignment', '3', '[Tab]'],
      ['preop.sinsCollapse', '2', '[Tab]'],
      ['preop.sinsPosterolateral', '2', '[Tab]'],
      ['preop.asiaGrade', 'd', '[Tab]'],
      ['preop.vasPain', '7.2', '[Tab]'],
      ['preop.sosgoqVersion', '1', '[Tab]'],
      ['preop.sosgoq', '[Tab]'], // mode: item answers
      ['preop.sosgoqAnswers', SOSGOQ_PREOP], // each answer moves to the next item, the last to the next field
      ['preop.myelopathy', '2', '[Tab]'],
      ['preop.toleratesSurgery', '1', '[Tab]'],
      // Surgery
      ['surgery.arm', '1', '[Tab]'],
      ['surgery.surgeryDate', '2019-03-01', '[Tab]'],
      ['surgery.fixationLevelsAbove', '2', '[Tab]'],
      ['surgery.fixationLevelsBelow', '2', '[Tab]'],
      ['surgery.procedureDetail', 'Posterior separation surgery, T7-T11 fixation', '[Tab]'],
      // Perioperative course
      ['surgery.admissionDate', '2019-02-24', '[Tab]'],
      ['surgery.dischargeDate', '2019-03-12', '[Tab]'],
      ['surgery.operativeTimeMin', '245', '[Tab]'],
      ['surgery.bloodLossMl', '650', '[Tab]'],
      ['surgery.marginStatus', '1', '[Tab]'],
      ['surgery.srsDate', '2019-03-25', '[Tab]'],
      ['surgery.srsDoseGy', '24', '[Tab]'],
      ['surgery.srsFractions', '1', '[Tab]'],
      // a complication: Add (Enter), choose the kind by typing, then grade, onset date, description
      ['surgery.complications', '[Enter]'],
      ['surgery.complications', 'Pneumonia', '[Enter]'],
    ])
    await page.getByTestId('complication-row').waitFor()
    await run(page, [
      ['surgery.complications', '2', '[Tab]'], // Clavien–Dindo II
      ['surgery.complications', '2019-03-05', '[Tab]'],
      ['surgery.complications', 'Treated with antibiotics', '[Tab]'],
    ])
    await tabUntil(page, (f) => f.path === 'month6.assessedOn')
    await run(page, [
      // 6-month outcomes
      ['month6.assessedOn', '2019-09-02', '[Tab]'],
      ['month6.ecog', '0', '[Tab]'],
      ['month6.tokuhashiEnteredTotal', '[Tab]'], // the switch items / total only: items stay selected
      ['month6.kps', '90', '[Enter]', '[Tab]'],
      ['month6.tokuhashiExtraspinalBoneFoci', '0', '[Tab]'],
      ['month6.tokuhashiVertebralMetastases', '1', '[Tab]'],
      ['month6.tokuhashiVisceral', '3', '[Tab]'],
      ['month6.tokuhashiFrankel', 'e', '[Enter]'],
      ['month6.bilskyGrade', '0', '[Tab]'],
      ['month6.sinsEnteredTotal', '[Tab]'],
      ['month6.sinsLocation', '3', '[Tab]'],
      ['month6.sinsPain', '3', '[Tab]'],
      ['month6.sinsBoneLesion', '3', '[Tab]'],
      ['month6.sinsAlignment', '3', '[Tab]'],
      ['month6.sinsCollapse', '2', '[Tab]'],
      ['month6.sinsPosterolateral', '3', '[Tab]'],
      ['month6.asiaGrade', 'e', '[Tab]'],
      ['month6.vasPain', '1.2', '[Tab]'],
      ['month6.sosgoqVersion', '1', '[Tab]'],
      ['month6.sosgoq', '[Tab]'],
      ['month6.sosgoqAnswers', SOSGOQ_MONTH6],
      ['month6.myelopathy', '2', '[Tab]'],
      ['month6.toleratesSurgery', '1', '[Tab]'],
    ])

    // Follow-up events: Add (Enter), kind by number key, date, then a note on the saved event.
    const events: [kind: string, date: string, note: string][] = [
      ['1', '2020-03-01', 'MRI: no progression'],
      ['2', '2020-09-15', 'Local progression at T9'],
      ['3', '2021-06-30', 'Died of pulmonary metastases'],
    ]
    for (const [i, [kind, date, note]] of events.entries()) {
      await tabUntil(page, (f) => f.testid === 'add-followup')
      await page.keyboard.press('Enter')
      await page.getByTestId('followup-draft').waitFor()
      await run(page, [['followUp.lastContact', kind, '[Tab]'], ['followUp.lastContact', date, '[Tab]']])
      await page.getByTestId('followup-row').nth(i).waitFor()
      await page.getByTestId('followup-draft').waitFor({ state: 'detached' })
      expect((await focusInfo(page)).tag).toBe('input') // the note of the event just saved
      await page.keyboard.type(note)
      await page.keyboard.press('Tab')
    }
    await waitSaved(page)

    // ---- what the screen computed ----
    const form = page.getByTestId('record-form')
    expect(await form.locator('#sec-preop [data-testid="tokuhashi-total"] [data-role="total"]').innerText()).toBe('11')
    expect(await form.locator('#sec-month6 [data-testid="tokuhashi-total"] [data-role="total"]').innerText()).toBe('13')
    expect(await page.locator('#sec-preop [data-testid="sins-total"] [data-role="total"]').innerText()).toBe('9')
    expect(await page.locator('#sec-month6 [data-testid="sins-total"] [data-role="total"]').innerText()).toBe('3')
    expect(await page.locator('#sec-preop [data-testid="sosgoq-result"] [data-role="total"]').innerText()).toBe('62.5')
    expect(await page.getByTestId('change-sosgoq').innerText()).toContain('improved by 50 points (lower is better)')
    expect(await page.getByTestId('change-asia').innerText()).toContain('D → E (improved by 1 grade(s))')
    expect(await page.getByTestId('derived-los').innerText()).toContain('16 d')
    expect(await page.getByTestId('derived-hours').innerText()).toContain('4.1 h')
    expect(await page.getByTestId('derived-srs-interval').innerText()).toContain('24 d')
    expect(await page.getByTestId('endpoint-local-control').innerText()).toMatch(/^18\.5 months \(event, 15 Sept? 2020\)$/)
    expect(await page.getByTestId('endpoint-overall-survival').innerText()).toMatch(/^28 months \(event, 30 Jun 2021\)$/)
    expect(await page.locator('[data-testid="panel-eligibility"] [data-role="eligibility-status"]').innerText()).toBe('Eligible')
    expect(await page.getByTestId('panel-completeness').innerText()).toContain('Every field the study needs is filled in.')

    // ---- reload: every value comes back from the registry ----
    await app.reload()
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    await page.locator('#sec-followUp [data-testid="followup-row"]').nth(2).waitFor()
    expect(await inputValue(page, 'identity.fullName')).toBe('Wang Min')
    expect(await inputValue(page, 'identity.hospitalNumber')).toBe('H-204611')
    expect(await inputValue(page, 'identity.dateOfBirth')).toBe('1958-04-12')
    expect(await inputValue(page, 'patient.studyId')).toBe('SM-0042')
    expect(await inputValue(page, 'patient.ageYears')).toBe('60')
    expect(await checkedValue(page, 'patient.sex')).toBe('male')
    expect(await page.locator('[data-path="patient.histology"] .el-select__wrapper').innerText()).toBe('Renal cell carcinoma')
    expect(await page.locator('[data-path="patient.vertebrae"] .el-tag').innerText()).toBe('T9')
    expect(await checkedValue(page, 'patient.spinalRegion')).toBe('thoracic')
    expect(await checkedValue(page, 'patient.primaryControlled')).toBe('true')
    expect(await checkedValue(page, 'patient.surgicalContraindication')).toBe('false')
    expect(await page.locator('[data-path="patient.notes"] textarea').inputValue()).toBe('Referred from oncology.')
    expect(await checkedValue(page, 'preop.ecog')).toBe('1')
    expect(await page.locator('[data-path="preop.kps"] .el-select__wrapper').innerText()).toBe('70 %')
    expect(await checkedValue(page, 'preop.bilskyGrade')).toBe('2')
    expect(await checkedValue(page, 'preop.asiaGrade')).toBe('D')
    expect(await inputValue(page, 'preop.vasPain')).toBe('7.2')
    expect(await checkedValue(page, 'surgery.arm')).toBe('HT')
    expect(await inputValue(page, 'surgery.operativeTimeMin')).toBe('245')
    expect(await inputValue(page, 'surgery.srsDate')).toBe('2019-03-25')
    expect(await page.getByTestId('complication-row').count()).toBe(1)
    expect(await page.locator('#sec-preop [data-testid="tokuhashi-total"] [data-role="total"]').innerText()).toBe('11')

    // ---- and in the registry, read through the services ----
    const r = await app.services.handlers['patients.get']({ id: 1 })
    const rec = r.record
    expect(rec.identity).toEqual({ fullName: 'Wang Min', hospitalNumber: 'H-204611', dateOfBirth: '1958-04-12' })
    expect(rec.patient).toMatchObject({
      studyId: 'SM-0042',
      ageYears: 60,
      sex: 'male',
      histology: 'kidney',
      histologyDetail: 'Clear-cell RCC',
      radiosensitivity: null,
      diagnosisDate: '2019-01-20',
      spinalRegion: 'thoracic',
      vertebrae: ['T9'],
      primaryControlled: true,
      surgicalContraindication: false,
      previousSpinalResection: false,
      notes: 'Referred from oncology.',
    })
    expect(rec.preop).toMatchObject({
      assessedOn: '2019-02-25',
      kps: 70,
      ecog: 1,
      tokuhashiExtraspinalBoneFoci: 0,
      tokuhashiVertebralMetastases: 1,
      tokuhashiVisceral: 'none',
      tokuhashiFrankel: 'D',
      bilskyGrade: '2',
      sinsLocation: 'semi_rigid',
      sinsPain: 'mechanical',
      sinsBoneLesion: 'lytic',
      sinsAlignment: 'normal',
      sinsCollapse: 'under_50',
      sinsPosterolateral: 'unilateral',
      asiaGrade: 'D',
      vasPain: 7.2,
      myelopathy: false,
      toleratesSurgery: true,
      sosgoqVersion: '1.0',
      sosgoqEnteredTotal: null,
    })
    expect(rec.preop.sosgoqAnswers).toEqual(SOSGOQ_PREOP.split('').map(Number))
    expect(rec.month6).toMatchObject({
      assessedOn: '2019-09-02',
      ecog: 0,
      kps: 90,
      tokuhashiExtraspinalBoneFoci: 0,
      tokuhashiVertebralMetastases: 1,
      tokuhashiVisceral: 'none',
      tokuhashiFrankel: 'E',
      bilskyGrade: '0',
      myelopathy: false,
      toleratesSurgery: true,
      vasPain: 1.2,
      sosgoqVersion: '1.0',
      sinsLocation: 'semi_rigid',
      sinsPain: 'pain_free',
      sinsBoneLesion: 'blastic',
      sinsAlignment: 'normal',
      sinsCollapse: 'under_50',
      sinsPosterolateral: 'none',
      asiaGrade: 'E',
    })
    expect(rec.month6.sosgoqAnswers).toEqual(SOSGOQ_MONTH6.split('').map(Number))
    expect(rec.surgery).toEqual({
      arm: 'HT',
      admissionDate: '2019-02-24',
      surgeryDate: '2019-03-01',
      dischargeDate: '2019-03-12',
      procedureDetail: 'Posterior separation surgery, T7-T11 fixation',
      fixationLevelsAbove: 2,
      fixationLevelsBelow: 2,
      operativeTimeMin: 245,
      bloodLossMl: 650,
      marginStatus: 'negative',
      srsDate: '2019-03-25',
      srsDoseGy: 24,
      srsFractions: 1,
    })
    expect(rec.complications.map(({ id: _id, ...c }) => c)).toEqual([{ kind: 'pneumonia', grade: 'II', onsetDate: '2019-03-05', description: 'Treated with antibiotics' }])
    expect(rec.followUp.map(({ id: _id, ...e }) => e)).toEqual([
      { kind: 'contact', eventDate: '2020-03-01', note: 'MRI: no progression' },
      { kind: 'local_progression', eventDate: '2020-09-15', note: 'Local progression at T9' },
      { kind: 'death', eventDate: '2021-06-30', note: 'Died of pulmonary metastases' },
    ])
    expect(r.derived.tokuhashi.total).toBe(11)
    expect(r.eligibility.status).toBe('eligible')
    expect(r.completeness.missing).toEqual([])
    expect(app.pageErrors).toEqual([])
    expect(app.blockedRequests).toEqual([])
  }, 180_000) // some 600 keystrokes, the 6-month visit included: slow on a loaded machine
})
