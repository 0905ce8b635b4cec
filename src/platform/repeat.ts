/** A pass that runs again and again until stopped. */
export interface Repeating {
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>
}

/**
 * Runs `pass` every `intervalMs` (and at once when `immediately`), one pass at a time: a tick that
 * finds a pass still running lets it be, so a slow pass delays the next instead of overlapping
 * it. A failed pass is handed to `onError` and the schedule goes on.
 */
export function repeatEvery(
  intervalMs: number,
  pass: () => Promise<unknown>,
  onError: (error: unknown) => void,
  options: { immediately?: boolean } = {},
): Repeating {
  let running: Promise<void> | undefined
  let stopped = false
  const tick = () => {
    if (stopped || running) return
    running = pass()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = undefined
      })
  }
  if (options.immediately) tick()
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
