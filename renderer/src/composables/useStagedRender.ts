// A long screen drawn in stages: the first stage (what the user sees on opening) at once, each
// later stage in its own task after the one before has been painted, so that opening shows the top
// of the screen without waiting for the parts below the fold. Outside a staged screen (a component
// mounted on its own) everything is drawn at once.
import { computed, inject, nextTick, provide, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue'

const KEY: InjectionKey<Readonly<Ref<number>>> = Symbol('spinemet.stagedRender')

export interface StagedRender {
  /** Back to the first stage (before the screen's content is replaced). */
  restart(): void
  /** Draws the later stages, one after each paint (call once the first stage is on screen). */
  continueAfterPaint(): void
  /** Draws every stage now (before moving the focus to a part further down). */
  finish(): Promise<void>
  /** Whether every stage is drawn. */
  complete: ComputedRef<boolean>
}

/** Provides the stages to the screen's components; `stages` is the number of the last one. */
export function provideStagedRender(stages: number): StagedRender {
  const stage = ref(stages)
  let run = 0
  provide(KEY, stage)
  return {
    complete: computed(() => stage.value >= stages),
    restart() {
      run++
      stage.value = 0
    },
    continueAfterPaint() {
      const mine = run
      const next = (): void => {
        if (mine !== run || stage.value >= stages) return
        // the animation frame comes before the paint; the task queued from it runs after it
        requestAnimationFrame(() =>
          setTimeout(() => {
            if (mine !== run) return
            stage.value++
            next()
          }, 0),
        )
      }
      next()
    },
    async finish() {
      run++
      if (stage.value >= stages) return
      stage.value = stages
      await nextTick()
    },
  }
}

/** Whether the parts of stage `n` are drawn yet. */
export function useStage(n: number): ComputedRef<boolean> {
  const stage = inject(KEY, null)
  return computed(() => stage === null || stage.value >= n)
}
