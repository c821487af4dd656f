// Which text encoding a CSV file is in. Hospital systems and Excel write UTF-8 (with or without a
// byte-order mark), UTF-16 ("Unicode text") and, on Chinese Windows, GB18030/GBK. Anything else is
// refused with the encoding it most likely is, so that the user can save it again as UTF-8 rather
// than import silently garbled names.
import { TextDecoder } from 'node:util'
import type { ImportEncoding } from '@contract/import-export'

export interface DecodedText {
  /** The text, without its byte-order mark. */
  text: string
  /** Encoding used; for a file that could not be read, the guess it was decoded with. */
  encoding: ImportEncoding
  /** Set when the bytes are not valid in any encoding SpineMet accepts. */
  wrongEncoding: { likely: string; likelyZh: string } | null
}

const decoder = (label: string, fatal: boolean): TextDecoder => new TextDecoder(label, { fatal, ignoreBOM: true })

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return decoder(label, true).decode(bytes)
  } catch {
    return null
  }
}

/**
 * UTF-16 without a byte-order mark: text that is mostly ASCII has a zero in every other byte.
 * Returns the byte order when at least 30 % of the sampled even (BE) or odd (LE) bytes are zero.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096)
  if (n < 4) return null
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero / pairs >= 0.3 && evenZero / pairs < 0.05) return 'utf-16le'
  if (evenZero / pairs >= 0.3 && oddZero / pairs < 0.05) return 'utf-16be'
  return null
}

/**
 * True when the non-ASCII bytes read as Chinese GB2312/GBK characters: both bytes of most
 * double-byte pairs lie in 0xA1–0xFE. Latin-1 text such as "Müller" also decodes as GB18030
 * (0xFC 0x6C is a valid pair) but its pairs end in an ASCII letter.
 */
function looksLikeGbText(bytes: Uint8Array): boolean {
  let pairs = 0
  let chinese = 0
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b < 0x80) continue
    const next = bytes[i + 1] ?? 0
    pairs++
    if (b >= 0xa1 && b <= 0xfe && next >= 0xa1 && next <= 0xfe) chinese++
    // four-byte GB18030 sequences (byte, digit, byte, digit) are rare in hospital exports
    i++
  }
  return pairs > 0 && chinese / pairs >= 0.8
}

/** The encoding a file that is not UTF-8, UTF-16 or GB18030 most likely is (for the message). */
function likelyOtherEncoding(bytes: Uint8Array): { likely: string; likelyZh: string } {
  if (tryDecode('big5', bytes) !== null && looksLikeGbText(bytes)) {
    return { likely: 'Traditional Chinese (Big5)', likelyZh: '繁体中文（Big5）' }
  }
  if (tryDecode('shift_jis', bytes) !== null && looksLikeGbText(bytes)) {
    return { likely: 'Japanese (Shift-JIS)', likelyZh: '日文（Shift-JIS）' }
  }
  return { likely: 'Western European (Windows-1252 / ISO-8859-1)', likelyZh: '西欧（Windows-1252 / ISO-8859-1）' }
}

/** Decodes the bytes of a CSV file, detecting its encoding. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3))
    if (text !== null) return { text, encoding: 'utf-8-bom', wrongEncoding: null }
    return { text: decoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8-bom', wrongEncoding: likelyOtherEncoding(bytes.subarray(3)) }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decoder('utf-16le', false).decode(bytes.subarray(2)), encoding: 'utf-16le', wrongEncoding: null }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decoder('utf-16be', false).decode(bytes.subarray(2)), encoding: 'utf-16be', wrongEncoding: null }
  const utf16 = utf16WithoutBom(bytes)
  if (utf16) return { text: decoder(utf16, false).decode(bytes), encoding: utf16, wrongEncoding: null }

  const utf8 = tryDecode('utf-8', bytes)
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', wrongEncoding: null }
  const gb = tryDecode('gb18030', bytes)
  if (gb !== null && looksLikeGbText(bytes)) return { text: gb, encoding: 'gb18030', wrongEncoding: null }

  const likely = likelyOtherEncoding(bytes)
  // Decoded leniently (U+FFFD for what cannot be read) only so that the columns can be shown.
  const label = likely.likely.startsWith('Western') ? 'windows-1252' : likely.likely.includes('Big5') ? 'big5' : 'shift_jis'
  return { text: decoder(label, false).decode(bytes), encoding: 'utf-8', wrongEncoding: likely }
}

/** Words for an encoding, as the import screen and CLI show it. */
export function encodingName(encoding: ImportEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8'
    case 'utf-8-bom':
      return 'UTF-8 (with byte-order mark)'
    case 'utf-16le':
      return 'UTF-16 little-endian'
    case 'utf-16be':
      return 'UTF-16 big-endian'
    case 'gb18030':
      return 'Chinese GB18030/GBK'
  }
}
