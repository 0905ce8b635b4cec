/** Page parts that every domain's pages share: dates, raw chart markup, a negotiation's navigation. */

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** 2025-11-20 → "20 Nov 2025", in a <time> element a machine can read. */
export function Day(props: { date: string | null }) {
  if (!props.date) return <span class="muted">undated</span>
  return <time datetime={props.date}>{dateFormat.format(new Date(`${props.date}T00:00:00Z`))}</time>
}

export function Raw(props: { html: string; class?: string }) {
  return <div class={props.class} dangerouslySetInnerHTML={{ __html: props.html }} />
}

/** The sub-pages of a negotiation, with the current one marked. */
export function NegotiationNav(props: { slug: string; current: string; staff?: boolean }) {
  const links: [string, string][] = [
    ['overview', `/negotiations/${props.slug}`],
    ['positions', `/negotiations/${props.slug}/positions`],
    ['architecture', `/negotiations/${props.slug}/architecture`],
    ['versions', `/negotiations/${props.slug}/diff`],
    ['timeline', `/negotiations/${props.slug}/timeline`],
  ]
  if (props.staff) links.push(['edit', `/negotiations/${props.slug}/edit`])
  const names: Record<string, string> = {
    overview: 'Overview',
    positions: 'Positions',
    architecture: 'Who decides',
    versions: 'Versions compared',
    timeline: 'Force and talks',
    edit: 'Edit (staff)',
  }
  return (
    <nav class="subnav" aria-label="This negotiation">
      {links.map(([id, href]) =>
        id === props.current ? (
          <a href={href} aria-current="page">
            {names[id]}
          </a>
        ) : (
          <a href={href}>{names[id]}</a>
        ),
      )}
    </nav>
  )
}
