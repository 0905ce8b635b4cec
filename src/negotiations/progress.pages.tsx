import { Day, Raw } from '../platform/web/ui.tsx'
import type { NegotiationProgress } from './actions/load-progress.ts'
import { ImplementationFigure, ImplementationSection } from './implementation.pages.tsx'
import type { Flag } from './progress.ts'
import { Method, type ReaderForm, ReaderWeightsForm } from './reader-weights.pages.tsx'
import { pct, pct0, progressChart, statusLabel } from './tracker.pages.tsx'

function FlagList(props: {
  flags: readonly Flag[]
  name: (key: string) => string
  scale: (issue: string) => string | undefined
}) {
  if (props.flags.length === 0) return null
  return (
    <ul class="flags" aria-label="Warnings">
      {props.flags.map((flag) =>
        flag.kind === 'open_indivisible' ? (
          <li class="error">
            <strong>Indivisible issue open:</strong> {flag.title} cannot be split into parts that
            are settled one by one, and its points stand at {statusLabel(flag.status)}.
          </li>
        ) : (
          <li class="error">
            <strong>No overlap:</strong> on {flag.title} the parties' bottom lines leave no outcome
            all of them accept.{' '}
            {props.scale(flag.issue) ? <>On the scale “{props.scale(flag.issue)}”: </> : null}
            {flag.lines
              .map(
                (l) =>
                  `${props.name(l.party)} ${l.min === l.max ? pct0(l.min) : `${pct0(l.min)}–${pct0(l.max)}`} (since ${l.on})`,
              )
              .join('; ')}
            .
          </li>
        ),
      )}
    </ul>
  )
}

type Answer = NegotiationProgress['answer']

/** The date to measure at; a reader's own weights ride along so that changing the date keeps them. */
function ProgressFilters(props: {
  answer: Answer
  slug: string
  reader: ReaderForm
  dateError?: string | undefined
}) {
  const { answer, slug } = props
  const readerMode = answer.weights.source === 'reader'
  return (
    <>
      <form method="get" action={`/negotiations/${slug}`} class="filters">
        <label>
          As of
          <input type="date" name="at" value={answer.at} required />
        </label>
        {readerMode && props.reader.values
          ? Object.entries(props.reader.values).map(([issue, value]) => (
              <input type="hidden" name={`weight-${issue}`} value={value} />
            ))
          : null}
        {readerMode && props.reader.normalize ? (
          <input type="hidden" name="normalize" value="on" />
        ) : null}
        <button type="submit">Show</button>
      </form>
      {props.dateError ? (
        <p class="error" role="alert">
          {props.dateError}
        </p>
      ) : null}
    </>
  )
}

/** The version, the principals of the date and whose weights are used. */
function ProgressMeta(props: { answer: Answer }) {
  const { answer } = props
  const readerMode = answer.weights.source === 'reader'
  return (
    <p class="meta">
      {answer.framework.title} ({answer.framework.points} points), on <Day date={answer.at} />.
      Principals on this date:{' '}
      {answer.principals.length > 0 ? answer.principals.map((p) => p.name).join(', ') : 'none'}.{' '}
      {readerMode ? (
        <strong>Weighted with your weights, not the desk's.</strong>
      ) : answer.weights.source === 'published' ? (
        <>
          Weights set by {answer.weights.setBy} on <Day date={answer.weights.setOn} />.
        </>
      ) : (
        'No weights published yet: every point weighs the same.'
      )}
    </p>
  )
}

/** C, P and G at the date, with implementation and the latest progress claim beside them. */
function ProgressFigures(props: { progress: NegotiationProgress }) {
  const { answer } = props.progress
  const readerMode = answer.weights.source === 'reader'
  const claimsSoFar = answer.claims.filter((c) => c.statedOn <= answer.at)
  const claimsNow = claimsSoFar.filter((c) => c.statedOn === answer.at)
  const latestClaim = claimsNow.length > 0 ? claimsNow : claimsSoFar.slice(-1)
  return (
    <div class="figures" id="figures">
      <div class="figure" id="figure-c">
        <span class="value">{pct(answer.countShare)}</span>
        <span class="label">
          <strong>Count share C</strong> — points every principal has agreed in verifiable text
        </span>
      </div>
      <div class="figure" id="figure-p">
        <span class="value">{pct(answer.stakeWeighted)}</span>
        <span class="label">
          <strong>Stake-weighted P</strong> — share of what is at stake that is agreed
          {readerMode ? ' (your weights)' : ''}
        </span>
      </div>
      <div class="figure" id="figure-g">
        <span class="value">{pct(answer.gated)}</span>
        <span class="label">
          <strong>Gated G</strong> — falls towards zero while a heavy point is open
          {readerMode ? ' (your weights)' : ''}
        </span>
      </div>
      <ImplementationFigure progress={props.progress} />
      {latestClaim.map((claim) => (
        <div class="figure claim">
          <span class="value">{pct0(claim.statedShare)}</span>
          <span class="label">
            <strong>Claimed</strong> by {claim.claimant}, <Day date={claim.statedOn} /> —{' '}
            <a href={`/sources/${claim.sourceKey}`}>source</a>
          </span>
        </div>
      ))}
    </div>
  )
}

