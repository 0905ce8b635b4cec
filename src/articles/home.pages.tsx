import { formatProbability } from '../forecasts/forecasts.ts'
import { SignupForm } from '../members/members.pages.tsx'
import type { Member } from '../members/members.ts'
import { pct } from '../negotiations/tracker.pages.tsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { HomeData } from './actions/load-home.ts'

/** Silent reading speed, in words per minute, for the "n min read" beside each article. */
export const WORDS_PER_MINUTE = 230

/** Minutes to read `words` words, rounded, never less than one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE))
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/** The front page: the latest analysis, the negotiations followed, open forecasts, subscribing. */
export function homePage(
  props: HomeData & { staff?: StaffUser | undefined; member?: Member | undefined },
) {
  const anonymous = !props.staff && !props.member
  return htmlDocument(
    <Layout
      title="Negotiations under pressure, measured"
      staff={props.staff}
      member={props.member}
      description="Negotiations under military pressure, point by point, with every source."
    >
      <h1>Parley</h1>
      <p class="prose">
        Negotiations under military pressure, tracked point by point and party by party, read
        against the strikes around them, with every statement tied to a source you can check.
      </p>

      <section aria-labelledby="latest">
        <h2 id="latest">Latest analysis</h2>
        {props.articles.length === 0 ? <p>No analysis published yet.</p> : null}
        <ul class="cards articles">
          {props.articles.map((a) => (
            <li>
              <h3>
                <a href={`/articles/${a.slug}`}>{a.title}</a>
              </h3>
              <p>{a.summary}</p>
              <p class="meta">
                By <span class="byline">{a.byline}</span> ·{' '}
                <Day date={isoDay(a.firstPublishedAt)} /> ·{' '}
                <span class="reading-time">{readingMinutes(a.wordCount)} min read</span>
              </p>
            </li>
          ))}
        </ul>
        <p class="meta">
          <a href="/articles">All analysis</a>
        </p>
      </section>

      <section aria-labelledby="followed">
        <h2 id="followed">Negotiations followed</h2>
        {props.negotiations.length === 0 ? <p>No negotiations yet.</p> : null}
        <ul class="cards negotiations">
          {props.negotiations.map(({ negotiation: n, progress, latestClaim }) => (
            <li>
              <h3>
                <a href={`/negotiations/${n.slug}`}>{n.title}</a>
              </h3>
              <p>{n.summary}</p>
              {progress ? (
                <p class="figures-line">
                  On <Day date={progress.at} />: count share C{' '}
                  <strong class="c">{pct(progress.countShare)}</strong> · stake-weighted P{' '}
                  <strong class="p">{pct(progress.stakeWeighted)}</strong> · gated G{' '}
                  <strong class="g">{pct(progress.gated)}</strong>
                  {latestClaim ? (
                    <>
                      {' '}
                      — {latestClaim.claimant} claimed {Math.round(latestClaim.statedShare * 100)}%
                      on <Day date={latestClaim.statedOn} />
                    </>
                  ) : null}
                </p>
              ) : (
                <p class="meta">No framework document recorded yet.</p>
              )}
              <p class="meta">
                {n.documentCount} framework document{n.documentCount === 1 ? '' : 's'} ·{' '}
                {n.eventCount} dated event{n.eventCount === 1 ? '' : 's'}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="forecasts">
        <h2 id="forecasts">Latest forecasts</h2>
        {props.forecasts.length === 0 ? <p>No open questions.</p> : null}
        <ul class="forecast-list">
          {props.forecasts.map(({ question: q, summary: s }) => (
            <li>
              <a href={`/forecasts/${q.key}`}>{q.title}</a> —{' '}
              <strong class="aggregate">
                {s.headline === undefined ? 'no forecasts yet' : formatProbability(s.headline)}
              </strong>{' '}
              <span class="meta">
                ({s.aggregates.forecasters} forecaster{s.aggregates.forecasters === 1 ? '' : 's'},
                closes <Day date={q.closeOn} />)
              </span>
            </li>
          ))}
        </ul>
        <p class="meta">
          <a href="/forecasts">All forecasts</a>
        </p>
      </section>

      {anonymous ? (
        <section aria-labelledby="subscribe">
          <h2 id="subscribe">Subscribe</h2>
          <SignupForm returnTo="/" />
        </section>
      ) : props.member ? (
        <p class="meta">You're a member.</p>
      ) : null}
    </Layout>,
  )
}
