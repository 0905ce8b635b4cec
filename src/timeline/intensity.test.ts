import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  continuousSeries,
  findNight,
  munitions,
  type NightTotals,
  nightlyTotals,
  rankDailyWindow,
  rankWindow,
  rollingSums,
  talksWindowRatio,
} from './intensity.ts'
import { addDays } from './kyiv-time.ts'

function night(day: string, drones: number, missiles = 0): NightTotals {
  return { night: day, launched: munitions(drones, missiles), destroyed: munitions(0, 0) }
}

test('nightly totals count national drones and missiles, not regional tallies or bombs', () => {
  const totals = nightlyTotals([
    { night: '2025-12-27', weaponClass: 'drone', scope: 'national', launched: 519, destroyed: 474 },
    { night: '2025-12-27', weaponClass: 'missile', scope: 'national', launched: 21, destroyed: 19 },
    {
      night: '2025-12-27',
      weaponClass: 'missile',
      scope: 'national',
      launched: 19,
      destroyed: null,
    },
    { night: '2025-12-27', weaponClass: 'drone', scope: 'regional', launched: 23, destroyed: 23 },
    { night: '2025-12-27', weaponClass: 'bomb', scope: 'national', launched: 3, destroyed: 2 },
    { night: '2025-12-26', weaponClass: 'drone', scope: 'national', launched: null, destroyed: 5 },
  ])

  assert.deepEqual(totals, [
    { night: '2025-12-26', launched: munitions(0, 0), destroyed: munitions(5, 0) },
    { night: '2025-12-27', launched: munitions(519, 40), destroyed: munitions(474, 19) },
  ])
})

test('a night without reports inside the series counts as zero, not as missing', () => {
  const series = continuousSeries([night('2026-01-03', 10), night('2026-01-01', 5)])

  assert.equal(series?.nights.length, 3)
  assert.deepEqual(findNight(series, '2026-01-02')?.launched, munitions(0, 0))
  assert.equal(findNight(series, '2026-01-04'), undefined)
})

test('rolling sums start once a full window is available', () => {
  assert.deepEqual(rollingSums([1, 2, 3, 4, 5], 3), [null, null, 6, 9, 12])
})

test('a window is ranked among all windows of its length; ties share the better rank', () => {
  // Two-day windows over 5, 1, 9, 9, 2 sum to 6, 10, 18, 11.
  const heaviest = rankDailyWindow('2026-01-01', [5, 1, 9, 9, 2], 2, '2026-01-04')
  const third = rankDailyWindow('2026-01-01', [5, 1, 9, 9, 2], 2, '2026-01-03')
  const tied = rankDailyWindow('2026-01-01', [4, 4, 4], 1, '2026-01-02')

  assert.deepEqual(heaviest.ok && [heaviest.window.rank, heaviest.window.of], [1, 4])
  assert.equal(heaviest.ok && heaviest.window.percentile, 100)
  assert.deepEqual(third.ok && [third.window.rank, third.window.value], [3, 10])
  assert.equal(third.ok && third.window.percentile, 50)
  assert.equal(third.ok && third.window.from, '2026-01-02')
  assert.deepEqual(tied.ok && [tied.window.rank, tied.window.of], [1, 3])
})

test('a window that does not fit inside the series is refused with the range that would', () => {
  const early = rankDailyWindow('2026-01-01', [1, 2, 3], 2, '2026-01-01')
  const late = rankDailyWindow('2026-01-01', [1, 2, 3], 2, '2026-01-04')

  assert.equal(early.ok, false)
  assert.match(!early.ok ? early.message : '', /2026-01-02 … 2026-01-03/)
  assert.equal(late.ok, false)
})

test('a strike window carries drones and missiles, ranked by the chosen measure', () => {
  const series = continuousSeries([
    night('2026-01-01', 100, 0),
    night('2026-01-02', 10, 30),
    night('2026-01-03', 50, 5),
  ])!

  const byTotal = rankWindow(series, 1, '2026-01-02')
  const byMissiles = rankWindow(series, 1, '2026-01-02', 'missiles')

  assert.equal(byTotal.ok && byTotal.window.rank, 3)
  assert.deepEqual(byTotal.ok && byTotal.window.launched, munitions(10, 30))
  assert.equal(byMissiles.ok && byMissiles.window.rank, 1)
})

test('R compares the week around the event with the four weeks before it', () => {
  // Baseline nights t0−31 … t0−4 launch 100 each; the seven nights around t0 launch 300 each.
  const t0 = '2026-02-03'
  const nights = []
  for (let d = -40; d <= 10; d++) nights.push(night(addDays(t0, d), d >= -3 && d <= 3 ? 300 : 100))
  const series = continuousSeries(nights)

  const r = talksWindowRatio(series, t0)

  assert.equal(r.ratio, 3)
  assert.deepEqual(r.around, { from: '2026-01-31', to: '2026-02-06', mean: 300 })
  assert.deepEqual(r.before, { from: '2026-01-03', to: '2026-01-30', mean: 100 })
  assert.equal(r.note, null)
})

test('R is not computed when its windows leave the series or the baseline is empty', () => {
  const series = continuousSeries([night('2026-01-01', 0), night('2026-03-01', 50)])

  const tooEarly = talksWindowRatio(series, '2026-01-10')
  const quietBefore = talksWindowRatio(series, '2026-02-20')
  const noData = talksWindowRatio(undefined, '2026-02-28')

  assert.equal(tooEarly.ratio, null)
  assert.match(tooEarly.note ?? '', /outside the strike series/)
  assert.equal(quietBefore.ratio, null)
  assert.match(quietBefore.note ?? '', /no launches in the baseline/)
  assert.equal(noData.note, 'no strike data loaded')
})
