import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import StartView from './views/StartView.vue'
import { useRegistry } from './composables/useRegistry'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'start', component: StartView },
  // Loaded when first shown: the start screen does not wait for the list and record code.
  { path: '/patients', name: 'patients', component: () => import('./views/PatientListView.vue'), meta: { needsRegistry: true } },
  { path: '/patients/:id(\\d+)', name: 'patient', component: () => import('./views/PatientRecordView.vue'), meta: { needsRegistry: true } },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { needsRegistry: true } },
  { path: '/export', name: 'export', component: () => import('./views/ExportView.vue'), meta: { needsRegistry: true } },
  { path: '/study', name: 'study', component: () => import('./views/StudyView.vue'), meta: { needsRegistry: true } },
  { path: '/settings', name: 'settings', component: () => import('./views/RegistrySettingsView.vue'), meta: { needsRegistry: true } },
  // Printed documents (/report/…) have their own entry, report.html (report/main.ts).
]

export const router = createRouter({ history: createWebHashHistory(), routes })

// Views that show registry data need an open registry; without one the start screen is shown.
router.beforeEach(async (to) => {
  const registry = useRegistry()
  if (!registry.state.loaded) await registry.refresh()
  if (to.meta.needsRegistry && !registry.isOpen.value) return { name: 'start' }
  return true
})
