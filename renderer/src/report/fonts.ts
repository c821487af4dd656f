// The typeface of the printed documents, shipped with the app rather than taken from the system:
// Noto Sans SC (Latin and Simplified Chinese; SIL Open Font License) from @fontsource/noto-sans-sc,
// regular and bold, as woff2 slices by unicode-range that vite bundles and Chromium loads only for
// the characters a page uses. So a PDF looks the same on any workstation, fonts-noto-cjk or not.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'

/**
 * Loads the shipped font's slices for `text` (regular and bold). Text drawn on a canvas (the charts)
 * does not wait for a web font as page text does: the report loads the slices of its chart words
 * before drawing them.
 */
export async function loadReportFont(text: string): Promise<void> {
  await Promise.all(['400', '700'].map((w) => document.fonts.load(`${w} 12px "Noto Sans SC"`, text)))
}
