// The app's own origin. Pure (no electron import) so it can be tested without the runtime.
import path from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'spinemet'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** True for URLs of our own pages (the app:// origin) and nothing else. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
  } catch {
    return false
  }
}

/** Requests the app may make: its own files, inline data and devtools. Everything else is blocked. */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true
  return url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools://')
}

/**
 * Maps an app:// URL to a file inside `root`, or null when the path would leave `root`
 * (e.g. `app://spinemet/../../etc/passwd`, encoded or not) or the URL is not ours.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const base = path.resolve(root)
  const file = path.resolve(base, rel)
  if (file !== base && !file.startsWith(base + path.sep)) return null
  return file
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
