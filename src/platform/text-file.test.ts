import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isAppError } from './errors.ts'
import { decodeUtf8Text, firstInvalidUtf8 } from './text-file.ts'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))),
  )

test('a byte-order mark is dropped and the text read as it is', () => {
  const text = decodeUtf8Text(bytes([0xef, 0xbb, 0xbf], '{"name":"Київ"}'), 'case.json')

  assert.equal(text, '{"name":"Київ"}')
  assert.deepEqual(JSON.parse(text), { name: 'Київ' })
})

test('invalid UTF-8 is refused naming the file and the byte offset, never replaced', () => {
  const file = bytes('{"name":"Kyiv ', [0xff], '"}')

  assert.throws(
    () => decodeUtf8Text(file, 'case.json'),
    (error: unknown) =>
      isAppError(error) &&
      error.code === 'invalid_input' &&
      /case\.json is not UTF-8 text: invalid byte at offset 14 \(ff 22 7d\)/.test(error.message),
  )
})

test('the offset counts the byte-order mark, so it points into the file as saved', () => {
  const file = bytes([0xef, 0xbb, 0xbf], 'ab', [0xc3, 0x28])

  assert.throws(() => decodeUtf8Text(file, 'x.csv'), /invalid byte at offset 5 /)
})

test('overlong forms, surrogates and cut-off sequences are invalid; real text is not', () => {
  assert.equal(firstInvalidUtf8(bytes('Zaporizhzhia — Запоріжжя 🇺🇦')), -1)
  assert.equal(firstInvalidUtf8(bytes('a', [0xc0, 0xaf])), 1)
  assert.equal(firstInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80])), 2)
  assert.equal(firstInvalidUtf8(bytes('abc', [0xe2, 0x82])), 3)
  assert.equal(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80])), 0)
})
