import { raw } from 'hono/html'
import type { SourceAccess } from '../platform/web/auth.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import { quotePath } from '../sources/captures.ts'
import { SourceLinks } from '../sources/source-links.tsx'
import { kindLabels, type SourceKind } from '../sources/sources.ts'
import type { StaffUser } from '../staff/staff.ts'
import type { ClaimListItem, ClaimSourceRef, ClaimView } from './claims.repository.ts'
import { ClaimStatuses, claimStatusLabels, credibilityLabels, jsonLdText } from './claims.ts'

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

/**
 * A source named by publisher, title and date, linking to its ledger page; members and staff
 * (given `access`) also get the original and the archived copy that stood on `at`.
 */
function SourceName(props: {
  source: ClaimSourceRef
  access?: SourceAccess | undefined
  at?: string | undefined
}) {
  const s = props.source
  return (
    <>
      <a href={`/sources/${encodeURIComponent(s.key)}`}>{s.title ?? s.key}</a>
      <span class="meta">
        {' '}
        — {s.publisher ?? 'unknown publisher'}, <Day date={s.publishedOn} /> (
        {kindLabels[s.kind as SourceKind] ?? s.kind})
        <SourceLinks source={s} access={props.access} at={props.at} />
      </span>
    </>
  )
}

/**
 * Where a quote's link goes: for members and staff, the capture it was anchored in, scrolled to the
 * passage and highlighted; for anyone else, the quote on the source's ledger page.
 */
function quoteHref(
  sourceKey: string,
  quote: { id: number; snapshotId: number },
  access: SourceAccess | undefined,
): string {
  return access
    ? quotePath(sourceKey, quote.snapshotId, quote.id)
    : `/sources/${encodeURIComponent(sourceKey)}#quote-${quote.id}`
}

export function StatusTag(props: { status: ClaimListItem['status'] }) {
  return <span class={`tag claim-${props.status}`}>{claimStatusLabels[props.status]}</span>
}

