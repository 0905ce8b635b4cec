import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type CsvRecord, guessDelimiter, readCsv, toCsv } from './csv.ts'

async function all(input: Parameters<typeof readCsv>[0]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = []
  for await (const record of readCsv(input)) out.push(record)
  return out
}

test('records carry the line they start on, counting quoted line breaks and blank lines', async () => {
  const text = 'a,b\n1,"two\nlines"\n\n3,4\r\n5,6\n'

  const records = await all(text)

  assert.deepEqual(
    records.map((r) => [r.line, r.fields]),
    [
      [1, ['a', 'b']],
      [2, ['1', 'two\nlines']],
      [5, ['3', '4']],
      [6, ['5', '6']],
    ],
  )
})

test('a Cyrillic label split across two byte chunks is decoded whole', async () => {
  const bytes = new TextEncoder().encode('model,launched\nМолнія,3\n')
  const cut = 17 // inside the two-byte "о"
  const chunks = [bytes.slice(0, cut), bytes.slice(cut)]

  const records = await all(chunks)

  assert.deepEqual(records[1]?.fields, ['Молнія', '3'])
})

test('a byte-order mark does not become part of the first column name', async () => {
  const records = await all('\ufefftime_start,model\n2025-01-01,Kalibr\n')

  assert.equal(records[0]?.fields[0], 'time_start')
})

test('tab-separated files are recognised from their first line', async () => {
  assert.equal(guessDelimiter('a\tb\tc,d\n1\t2'), '\t')
  assert.equal(guessDelimiter('a;b;c\n'), ';')
  assert.equal(guessDelimiter('a,b\n'), ',')

  const records = await all('a\tb\n1\t"x,y"\n')

  assert.deepEqual(records[1]?.fields, ['1', 'x,y'])
})

test('CSV output quotes only what needs quoting and doubles inner quotes', () => {
  const csv = toCsv(
    ['night', 'note'],
    [
      ['2025-12-27', 'said "heavy", again'],
      ['2025-12-28', null],
    ],
  )

  assert.equal(csv, 'night,note\r\n2025-12-27,"said ""heavy"", again"\r\n2025-12-28,\r\n')
})

test('the same text read in one piece or a character at a time gives the same records', async () => {
  const text = 'a,b\n\n1,"two\n\nlines, ""quoted"""\n\n\n3,4\r\n"5",6\n'

  const whole = await all(text)
  const trickle = await all(text.split(''))

  assert.deepEqual(trickle, whole)
  assert.deepEqual(
    whole.map((r) => r.line),
    [1, 3, 8, 9],
  )
  assert.equal(whole[1]?.fields[1], 'two\n\nlines, "quoted"')
})

test('bytes that are not UTF-8 are refused naming their offset in the whole file, not replaced', async () => {
  const head = new TextEncoder().encode('model,launched\nShahed,3\n')
  // A Latin-1 "é" (E9) where UTF-8 needs two bytes: offset 28 of the file, in the second chunk.
  const chunks = [head, Uint8Array.from([...new TextEncoder().encode('Gé'), 0x47, 0xe9, 0x2c])]

  await assert.rejects(all(chunks), (error: Error) => {
    assert.match(error.message, /not UTF-8 text: invalid byte at offset 28/)
    return true
  })
})

test('a file that ends inside a multi-byte sequence is refused at the sequence', async () => {
  const bytes = new TextEncoder().encode('model\nМ')

  await assert.rejects(all([bytes.slice(0, -1)]), /invalid byte at offset 6/)
})
