import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { DatasetRow } from './strikes.repository.ts'
import { Attribution } from './timeline.pages.tsx'

/** The timeline's front page: which negotiations have a timeline, and the other views. */
export function timelineIndexPage(props: {
  staff: StaffUser | undefined
  negotiations: { slug: string; title: string }[]
  series: { first: string; last: string } | undefined
  dataset: DatasetRow | undefined
}) {
  return htmlDocument(
    <Layout
      title="Force and talks"
      staff={props.staff}
      description="Talks read together with the strikes around them."
    >
      <h1>Force and talks</h1>
      <p class="prose">
        Talks are held while missiles fly. These pages read them together:
        {props.series
          ? ` strike data runs from ${props.series.first} to ${props.series.last}.`
          : ' no strike data is loaded yet.'}
      </p>
      <ul>
        {props.negotiations.map((n) => (
          <li>
            <a href={`/negotiations/${n.slug}/timeline`}>{n.title}: strikes and talks</a>
          </li>
        ))}
        <li>
          <a href="/timeline/intensity">
            How heavy was this week? A window's rank among all windows
          </a>
        </li>
        <li>
          <a href="/timeline/dyad?a=RUS&amp;b=UKR">
            Cooperation and conflict between two countries, week by week
          </a>
        </li>
        {props.staff ? (
          <li>
            <a href="/staff/timeline/import">Import strike or event data (staff)</a>
          </li>
        ) : null}
      </ul>
      <Attribution dataset={props.dataset} />
    </Layout>,
  )
}
