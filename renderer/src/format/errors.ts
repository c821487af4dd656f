import type { AppError } from '@contract/result'
import { i18n } from '../i18n'

export interface ErrorText {
  /** Sentence in the UI language. */
  title: string
  /** The main process's specific sentence (file names, row and column), when it adds something. */
  detail: string | null
}

/** Turns an AppError into text for the user: translated by code, with the specific message kept. */
export function errorText(error: AppError): ErrorText {
  const { t, te } = i18n.global
  const params = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>
  // A registry opened read-only because it is damaged says so, not that its folder cannot be written.
  const key = error.code === 'DB_READ_ONLY' && params.readOnlyReason === 'damaged' ? 'integrity2.readOnlyDamagedError' : `errors.${error.code}`
  // In English the main process's sentence is the most specific one (it names the file).
  if (!te(key) || (i18n.global.locale.value === 'en' && error.message)) return { title: error.message, detail: null }
  const title = t(key, params)
  return { title, detail: error.message && error.message !== title ? error.message : null }
}
