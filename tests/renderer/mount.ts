// Mounting helpers for renderer unit tests: Element Plus and the app's i18n (English unless
// asked), and "controlled" mounting where every `update:x` event is fed back as prop `x`, as a
// parent with v-model:x would do.
import { mount, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { nextTick, type Component } from 'vue'
import { i18n } from '@/i18n'

export function mountWithApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>, locale: 'en' | 'zh-CN' = 'en') {
  i18n.global.locale.value = locale
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [ElementPlus, i18n], ...(options.global ?? {}) },
  } as ComponentMountingOptions<C>)
}

/** A mounted component whose props are read by name. */
export type Controlled = Omit<VueWrapper, 'props'> & { props(key: string): unknown }

/** Mounts with `props`; each `update:<name>` event sets prop <name> (first argument). */
export function mountControlled(component: Component, props: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en'): Controlled {
  const handlers: Record<string, (v: unknown) => void> = {}
  const holder: { w: VueWrapper | null } = { w: null }
  for (const name of Object.keys(props)) {
    handlers[`onUpdate:${name}`] = (v: unknown) => {
      void holder.w?.setProps({ [name]: v })
    }
  }
  holder.w = mountWithApp(component as never, { props: { ...props, ...handlers } } as never, locale) as VueWrapper
  return holder.w as unknown as Controlled
}

/** Dispatches a keydown with `key` on `el` (bubbling, like a real key press). */
export function pressKey(el: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  el.dispatchEvent(e)
  return e
}

/** Lets emitted updates reach the props and the DOM re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await nextTick()
}

/** Text of the element matching `selector` inside `w` ('' when absent). */
export function textOf(w: Pick<VueWrapper, 'find'>, selector: string): string {
  const el = w.find(selector)
  return el.exists() ? el.text().replace(/\s+/g, ' ').trim() : ''
}

/** Clicks the n-th radio (0-based) inside `selector`. */
export async function chooseRadio(w: Pick<VueWrapper, 'findAll'>, selector: string, n: number): Promise<void> {
  const radios = w.findAll(`${selector} input[type="radio"]`)
  const r = radios[n]
  if (!r) throw new Error(`no radio ${n} in ${selector} (found ${radios.length})`)
  await r.setValue(true)
  await settle()
}

