// The printed documents' own entry (report.html): the report routes without the app around them.
// No header, no registry state, no Element Plus beyond the one component a report draws (the
// matching warnings' alert), so a printer's page boots in a fraction of the app's time. Both
// printers (main/electron/pdf.ts, main/print/chromium.ts) open report.html#/report/….
import { createApp, h } from 'vue'
import { createRouter, createWebHashHistory, RouterView } from 'vue-router'
import { ElAlert } from 'element-plus'
import 'element-plus/es/components/alert/style/css'
import '../styles/app.css'
import { i18n } from '../i18n'
import NomsSummary from './NomsSummary.vue'
import StudyReport from './StudyReport.vue'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/report/noms', name: 'report-noms', component: NomsSummary },
    { path: '/report/study', name: 'report-study', component: StudyReport },
  ],
})

createApp({ render: () => h(RouterView) })
  .use(i18n)
  .use(router)
  .component('ElAlert', ElAlert)
  .mount('#app')
