// The patient flow says why the excluded patients' model covariates are missing, beside the
// exclusion ("SINS: Not done 2; VAS: Unknown 1"), in the UI language.
import { afterEach, describe, expect, it } from 'vitest'
import type { StudyFlow } from '@contract/study'
import StudyFlowView from '@/components/study/StudyFlow.vue'
import { PRINT_MODE } from '@/components/study/print-mode'
import { mountWithApp } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

const flow: StudyFlow = {
  screened: 20,
  excluded: [
    {
      key: 'caseDataComplete',
      reason: { kind: 'criterion', criterion: 'caseDataComplete', criterionKind: 'exclusion' },
      count: 4,
      studyIds: ['SM-01', 'SM-02', 'SM-03', 'SM-04'],
      patientIds: [1, 2, 3, 4],
      missingReasons: [
        { covariate: 'sins', reasons: { notDone: 2 } },
        { covariate: 'vas', reasons: { unknown: 1, notEntered: 1 } },
      ],
    },
    { key: 'ecogAtMost3', reason: { kind: 'criterion', criterion: 'ecogAtMost3', criterionKind: 'inclusion' }, count: 1, studyIds: ['SM-05'], patientIds: [5] },
  ],
  failingByCriterion: [],
  eligible: { HT: 7, TES: 8 },
  matchedPairs: 6,
  matched: { HT: 6, TES: 6 },
  unmatched: { HT: { count: 1, studyIds: ['SM-06'], patientIds: [6] }, TES: { count: 2, studyIds: ['SM-07', 'SM-08'], patientIds: [7, 8] } },
}

// drawn as in the printed report (no CSV button, which would ask the main process for the last run)
const options = { props: { flow }, global: { provide: { [PRINT_MODE as symbol]: true } } }
const reasons = (w: ReturnType<typeof mountWithApp>, key: string) => w.find(`[data-testid="flow-reasons-${key}"]`)

describe('StudyFlow: why covariates are missing', () => {
  it('names each covariate and its missing-data codes under the exclusion', () => {
    const w = mountWithApp(StudyFlowView, options)
    expect(w.find('[data-testid="flow-excluded-caseDataComplete"]').text()).toContain('4')
    expect(reasons(w, 'caseDataComplete').text()).toBe('SINS: Not done 2; VAS: Unknown 1, Not entered 1')
    // an exclusion without missing covariates says nothing more
    expect(reasons(w, 'ecogAtMost3').exists()).toBe(false)
  })

  it('says it in Chinese', () => {
    const w = mountWithApp(StudyFlowView, options, 'zh-CN')
    expect(reasons(w, 'caseDataComplete').text()).toBe('SINS：未做 2；VAS：不详 1，未录入 1')
  })
})
