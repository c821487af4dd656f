import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import StartView from './views/StartView.vue'
import PatientListView from './views/PatientListView.vue'
import ImportView from './views/ImportView.vue'
import ExportView from './views/ExportView.vue'
import { useRegistry } from './composables/useRegistry'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'start', component: StartView },
  { path: '/patients', name: 'patients', component: PatientListView, meta: { needsRegistry: true } },
  { path: '/import', name: 'import', component: ImportView, meta: { needsRegistry: true } },
  { path: '/export', name: 'export', component: ExportView, meta: { needsRegistry: true } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

// Views that show registry data need an open registry; without one the start screen is shown.
router.beforeEach(async (to) => {
  const registry = useRegistry()
  if (!registry.state.loaded) await registry.refresh()
  if (to.meta.needsRegistry && !registry.isOpen.value) return { name: 'start' }
  return true
})
