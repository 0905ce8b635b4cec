import type { SourceAccess } from '../platform/web/auth.ts'
import { Day } from '../platform/web/ui.tsx'
import { captureOn } from './captures.ts'
import type { SourceRef } from './sources.ts'
import { archivePath } from './sources.ts'

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

const formatDay = (day: string) => dayFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`))

/**
 * " · original · archived 5 Jan 2026" after a source's name, for members and staff (`access` is
 * given to them only); nothing for anyone else. Given `at` (the day of the position, claim or
 * forecast citing the source), the archived copy is the one that stood on that day, and any later
 * captures are one click further, on the source's page.
 */
export function SourceLinks(props: {
  source: { key: string; url: string }
  access?: SourceAccess | undefined
  /** The day the citing statement was made, "YYYY-MM-DD"; absent: the newest capture. */
  at?: string | null | undefined
}) {
  const { source: s, access } = props
  if (!access) return null
  const known = access.sources.get(s.key)
  const choice = captureOn(known?.captures ?? [], props.at)
  const capturesPage = `/sources/${encodeURIComponent(s.key)}#snapshots`
  return (
    <>
      {' · '}
      <a href={s.url} rel="noopener noreferrer" class="original">
        original
      </a>
      {known?.dead ? <span class="tag link-dead"> original no longer available</span> : null}
      {choice.capture ? (
        <>
          {' · '}
          <a href={archivePath(s.key, choice.capture.snapshotId)} class="archived">
            archived {dayFormat.format(choice.capture.capturedAt)}
          </a>
          {choice.later.length > 0 ? (
            <>
              {' · '}
              <a href={capturesPage} class="later">
                later captures: {choice.later.length}
              </a>
            </>
          ) : null}
        </>
      ) : choice.earliest && props.at ? (
        <span class="meta">
          {' · '}no capture on or before {formatDay(props.at)}; earliest{' '}
          <a href={archivePath(s.key, choice.earliest.snapshotId)} class="archived">
            {dayFormat.format(choice.earliest.capturedAt)}
          </a>
        </span>
      ) : null}
    </>
  )
}

/**
 * A source named by publisher, title and date, linking to its ledger page. Given `access` (members
 * and staff only), each also links to the original address and to its archived copy (src/sources/source-links.tsx).
 */
export function SourceList(props: {
  sources: readonly SourceRef[]
  access?: SourceAccess | undefined
  /** The day of the statement citing them: its archived copies are those that stood then. */
  at?: string | null | undefined
}) {
  if (props.sources.length === 0) return null
  const { access } = props
  return (
    <ul class="sources" aria-label="Sources">
      {props.sources.map((s) => {
        return (
          <li>
            <a href={`/sources/${s.key}`} title={s.title ?? undefined}>
              {s.publisher ?? s.key}
            </a>
            {s.publishedOn ? (
              <>
                {', '}
                <Day date={s.publishedOn} />
              </>
            ) : null}
            <SourceLinks source={s} access={access} at={props.at} />
          </li>
        )
      })}
    </ul>
  )
}
