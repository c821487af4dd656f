import { app, session, shell, type WebContents } from 'electron'
import { isAllowedRequest, isAppUrl } from './origin'

/** External links SpineMet may open in the system browser (documentation only). */
const EXTERNAL_ALLOWLIST = new Set(['doi.org', 'www.doi.org'])

function openExternalIfAllowed(url: string): void {
  try {
    const u = new URL(url)
    if (u.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(u.hostname)) void shell.openExternal(u.toString())
  } catch {
    // not a URL: ignore
  }
}

/** Navigation and new windows denied, webviews refused, for every web contents ever created. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault()
      openExternalIfAllowed(url)
    }
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Call once when the app is ready: permissions refused, every non-local request blocked. */
export function applySessionSecurity(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) })
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
