import assert from 'node:assert/strict'
import { test } from 'node:test'
import { weeklyCooperationConflict } from './dyad.ts'

test('each kept event weighs its Goldstein value by ln(1 + sources), split into cooperation and conflict', () => {
  const weeks = weeklyCooperationConflict([
    { day: '2026-01-05', goldstein: 4, numSources: 1, isRoot: true },
    { day: '2026-01-07', goldstein: -10, numSources: 3, isRoot: false },
    // Neither a root event nor carried by two sources: dropped as noise.
    { day: '2026-01-08', goldstein: 7, numSources: 1, isRoot: false },
  ])

  assert.equal(weeks.length, 1)
  const [week] = weeks
  assert.equal(week?.week, '2026-01-05')
  assert.equal(week?.events, 2)
  assert.ok(Math.abs(week!.cooperation - 4 * Math.log(2)) < 1e-12)
  assert.ok(Math.abs(week!.conflict - -10 * Math.log(4)) < 1e-12)
  assert.ok(Math.abs(week!.net - (4 * Math.log(2) - 10 * Math.log(4))) < 1e-12)
})

test('quiet weeks are zeros and the smoothed line decays through them', () => {
  const weeks = weeklyCooperationConflict(
    [
      { day: '2026-01-05', goldstein: 10, numSources: Math.E - 1, isRoot: true },
      { day: '2026-01-19', goldstein: 0, numSources: 1, isRoot: true },
    ],
    { alpha: 0.5 },
  )

  assert.deepEqual(
    weeks.map((w) => [w.week, w.events]),
    [
      ['2026-01-05', 1],
      ['2026-01-12', 0],
      ['2026-01-19', 1],
    ],
  )
  assert.ok(Math.abs(weeks[0]!.netSmoothed - 10) < 1e-9)
  assert.ok(Math.abs(weeks[1]!.netSmoothed - 5) < 1e-9)
  assert.ok(Math.abs(weeks[2]!.netSmoothed - 2.5) < 1e-9)
})

test('a period with no kept events has no weeks unless a range is given', () => {
  assert.deepEqual(weeklyCooperationConflict([]), [])

  const weeks = weeklyCooperationConflict([], { from: '2026-01-01', to: '2026-01-14' })

  assert.deepEqual(
    weeks.map((w) => w.week),
    ['2025-12-29', '2026-01-05', '2026-01-12'],
  )
})
