import type { NegotiationProgress } from './actions/load-progress.ts'
import { Levels, levelLabels } from './progress.ts'
import { pct } from './tracker.pages.tsx'

/** What a reader typed into the weights form, and why it could not be used, if it could not. */
export interface ReaderForm {
  /** Percent values the reader typed, by issue key, when the reader changed the weights. */
  values: Record<string, string> | null
  normalize: boolean
  error: { message: string; details: { path?: string; message: string }[] } | null
}

/** The reader's own issue weights: nothing is saved, and the published figures stay the desk's. */
export function ReaderWeightsForm(props: { progress: NegotiationProgress; reader: ReaderForm }) {
  const { answer, data } = props.progress
  const readerMode = answer.weights.source === 'reader'
  const details = props.reader.error?.details ?? []
  const errorFor = (issue: string) =>
    details.find((d) => d.path === `w.${issue}` || d.path === `weight-${issue}`)?.message
  return (
    <section aria-labelledby="reader-weights" class="reader-weights">
      <h3 id="reader-weights">Weigh the issues yourself</h3>
      <p class="prose">
        The desk's weights are a judgement, published with its reasons
        {answer.weights.source === 'published' ? (
          <>
            : <q>{answer.weights.rationale}</q>
          </>
        ) : (
          '.'
        )}{' '}
        Put your own weight on each issue and the stake-weighted and gated figures above are
        recomputed with yours; each issue's weight is shared among its points as the desk shares it.
        Nothing is saved, and the published figures stay the desk's.
      </p>
      {props.reader.error ? (
        <div class="error" role="alert">
          <p>{props.reader.error.message}</p>
          <ul>
            {details.map((d) => (
              <li>
                {d.path ? `${d.path}: ` : ''}
                {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action={`/negotiations/${data.negotiation.slug}`} class="weights-form">
        <input type="hidden" name="at" value={answer.at} />
        <table>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Desk's weight</th>
              <th scope="col">Your weight (%)</th>
            </tr>
          </thead>
          <tbody>
            {answer.issueWeights.map((w) => {
              const error = errorFor(w.issue)
              return (
                <tr>
                  <th scope="row">
                    <label for={`weight-${w.issue}`}>{w.title}</label>
                  </th>
                  <td>{pct(w.published)}</td>
                  <td>
                    <input
                      id={`weight-${w.issue}`}
                      name={`weight-${w.issue}`}
                      type="number"
                      min="0"
                      max="100"
                      step="any"
                      inputmode="decimal"
                      value={
                        props.reader.values?.[w.issue] ??
                        String(Math.round(w.published * 1000) / 10)
                      }
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `weight-${w.issue}-error` : undefined}
                    />
                    {error ? (
                      <div class="meta" id={`weight-${w.issue}-error`}>
                        {error}
                      </div>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <label class="check">
          <input type="checkbox" name="normalize" checked={props.reader.normalize || !readerMode} />
          Rescale my weights so that they add up to 100%
        </label>
        <button type="submit">Recompute with my weights</button>{' '}
        {readerMode ? (
          <a href={`/negotiations/${data.negotiation.slug}?at=${answer.at}`}>
            Back to the desk's weights
          </a>
        ) : null}
      </form>
    </section>
  )
}

/** How C, P and G are computed, with the worked example. */
export function Method() {
  return (
    <details id="method" class="method">
      <summary>How these are computed</summary>
      <div class="prose">
        <p>
          Each principal's latest position on each point, on or before the chosen date, is placed on
          a ladder: {Levels.map((l) => `${l} ${levelLabels[l]}`).join(', ')}. A principal with no
          recorded position counts as 0. A point's status s is the lowest of its principals' levels
          divided by 3: a point is only as agreed as its least-agreeing principal. Only parties
          whose role on that date is <em>principal</em> count.
        </p>
        <ul>
          <li>
            <strong>Count share C</strong> = the share of points with s = 1: the figure behind
            claims like “90% complete”.
          </li>
          <li>
            <strong>Stake-weighted P</strong> = Σ wᵢ·sᵢ, with the desk's weights wᵢ (they sum to 1).
          </li>
          <li>
            <strong>Gated G</strong> = Π max(sᵢ, 0.05)^wᵢ: a heavy open point pulls it towards zero.
          </li>
          <li>
            <strong>Blockers</strong> are the open points, sorted by wᵢ·(1 − sᵢ).
          </li>
        </ul>
        <p>
          Worked example: 20 points, 18 fully agreed with weight 2.5% each, guarantees half agreed
          (weight 15%), territory at 0.1 (weight 40%): C = 90%, P = 56.5%, G = 35.9%.
        </p>
      </div>
    </details>
  )
}
