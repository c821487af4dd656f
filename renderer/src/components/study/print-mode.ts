// The study components draw on screen (interactive) and in the printed report (static). The report
// provides PRINT_MODE; components then leave out controls and charts become images.
import { inject, type InjectionKey } from 'vue'

export const PRINT_MODE: InjectionKey<boolean> = Symbol('sm-print-mode')

export function usePrintMode(): boolean {
  return inject(PRINT_MODE, false)
}
