// Counts the pages of a PDF that Chromium or Electron wrote (uncompressed page tree objects):
// one `/Type /Page` object per page. Enough for the printers' own output; not a PDF parser.
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length
}
