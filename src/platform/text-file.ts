import { invalidInput } from './errors.ts'

/**
 * Decodes a file a user hands Parley (a case file, a CSL-JSON import, a strike or event CSV) as
 * UTF-8: a leading byte-order mark is dropped, as editors on Windows write one, and bytes that are
 * not UTF-8 are refused naming their offset — replacing them with U+FFFD would import a name or a
 * quote that is not what the file says. `name` is how the error refers to the file.
 */
export function decodeUtf8Text(bytes: Uint8Array, name: string): string {
  const body = hasBom(bytes) ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    const offset = firstInvalidUtf8(body) + (body === bytes ? 0 : 3)
    const shown = Array.from(bytes.subarray(offset, offset + 4), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join(' ')
    throw invalidInput(
      `${name} is not UTF-8 text: invalid byte at offset ${offset} (${shown}); save it as UTF-8`,
      [{ path: 'file', message: `invalid UTF-8 at byte offset ${offset}` }],
    )
  }
}

/** True when `bytes` begin with the UTF-8 byte-order mark (EF BB BF). */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

/**
 * Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all are well formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    // Second-byte bounds per lead byte, from RFC 3629's table of well-formed sequences.
    let length: number
    let low = 0x80
    let high = 0xbf
    if (b >= 0xc2 && b <= 0xdf) length = 2
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3
      if (b === 0xe0) low = 0xa0
      if (b === 0xed) high = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4
      if (b === 0xf0) low = 0x90
      if (b === 0xf4) high = 0x8f
    } else return i
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]
      if (next === undefined) return i
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf]
      if (next < min || next > max) return i
    }
    i += length
  }
  return -1
}