function ClaimsTable(props: { answer: Answer }) {
  const { answer } = props
  return (
    <>
      <h3 id="claims">Progress claims beside the measures of their date</h3>
      {answer.claims.length === 0 ? (
        <p>No progress claims are recorded for this negotiation.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Who</th>
                <th scope="col">Claimed</th>
                <th scope="col">C</th>
                <th scope="col">P</th>
                <th scope="col">G</th>
              </tr>
            </thead>
            <tbody>
              {answer.claims.map((claim) => (
                <tr>
                  <td>
                    <Day date={claim.statedOn} />
                  </td>
                  <td>
                    {claim.claimant}
                    <div class="meta">
                      “{claim.text}” — <a href={`/sources/${claim.sourceKey}`}>source</a>
                    </div>
                  </td>
                  <td>{pct0(claim.statedShare)}</td>
                  {claim.measured ? (
                    <>
                      <td>{pct(claim.measured.countShare)}</td>
                      <td>{pct(claim.measured.stakeWeighted)}</td>
                      <td>{pct(claim.measured.gated)}</td>
                    </>
                  ) : (
                    <td colspan={3} class="meta">
                      before this version of the framework was dated
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

function BlockersTable(props: { progress: NegotiationProgress }) {
  const { answer, data } = props.progress
  const name = (key: string) => data.actors.find((a) => a.key === key)?.name ?? key
  return (
    <>
      <h3 id="blockers">What blocks agreement</h3>
      {answer.blockers.length === 0 ? (
        <p>Every point is agreed by every principal.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">Weight</th>
                <th scope="col">Status</th>
                <th scope="col">Open stake</th>
                <th scope="col">Held by</th>
              </tr>
            </thead>
            <tbody>
              {answer.blockers.map((b) => (
                <tr>
                  <th scope="row">
                    {b.point}. <span class="tag">{b.topic}</span>
                    <div class="meta">
                      {b.issue
                        ? (data.issues.find((i) => i.key === b.issue)?.title ?? b.issue)
                        : ''}
                    </div>
                  </th>
                  <td>{pct(b.weight)}</td>
                  <td>{statusLabel(b.status)}</td>
                  <td>{pct(b.score)}</td>
                  <td>{b.heldBy.map(name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

/** The overview's progress section: the figures, the chart, the claims, the blockers, the flags. */
export function ProgressSection(props: {
  progress: NegotiationProgress
  reader: ReaderForm
  dateError?: string | undefined
}) {
  const { answer, data } = props.progress
  const slug = data.negotiation.slug
  const name = (key: string) => data.actors.find((a) => a.key === key)?.name ?? key
  return (
    <section aria-labelledby="progress" class="progress">
      <h2 id="progress">How far the talks have come</h2>
      <ProgressFilters
        answer={answer}
        slug={slug}
        reader={props.reader}
        dateError={props.dateError}
      />
      <ProgressMeta answer={answer} />
      <ProgressFigures progress={props.progress} />
      <p class="meta">
        <a href="#method">How these are computed</a> ·{' '}
        <a href={`/api/negotiations/${slug}/progress?at=${answer.at}`}>as JSON</a> ·{' '}
        <a href={`/negotiations/${slug}/positions?at=${answer.at}`}>
          every position and its sources
        </a>
      </p>
      <FlagList
        flags={answer.flags}
        name={name}
        scale={(issue) => data.scales.find((x) => x.issueKey === issue)?.scale}
      />
      <figure class="chart">
        <Raw html={progressChart(props.progress)} />
        <figcaption class="meta">
          Solid: count share C. Dashed: stake-weighted P. Dotted: gated G. Diamonds: progress
          claims, at the share claimed. The dashed upright marks the chosen date.
        </figcaption>
      </figure>
      <ImplementationSection progress={props.progress} />

      <ClaimsTable answer={answer} />
      <BlockersTable progress={props.progress} />

      <ReaderWeightsForm progress={props.progress} reader={props.reader} />
      <Method />
    </section>
  )
}