export function claimsPage(props: {
  claims: ClaimListItem[]
  filter: { q: string; status: string }
  staff?: StaffUser | undefined
}) {
  return htmlDocument(
    <Layout
      title="Claims"
      staff={props.staff}
      description="Statements made in the negotiations, where they appeared, and how they hold up."
    >
      <h1>Claims</h1>
      <p class="prose">
        Statements made during the negotiations — who made them, when and where — with the desk's
        assessment: supported, disputed, misleading or false, and how credible the information is on
        the Admiralty scale (1 confirmed … 6 cannot be judged). Each rests on sources in the{' '}
        <a href="/sources">ledger</a>.
      </p>
      <form method="get" action="/claims" class="search" aria-label="Search the claims">
        <label>
          Search
          <input type="search" name="q" value={props.filter.q} />
        </label>
        <label>
          Status
          <select name="status">
            <option value="">any</option>
            {ClaimStatuses.map((s) => (
              <option value={s} selected={props.filter.status === s}>
                {claimStatusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {props.claims.length === 0 ? <p>No claim matches.</p> : null}
      <ol class="claims points">
        {props.claims.map((c) => (
          <li id={`claim-${c.key}`}>
            <a href={`/claims/${encodeURIComponent(c.key)}`}>“{c.text}”</a>
            <div class="meta">
              {c.claimant}, <Day date={c.statedOn} />
              {c.statedShare !== null ? ` · claims ${percent(c.statedShare)}` : ''} ·{' '}
              <StatusTag status={c.status} />
              {c.credibility !== null ? ` · credibility ${c.credibility}` : ''} · {c.supports} for,{' '}
              {c.contradicts} against
            </div>
          </li>
        ))}
      </ol>
    </Layout>,
  )
}

/** Sources for or against a claim, each with the quote that bears on it. */
function EvidenceList(p: {
  items: ClaimView['evidence']
  empty: string
  access: SourceAccess | undefined
}) {
  const { access } = p
  return p.items.length === 0 ? (
    <p class="muted">{p.empty}</p>
  ) : (
    <ul>
      {p.items.map((e) => (
        <li>
          <SourceName source={e.source} access={access} />
          {e.quote ? (
            <blockquote class="quote">
              “{e.quote.exact}”{' '}
              <span class="meta">
                (<a href={quoteHref(e.source.key, e.quote, access)}>quote {e.quote.id}</a>,{' '}
                {e.quote.status})
              </span>
            </blockquote>
          ) : null}
          {e.note ? <div class="meta">{e.note}</div> : null}
        </li>
      ))}
    </ul>
  )
}

export function claimPage(props: {
  claim: ClaimView
  /** ClaimReview JSON-LD, already gated (undefined while unreviewed). */
  jsonLd: Record<string, unknown> | undefined
  staff?: StaffUser | undefined
  /** Members and staff: the original and archived links beside each source. */
  access?: SourceAccess | undefined
}) {
  const c = props.claim
  const { access } = props
  const supports = c.evidence.filter((e) => e.stance === 'supports')
  const contradicts = c.evidence.filter((e) => e.stance === 'contradicts')
  return htmlDocument(
    <Layout
      title={`Claim: ${c.text.slice(0, 70)}`}
      staff={props.staff}
      description={`${c.claimant}, ${c.statedOn}: “${c.text}” — ${claimStatusLabels[c.status]}.`}
      head={
        props.jsonLd ? (
          // jsonLdText escapes every "<", so the block cannot close early.
          <script type="application/ld+json">{raw(jsonLdText(props.jsonLd))}</script>
        ) : undefined
      }
    >
      <p class="meta">
        <a href="/claims">Claims</a>
        {c.negotiationSlug ? (
          <>
            {' · '}
            <a href={`/negotiations/${c.negotiationSlug}`}>the negotiation</a>
          </>
        ) : null}
        {props.staff ? (
          <>
            {' · '}
            <a href={`/staff/claims/${encodeURIComponent(c.key)}`}>Review on the desk</a>
          </>
        ) : null}
      </p>
      <h1 class="claim-text">“{c.text}”</h1>
      <p class="meta">
        {c.claimant}, <Day date={c.statedOn} />
      </p>
      <div class="figures">
        <div class="figure">
          <span class="value">
            <StatusTag status={c.status} />
          </span>
          <span class="label">the desk's assessment{c.reviewedOn ? ` (${c.reviewedOn})` : ''}</span>
        </div>
        {c.credibility !== null ? (
          <div class="figure">
            <span class="value">{c.credibility}</span>
            <span class="label">
              credibility: {credibilityLabels[c.credibility]} (Admiralty 1–6)
            </span>
          </div>
        ) : null}
        {c.statedShare !== null ? (
          <div class="figure">
            <span class="value">{percent(c.statedShare)}</span>
            <span class="label">
              the share claimed —{' '}
              {c.negotiationSlug ? (
                <a href={`/negotiations/${c.negotiationSlug}`}>
                  measured progress by count, stake and gate
                </a>
              ) : (
                'a progress claim'
              )}
            </span>
          </div>
        ) : null}
      </div>
      {c.verdict ? (
        <section aria-labelledby="verdict">
          <h2 id="verdict">Why</h2>
          <p class="prose">{c.verdict}</p>
        </section>
      ) : null}
      <h2 id="where">Where it was made</h2>
      <p>
        <SourceName source={c.source} access={access} at={c.statedOn} />
      </p>
      {c.quote ? (
        <blockquote class="quote">
          “{c.quote.exact}”{' '}
          <span class="meta">
            (<a href={quoteHref(c.source.key, c.quote, access)}>quote</a>, {c.quote.status})
          </span>
        </blockquote>
      ) : null}
      <h2 id="supports">Sources that support it</h2>
      <EvidenceList items={supports} empty="None recorded." access={access} />
      <h2 id="contradicts">Sources that contradict it</h2>
      <EvidenceList items={contradicts} empty="None recorded." access={access} />
    </Layout>,
  )
}
