/// <reference types="vite/client" />
import type { SpinemetBridge } from '@contract/api'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  interface Window {
    /** The only door to the main process (preload in Electron; a test bridge in e2e tests). */
    readonly spinemet: SpinemetBridge
  }
}
export {}
