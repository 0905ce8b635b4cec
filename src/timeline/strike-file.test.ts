import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readCsv } from './csv.ts'
import {
  createRowKeyer,
  parseCount,
  parseStrikeFile,
  type StrikeFileItem,
  scopeOf,
} from './strike-file.ts'
import { EMPTY_WEAPON_TABLE } from './weapons.ts'

const HEADER =
  'time_start,time_end,model,launch_place,target,target_main,launched,destroyed,not_reach_goal,still_attacking,border_crossing,is_shahed,num_hit_location,num_fall_fragment_location,carrier,turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,launch_place_details,source'

async function parse(lines: string[]): Promise<StrikeFileItem[]> {
  const out: StrikeFileItem[] = []
  for await (const item of parseStrikeFile(readCsv(`${lines.join('\n')}\n`), EMPTY_WEAPON_TABLE))
    out.push(item)
  return out
}

test('a night is named by the Kyiv date on which the wave ended', async () => {
  const items = await parse([
    HEADER,
    '2025-12-26 18:00,2025-12-27 13:00,Shahed-136/131,Kursk oblast,Ukraine,,519.0,474.0,,,{},,,,,,,,,,,kpszsu/posts/x',
    '2025-12-27,2025-12-27,Молнія,,south,,23.0,23.0,,,{},,,,,,,,,,,PvKPivden/posts/y',
  ])

  const [drones, regional] = items.map((i) => (i.kind === 'report' ? i.report : undefined))
  assert.equal(drones?.night, '2025-12-27')
  assert.equal(drones?.timeStart, '2025-12-26 18:00')
  assert.equal(drones?.launched, 519)
  assert.equal(drones?.scope, 'national')
  assert.equal(drones?.weaponClass, 'drone')
  assert.equal(regional?.night, '2025-12-27')
  assert.equal(regional?.timeEnd, '2025-12-27')
  assert.equal(regional?.scope, 'regional')
})

test('dict-like and NaN text columns become JSON details; empty ones are left out', async () => {
  const items = await parse([
    HEADER,
    `2026-06-06 18:00,2026-06-07 08:30,Shahed-136/131,Crimea,Ukraine,,236.0,215.0,0.0,4.0,"{'russia': 1.0}",80.0,13.0,9.0,,,,"['Kyiv oblast', 'Lviv oblast']","{'south': 61, 'east': NaN}",,,kpszsu/posts/z`,
  ])

  const report = items[0]?.kind === 'report' ? items[0].report : undefined
  assert.deepEqual(report?.details, {
    hitLocations: 13,
    fragmentLocations: 9,
    shahedShare: 80,
    destroyedByRegion: { south: 61, east: null },
    borderCrossing: { russia: 1 },
    affectedRegions: ['Kyiv oblast', 'Lviv oblast'],
  })
  assert.equal(report?.notReachGoal, 0)
  assert.equal(report?.stillAttacking, 4)
})

test('a bad date, a negative count and an unknown weapon are each named by line and column', async () => {
  const items = await parse([
    HEADER,
    '2026-02-30,2026-02-03,Shahed-136/131,,Ukraine,,-4,1,,,{},,,,,,,,,,,kpszsu/posts/a',
    '2026-02-02 18:00,2026-02-03 09:30,Tomahawk,,Ukraine,,4,1.5,,,{},,,,,,,,,,,kpszsu/posts/b',
    '2026-02-03 09:00,2026-02-02 18:00,Kalibr,,Ukraine,,4,x,,,{},,,,,,,,,,,kpszsu/posts/c',
  ])

  assert.deepEqual(
    items.flatMap((i) => (i.kind === 'bad_row' ? i.problems.map((p) => [p.line, p.column]) : [])),
    [
      [2, 'time_start'],
      [2, 'launched'],
      [3, 'model'],
      [3, 'destroyed'],
      [4, 'time_end'],
      [4, 'destroyed'],
    ],
  )
})

test('a file without the required columns is refused at line 1, naming each missing column', async () => {
  const items = await parse(['when,what,how_many', '2025-01-01,Kalibr,3'])

  assert.equal(items.length, 1)
  assert.equal(items[0]?.kind, 'fatal')
  assert.deepEqual(items[0]?.kind === 'fatal' ? items[0].problems.map((p) => p.column) : [], [
    'time_start',
    'time_end',
    'model',
    'launched',
    'destroyed',
  ])
})

test('counts are whole numbers written with or without ".0"; blank and NaN mean not reported', () => {
  assert.deepEqual(parseCount('236.0'), { ok: true, value: 236 })
  assert.deepEqual(parseCount(''), { ok: true, value: null })
  assert.deepEqual(parseCount('NaN'), { ok: true, value: null })
  assert.equal(parseCount('-1').ok, false)
  assert.equal(parseCount('2.5').ok, false)
  assert.equal(parseCount('many').ok, false)
})

test('a compass target is regional unless the Air Force national report posted it', () => {
  assert.equal(scopeOf('south', 'PvKPivden/posts/1'), 'regional')
  assert.equal(scopeOf('Odesa oblast', 'PvKPivden/posts/1'), 'regional')
  assert.equal(scopeOf('east', 'pvkshid/posts/1'), 'regional')
  assert.equal(scopeOf('south', 'kpszsu/posts/1'), 'national')
  assert.equal(scopeOf('south', 'watch/?v=1'), 'regional')
  assert.equal(scopeOf('Ukraine', 'https://t.me/kpszsu/60825'), 'national')
  assert.equal(scopeOf('Mykolaiv oblast', 'kpszsu/posts/1'), 'national')
})

test('rows repeating time, weapon and target get numbered keys in file order', () => {
  const keyOf = createRowKeyer()

  const keys = ['a|b|Orlan-10|south', 'a|b|Orlan-10|south', 'a|b|Orlan-10|east'].map(keyOf)

  assert.deepEqual(keys, ['a|b|Orlan-10|south#1', 'a|b|Orlan-10|south#2', 'a|b|Orlan-10|east#1'])
})

test('a time with an offset is converted to Kyiv local time before the night is named', async () => {
  const items = await parse([
    'time_start,time_end,model,launched,destroyed',
    '2025-12-26T16:00:00Z,2025-12-26T22:30:00Z,Kalibr,2,1',
  ])

  const report = items[0]?.kind === 'report' ? items[0].report : undefined
  assert.equal(report?.timeStart, '2025-12-26 18:00')
  assert.equal(report?.timeEnd, '2025-12-27 00:30')
  assert.equal(report?.night, '2025-12-27')
})
