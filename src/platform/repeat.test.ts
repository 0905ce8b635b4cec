import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { repeatEvery } from './repeat.ts'

test('a slow pass is never overlapped: ticks that find it running are skipped', async () => {
  let running = 0
  let most = 0
  let passes = 0
  const repeating = repeatEvery(
    5,
    async () => {
      running += 1
      most = Math.max(most, running)
      passes += 1
      await sleep(40)
      running -= 1
    },
    (error) => assert.fail(String(error)),
    { immediately: true },
  )

  await sleep(130)
  await repeating.stop()

  assert.equal(most, 1)
  // 130 ms of 40 ms passes at most: far fewer than the 26 ticks of 5 ms.
  assert.ok(passes >= 2 && passes <= 4, `${passes} passes`)
  assert.equal(running, 0)
})

test('a failed pass goes to onError and the schedule goes on', async () => {
  const errors: unknown[] = []
  let passes = 0
  const repeating = repeatEvery(
    5,
    async () => {
      passes += 1
      if (passes === 1) throw new Error('first pass fails')
    },
    (error) => errors.push(error),
    { immediately: true },
  )

  await sleep(60)
  await repeating.stop()

  assert.equal(errors.length, 1)
  assert.equal((errors[0] as Error).message, 'first pass fails')
  assert.ok(passes >= 2, `${passes} passes`)
})

test('stop waits for the pass in progress and no pass starts after it', async () => {
  let finished = false
  let passes = 0
  const repeating = repeatEvery(
    5,
    async () => {
      passes += 1
      await sleep(30)
      finished = true
    },
    () => {},
    { immediately: true },
  )

  await sleep(1)
  await repeating.stop()
  const passesAtStop = passes
  await sleep(30)

  assert.equal(finished, true)
  assert.equal(passes, passesAtStop)
})

test('without immediately the first pass waits one interval', async () => {
  let passes = 0
  const repeating = repeatEvery(
    50,
    async () => {
      passes += 1
    },
    () => {},
  )

  await sleep(10)
  const early = passes
  await sleep(70)
  await repeating.stop()

  assert.equal(early, 0)
  assert.ok(passes >= 1)
})
