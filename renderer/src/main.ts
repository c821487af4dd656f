import { createApp } from 'vue'
import { elementPlus } from './element-plus'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'

const app = createApp(App)
app.use(i18n)
app.use(router)
app.use(elementPlus)
app.mount('#app')
