import { createRouter, createWebHashHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import StartView from './views/StartView.vue'
import { useRegistry } from './composables/useRegistry'

// The CSV import/export screens live in views/Import*.vue and views/Export*.vue (their own
// module); whichever exists in this build is used, else a placeholder.
const pages = import.meta.glob<{ default: RouteComponent }>(['./views/Import*.vue', './views/Export*.vue'])
const placeholder = () => import('./views/PlaceholderView.vue')
function page(...candidates: string[]) {
  for (const c of candidates) {
    const loader = pages[`./views/${c}.vue`]
    if (loader) return loader
  }
  return placeholder
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'start', component: StartView },
  // Loaded when first shown: the start screen does not wait for the list and record code.
  { path: '/patients', name: 'patients', component: () => import('./views/PatientListView.vue'), meta: { needsRegistry: true } },
  { path: '/patients/:id(\\d+)', name: 'patient', component: () => import('./views/PatientRecordView.vue'), meta: { needsRegistry: true } },
  { path: '/import', name: 'import', component: page('ImportView', 'ImportExportView'), meta: { needsRegistry: true } },
  { path: '/export', name: 'export', component: page('ExportView', 'ImportExportView'), meta: { needsRegistry: true } },
  { path: '/study', name: 'study', component: () => import('./views/StudyView.vue'), meta: { needsRegistry: true } },
  { path: '/settings', name: 'settings', component: () => import('./views/RegistrySettingsView.vue'), meta: { needsRegistry: true } },
  // Printed documents: drawn without the app's header, from a model the main process builds.
  { path: '/report/noms', name: 'report-noms', component: () => import('./report/NomsSummary.vue'), meta: { report: true } },
  { path: '/report/study', name: 'report-study', component: () => import('./report/StudyReport.vue'), meta: { report: true } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

// Views that show registry data need an open registry; without one the start screen is shown.
router.beforeEach(async (to) => {
  if (to.meta.report) return true
  const registry = useRegistry()
  if (!registry.state.loaded) await registry.refresh()
  if (to.meta.needsRegistry && !registry.isOpen.value) return { name: 'start' }
  return true
})
