// The calculators both assessments show — VAS, ASIA, SINS and SOSG-OQ — bound to one time point's
// fields of the open record: what each calculator shows, the message next to each item and where
// its changes go. The preoperative and 6-month sections bind them the same way, so the binding
// lives here once. Each binding is passed whole with v-bind: props plus `onUpdate:…` listeners.
import { computed } from 'vue'
import type { FieldPath } from '@contract/patients'
import type { AsiaGrade, SosgoqVersion, Timepoint, Vertebra } from '@domain/codes'
import { SINS_COMPONENTS, SINS_FIELDS, type SinsComponent, type SinsInput } from '@domain/scores/sins'
import { useFieldBinding } from './useFieldBinding'

type Mode = 'now' | 'typing'

export function useAssessmentScores(timepoint: Timepoint) {
  const b = useFieldBinding()
  const path = (field: string) => `${timepoint}.${field}` as FieldPath
  const vertebrae = computed(() => b.get<Vertebra[] | null>('patient.vertebrae') ?? [])

  const vas = computed(() => ({
    modelValue: b.get<number | null>(path('vasPain')),
    message: b.message(path('vasPain')),
    'onUpdate:modelValue': (v: number | null, mode: Mode) => b.set(path('vasPain'), v, mode),
    onCommit: () => b.commit(path('vasPain')),
  }))

  const asia = computed(() => ({
    modelValue: b.get<AsiaGrade | null>(path('asiaGrade')),
    message: b.message(path('asiaGrade')),
    'onUpdate:modelValue': (v: AsiaGrade | null) => b.set(path('asiaGrade'), v),
  }))

  const sins = computed(() => {
    const values = {} as Record<SinsComponent, string | null>
    const messages = {} as Record<SinsComponent, string | null>
    const listeners = {} as Record<`onUpdate:${SinsComponent}`, (v: string | null) => void>
    for (const c of SINS_COMPONENTS) {
      const p = path(SINS_FIELDS[c])
      values[c] = b.get<string | null>(p)
      messages[c] = b.message(p)
      listeners[`onUpdate:${c}`] = (v) => b.set(p, v)
    }
    return { ...(values as SinsInput), ...listeners, messages, vertebrae: vertebrae.value, pathPrefix: timepoint }
  })

  const sosgoq = computed(() => ({
    version: b.get<SosgoqVersion | null>(path('sosgoqVersion')),
    answers: b.get<(number | null)[] | null>(path('sosgoqAnswers')),
    enteredTotal: b.get<number | null>(path('sosgoqEnteredTotal')),
    pathPrefix: timepoint,
    messages: { version: b.message(path('sosgoqVersion')), answers: b.message(path('sosgoqAnswers')), enteredTotal: b.message(path('sosgoqEnteredTotal')) },
    'onUpdate:version': (v: SosgoqVersion | null) => b.set(path('sosgoqVersion'), v),
    'onUpdate:answers': (v: (number | null)[] | null) => b.set(path('sosgoqAnswers'), v),
    'onUpdate:enteredTotal': (v: number | null, mode: Mode) => b.set(path('sosgoqEnteredTotal'), v, mode),
    onCommit: () => b.commit(path('sosgoqEnteredTotal')),
  }))

  return { vertebrae, vas, asia, sins, sosgoq }
}
