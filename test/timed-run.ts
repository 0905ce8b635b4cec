import { createInterface } from 'node:readline'

/** What a timed send loop prints as its one JSON line. */
export interface TimedRun {
  /** Copies sent. */
  sent: number
  /** Milliseconds from `go` to the end of the run. */
  ms: number
  /** The process's resident memory in bytes at its peak, sampled every 20 ms. */
  peakRss: number
  /** The process's resident memory in bytes at `go`. */
  rssAtGo: number
}

/**
 * For a send loop in a process of its own (test/deliver-newsletters.ts and the benchmark's
 * baseline, which must measure alike): samples memory from now, prints `ready`, waits for `go` on
 * stdin, then times `run`, which returns the copies it sent.
 */
export async function timeFromGo(run: () => Promise<number>): Promise<TimedRun> {
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)

  process.stdout.write('ready\n')
  await new Promise<void>((resolve) => {
    const lines = createInterface({ input: process.stdin })
    lines.on('line', (line) => {
      if (line.trim() === 'go') {
        lines.close()
        // Nothing more is read: an open stdin would keep the process alive at the end.
        process.stdin.destroy()
        resolve()
      }
    })
  })

  const rssAtGo = process.memoryUsage().rss
  const started = performance.now()
  const sent = await run()
  const ms = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { sent, ms, peakRss: peak, rssAtGo }
}
