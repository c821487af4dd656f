// Keyboard-first data entry: Enter moves to the next field (in Tab order), and helpers to find
// and focus fields. Radio groups count as one stop (the checked radio, or the first).
const TABBABLE = 'input, select, textarea, button, [tabindex]:not([tabindex="-1"])'

function isVisible(el: HTMLElement): boolean {
  if (el.hidden) return false
  // happy-dom has no layout; treat elements as visible there unless hidden by attribute/style
  const style = window.getComputedStyle(el)
  return style.visibility !== 'hidden' && style.display !== 'none'
}

function isTabbable(el: HTMLElement): boolean {
  if ((el as HTMLInputElement).disabled) return false
  if (el.getAttribute('tabindex') === '-1') return false
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false
  return isVisible(el)
}

/** Tab stops in DOM order, with each radio group reduced to its checked (or first) radio. */
export function tabStops(root: ParentNode = document): HTMLElement[] {
  const all = Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(isTabbable)
  const seenGroups = new Set<string>()
  const out: HTMLElement[] = []
  for (const el of all) {
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      if (seenGroups.has(el.name)) continue
      seenGroups.add(el.name)
      const group = all.filter((x): x is HTMLInputElement => x instanceof HTMLInputElement && x.type === 'radio' && x.name === el.name)
      out.push(group.find((r) => r.checked) ?? el)
      continue
    }
    out.push(el)
  }
  return out
}

/** The first of `tabStops(root)`, found without checking every element after it. */
export function firstTabStop(root: ParentNode = document): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(TABBABLE)) {
    if (!isTabbable(el)) continue
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const checked = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="radio"]')).find((r) => r.name === el.name && r.checked && isTabbable(r))
      return checked ?? el
    }
    return el
  }
  return null
}

/** Whether Enter should move on from this element (fields do; buttons, links and text areas don't). */
export function isField(el: HTMLElement): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement) return false
  if (el instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'file'].includes(el.type)
  return el.getAttribute('role') === 'combobox'
}

/** Moves focus to the next field after `from` (skipping buttons), within `root`. */
export function focusNextField(from: HTMLElement, root: ParentNode = document): boolean {
  const stops = tabStops(root)
  let i = stops.indexOf(from)
  if (i < 0) {
    // `from` may be a radio that is not the group's stop
    i = stops.findIndex((s) => s instanceof HTMLInputElement && from instanceof HTMLInputElement && s.type === 'radio' && s.name === from.name)
  }
  for (let j = i + 1; j < stops.length; j++) {
    const el = stops[j]!
    if (isField(el) || el.getAttribute('data-enter-stop') !== null) {
      el.focus()
      return true
    }
  }
  return false
}

/** Focuses the first field inside `container` (used by "go to missing field" links). */
export function focusFirstField(container: HTMLElement): boolean {
  const stop = firstTabStop(container)
  if (!stop) return false
  stop.focus()
  return true
}

/**
 * Capture-phase keydown handler for a data-entry area: Enter moves to the next field. Selects
 * with an open dropdown keep Enter (it picks the option); a date picker commits its typed text
 * on blur, so moving on is enough.
 */
export function enterMovesOn(root: HTMLElement) {
  return (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.isComposing) return
    const target = e.target as HTMLElement | null
    if (!target || !root.contains(target) || !isField(target)) return
    if (target.getAttribute('role') === 'combobox' && !target.closest('.el-date-editor') && target.getAttribute('aria-expanded') === 'true') return
    e.preventDefault()
    e.stopPropagation()
    focusNextField(target, root)
  }
}
