/**
 * Local (Kyiv) times as the strike data writes them, and the calendar arithmetic the measures need.
 * Days are ISO dates (`YYYY-MM-DD`); arithmetic runs on UTC midnights so no offset can shift them.
 */

/** A point in Kyiv local time, to the minute; `time` is undefined when the file gave only a date. */
export interface LocalTime {
  date: string
  time: string | undefined
}

export type LocalTimeResult = { ok: true; value: LocalTime } | { ok: false; message: string }

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/
const WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i

/**
 * Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (taken as Kyiv local time, as the data set writes
 * it) or an ISO time with an offset (converted to Kyiv local time).
 */
export function parseLocalTime(text: string): LocalTimeResult {
  const value = text.trim()
  const offset = WITH_OFFSET.exec(value)
  if (offset) {
    const [, day, clock, zone] = offset
    const hhmm = clock!.length === 4 ? `0${clock}` : clock!
    const instant = new Date(
      `${day}T${hhmm}${zone!.toUpperCase() === 'Z' ? 'Z' : normalizeZone(zone!)}`,
    )
    if (Number.isNaN(instant.getTime()))
      return { ok: false, message: `"${text}" is not a real time` }
    return { ok: true, value: toKyiv(instant) }
  }
  const match = LOCAL.exec(value)
  if (!match) {
    return {
      ok: false,
      message: `"${text}" is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)`,
    }
  }
  const [, y, m, d, hh, mm] = match
  const date = `${y}-${m}-${d}`
  if (!isCalendarDate(date)) return { ok: false, message: `"${text}" is not a calendar date` }
  if (hh === undefined) return { ok: true, value: { date, time: undefined } }
  const hour = Number(hh)
  const minute = Number(mm)
  if (hour > 23 || minute > 59) return { ok: false, message: `"${text}" is not a time of day` }
  return { ok: true, value: { date, time: `${hh!.padStart(2, '0')}:${mm}` } }
}

function normalizeZone(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
}

const KYIV = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The Kyiv wall-clock date and time of an instant. */
export function toKyiv(instant: Date): LocalTime {
  const parts = Object.fromEntries(KYIV.formatToParts(instant).map((p) => [p.type, p.value]))
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  }
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`. */
export function formatLocalTime(value: LocalTime): string {
  return value.time === undefined ? value.date : `${value.date} ${value.time}`
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

const DAY_MS = 86_400_000

/** The date `days` after (or before, if negative) `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** The Monday of the ISO week containing `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7))
}
