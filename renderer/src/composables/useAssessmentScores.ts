// The calculators both assessments show — ECOG, Tokuhashi (with KPS), Bilsky, SINS, ASIA, VAS and
// SOSG-OQ — bound to one time point's fields of the open record: what each calculator shows, the message next to each item and where
// its changes go. The preoperative and 6-month sections bind them the same way, so the binding
// lives here once. Each binding is passed whole with v-bind: props plus `onUpdate:…` listeners.
import { computed } from 'vue'
import type { FieldPath } from '@contract/patients'
import type { AsiaGrade, BilskyGrade, FrankelGrade, Histology, SosgoqVersion, Timepoint, TokuhashiVisceral, Vertebra } from '@domain/codes'
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
    const entered = path('sinsEnteredTotal')
    return {
      ...(values as SinsInput),
      ...listeners,
      messages: { ...messages, enteredTotal: b.message(entered) },
      vertebrae: vertebrae.value,
      pathPrefix: timepoint,
      enteredTotal: b.get<number | null>(entered),
      'onUpdate:enteredTotal': (v: number | null, m: Mode) => b.set(entered, v, m),
      onCommit: () => b.commit(entered),
    }
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

  const num = (field: string): number | null => b.get<number | null>(path(field))

  const ecog = computed(() => ({
    modelValue: num('ecog'),
    kps: num('kps'),
    message: b.message(path('ecog')),
    testid: timepoint === 'preop' ? 'calc-ecog' : `calc-ecog-${timepoint}`,
    'onUpdate:modelValue': (v: number | null) => b.set(path('ecog'), v),
  }))

  const tokuhashi = computed(() => ({
    kps: num('kps'),
    extraspinalBoneFoci: num('tokuhashiExtraspinalBoneFoci'),
    vertebralMetastases: num('tokuhashiVertebralMetastases'),
    visceral: b.get<TokuhashiVisceral | null>(path('tokuhashiVisceral')),
    frankel: b.get<FrankelGrade | null>(path('tokuhashiFrankel')),
    histology: b.get<Histology | null>('patient.histology'),
    primaryPoints: b.get<number | null>('patient.tokuhashiPrimaryPoints'),
    asiaGrade: b.get<AsiaGrade | null>(path('asiaGrade')),
    vertebraeListed: vertebrae.value.length || null,
    pathPrefix: timepoint,
    testid: timepoint === 'preop' ? 'calc-tokuhashi' : `calc-tokuhashi-${timepoint}`,
    enteredTotal: num('tokuhashiEnteredTotal'),
    messages: {
      enteredTotal: b.message(path('tokuhashiEnteredTotal')),
      kps: b.message(path('kps')),
      extraspinalBoneFoci: b.message(path('tokuhashiExtraspinalBoneFoci')),
      vertebralMetastases: b.message(path('tokuhashiVertebralMetastases')),
      visceral: b.message(path('tokuhashiVisceral')),
      primaryPoints: b.message('patient.tokuhashiPrimaryPoints'),
      frankel: b.message(path('tokuhashiFrankel')),
    },
    'onUpdate:kps': (v: number | null) => b.set(path('kps'), v),
    'onUpdate:extraspinalBoneFoci': (v: number | null, m: Mode) => b.set(path('tokuhashiExtraspinalBoneFoci'), v, m),
    'onUpdate:vertebralMetastases': (v: number | null, m: Mode) => b.set(path('tokuhashiVertebralMetastases'), v, m),
    'onUpdate:visceral': (v: TokuhashiVisceral | null) => b.set(path('tokuhashiVisceral'), v),
    'onUpdate:primaryPoints': (v: number | null) => b.set('patient.tokuhashiPrimaryPoints', v),
    'onUpdate:frankel': (v: FrankelGrade | null) => b.set(path('tokuhashiFrankel'), v),
    'onUpdate:enteredTotal': (v: number | null, m: Mode) => b.set(path('tokuhashiEnteredTotal'), v, m),
    onCommit: (f: string) =>
      b.commit(
        f === 'extraspinalBoneFoci' ? path('tokuhashiExtraspinalBoneFoci') : f === 'enteredTotal' ? path('tokuhashiEnteredTotal') : path('tokuhashiVertebralMetastases'),
      ),
  }))

  const bilsky = computed(() => ({
    modelValue: b.get<BilskyGrade | null>(path('bilskyGrade')),
    message: b.message(path('bilskyGrade')),
    testid: timepoint === 'preop' ? 'calc-bilsky' : `calc-bilsky-${timepoint}`,
    'onUpdate:modelValue': (v: BilskyGrade | null) => b.set(path('bilskyGrade'), v),
  }))

  return { vertebrae, vas, asia, sins, sosgoq, ecog, tokuhashi, bilsky }
}
