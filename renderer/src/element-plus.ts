// The Element Plus components SpineMet uses, registered one by one with their own styles, so that
// the bundle carries these and not the whole library (and its 385 kB stylesheet). A component used
// in a template must be listed here; an unlisted one renders as an unknown element, which the
// e2e tests would catch.
import type { App, Component } from 'vue'
import {
  ElAlert,
  ElAnchor,
  ElAnchorLink,
  ElAutoResizer,
  ElButton,
  ElCheckbox,
  ElConfigProvider,
  ElDatePickerPanel,
  ElDialog,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElForm,
  ElFormItem,
  ElInput,
  ElInputNumber,
  ElLoading,
  ElOption,
  ElOptionGroup,
  ElPagination,
  ElPopover,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElResult,
  ElSelect,
  ElStep,
  ElSteps,
  ElTable,
  ElTableColumn,
  ElTableV2,
  ElTag,
  ElTimeline,
  ElTimelineItem,
  ElTooltip,
  ElEmpty,
  ElTabPane,
  ElTabs,
} from 'element-plus'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/anchor/style/css'
import 'element-plus/es/components/anchor-link/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/checkbox/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/date-picker-panel/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/drawer/style/css'
import 'element-plus/es/components/dropdown/style/css'
import 'element-plus/es/components/dropdown-item/style/css'
import 'element-plus/es/components/dropdown-menu/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/option-group/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/popover/style/css'
import 'element-plus/es/components/progress/style/css'
import 'element-plus/es/components/radio/style/css'
import 'element-plus/es/components/radio-button/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/select/style/css'
import 'element-plus/es/components/step/style/css'
import 'element-plus/es/components/steps/style/css'
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/table-v2/style/css'
import 'element-plus/es/components/tag/style/css'
import 'element-plus/es/components/timeline/style/css'
import 'element-plus/es/components/timeline-item/style/css'
import 'element-plus/es/components/tooltip/style/css'
import 'element-plus/es/components/empty/style/css'
import 'element-plus/es/components/tab-pane/style/css'
import 'element-plus/es/components/tabs/style/css'

const COMPONENTS: Record<string, Component> = {
  ElAlert,
  ElAnchor,
  ElAnchorLink,
  ElAutoResizer,
  ElButton,
  ElCheckbox,
  ElConfigProvider,
  ElDatePickerPanel,
  ElDialog,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElForm,
  ElFormItem,
  ElInput,
  ElInputNumber,
  ElOption,
  ElOptionGroup,
  ElPagination,
  ElPopover,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElResult,
  ElSelect,
  ElStep,
  ElSteps,
  ElTable,
  ElTableColumn,
  ElTableV2,
  ElTag,
  ElTimeline,
  ElTimelineItem,
  ElTooltip,
  ElEmpty,
  ElTabPane,
  ElTabs,
}

export const elementPlus = {
  install(app: App): void {
    for (const [name, component] of Object.entries(COMPONENTS)) app.component(name, component)
    app.use(ElLoading)
  },
}
