import assert from 'node:assert/strict'
import { test } from 'node:test'
import { classifyWeapon, EMPTY_WEAPON_TABLE, parseWeaponTable } from './weapons.ts'

const table = parseWeaponTable([
  { line: 1, fields: ['model', 'category', 'national_origin'] },
  { line: 2, fields: ['Shahed-136/131', 'UAV', 'iran'] },
  { line: 3, fields: ['Iskander-M', 'ballistic missile', 'russia'] },
  { line: 4, fields: ['C-300', 'surface-to-air missile', 'russia'] },
  { line: 5, fields: ['GBU', 'guided bomb', 'russia'] },
  { line: 6, fields: ['Mystery', 'unknown category', ''] },
]).table

test('a label in the weapon table takes its class from the table', () => {
  assert.deepEqual(classifyWeapon('Shahed-136/131', table), {
    ok: true,
    weaponClass: 'drone',
    via: 'table',
  })
  assert.deepEqual(classifyWeapon('GBU', table), { ok: true, weaponClass: 'bomb', via: 'table' })
})

test('a combined label is classified part by part when every part agrees', () => {
  const classified = classifyWeapon('C-300 and Iskander-M', table)

  assert.deepEqual(classified, { ok: true, weaponClass: 'missile', via: 'table' })
})

test('labels outside the table, Cyrillic ones included, fall to the built-in rules', () => {
  for (const [label, weaponClass] of [
    ['Привет-82', 'drone'],
    ['Фенікс', 'drone'],
    ['Iskander-M/KN-23 and Iskander-K and Kalibr', 'missile'],
    ['Intercontinental ballistic missile', 'missile'],
    ['Aerial Bomb', 'bomb'],
    ['Unknown UAV', 'drone'],
  ] as const) {
    const classified = classifyWeapon(label, EMPTY_WEAPON_TABLE)
    assert.deepEqual(classified, { ok: true, weaponClass, via: 'rules' }, label)
  }
})

test('a label mixing drones and missiles, or naming nothing known, is not classified', () => {
  const mixed = classifyWeapon('Shahed-136/131 and Iskander-M', table)
  const unknown = classifyWeapon('Tomahawk', table)
  const uncategorised = classifyWeapon('Mystery', table)

  assert.equal(mixed.ok, false)
  assert.match(!mixed.ok ? mixed.message : '', /drone and missile/)
  assert.equal(unknown.ok, false)
  assert.match(!unknown.ok ? unknown.message : '', /"Tomahawk" is neither/)
  assert.equal(uncategorised.ok, false)
})

test('a weapon table without a category column is refused', () => {
  const { problems } = parseWeaponTable([{ line: 1, fields: ['model', 'origin'] }])

  assert.deepEqual(problems, [
    { line: 1, column: 'category', message: 'the weapon table has no such column' },
  ])
})
