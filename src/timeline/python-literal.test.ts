import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parsePythonLiteral } from './python-literal.ts'

test('a pandas dict with NaN reads as JSON with null', () => {
  const parsed = parsePythonLiteral("{'south': 61, 'west': 3, 'east': NaN, 'north': NaN}")

  assert.deepEqual(parsed, { ok: true, value: { south: 61, west: 3, east: null, north: null } })
})

test('lists, nested dicts, floats, None and booleans are read', () => {
  const parsed = parsePythonLiteral(
    "{        'Iskander-M/KN-23': 'Kursk oblast',  'n': [1.5, None, True, False, \"it's\"] }",
  )

  assert.deepEqual(parsed, {
    ok: true,
    value: { 'Iskander-M/KN-23': 'Kursk oblast', n: [1.5, null, true, false, "it's"] },
  })
})

test('text that is not a literal is refused with the position', () => {
  const parsed = parsePythonLiteral("{'south': 61")

  assert.equal(parsed.ok, false)
  assert.match(!parsed.ok ? parsed.message : '', /character 13/)
})
