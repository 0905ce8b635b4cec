import { tryGetContext } from 'hono/context-storage'
import type { Child } from 'hono/jsx'
import type { AppEnv } from './env.ts'
import type { MemberViewer, StaffViewer } from './viewer.ts'

export interface LayoutProps {
  title: string
  /** One-line description for search engines and link previews. */
  description?: string
  staff?: StaffViewer | undefined
  /** The signed-in member; when not given, the request's (see `signedInMember`). */
  member?: MemberViewer | undefined
  children: Child
  head?: Child
}

/** The page frame: readable measure, system fonts, nothing from third parties. */
export function Layout(props: LayoutProps) {
  // "Subscribe" is for anonymous readers only: not for members, not for staff.
  const anonymous = !props.staff && !(props.member ?? signedInMember())
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Parley`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="stylesheet" href="/assets/site.css" />
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            Parley
          </a>
          <nav aria-label="Site">
            <a href="/">Negotiations</a>
            <a href="/articles">Analysis</a>
            <a href="/timeline">Timeline</a>
            <a href="/sources">Sources</a>
            <a href="/claims">Claims</a>
            <a href="/forecasts">Forecasts</a>
            {props.staff ? null : <a href="/account">Account</a>}
            {anonymous ? (
              <a href="/members/signup" class="subscribe">
                Subscribe
              </a>
            ) : null}
            {props.staff ? (
              <>
                <a href="/staff">Desk</a>
                <form method="post" action="/staff/logout" class="inline">
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </>
            ) : null}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site">
          <p>Parley — every statement with a source you can check.</p>
        </footer>
      </body>
    </html>
  )
}

/**
 * The member signed in for the request being answered, if any. Most pages pass `staff` but not
 * the member, so the header reads it from the request; outside a request (a public page rendered
 * at publication and served to anonymous readers only, the CLI) there is none.
 */
function signedInMember(): MemberViewer | undefined {
  return tryGetContext<AppEnv>()?.var.member
}

/** Renders a page element to a full HTML document (hono/jsx leaves out the doctype). */
export function htmlDocument(element: unknown): string {
  return `<!DOCTYPE html>${String(element)}`
}
