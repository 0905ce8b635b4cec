import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { type Member, unlockPhrase } from './members.ts'

/**
 * The sign-up form, for every article and for the gate's call to action. Works without
 * JavaScript; `returnTo` is where the confirmed member lands (a path on this site).
 */
export function SignupForm(props: {
  returnTo: string
  sourceCount?: number | undefined
  email?: string | undefined
  error?: string | undefined
}) {
  return (
    <form method="post" action="/members/signup" class="signup" aria-label="Subscribe free">
      <p class="signup-lead">{unlockPhrase(props.sourceCount)}</p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div class="signup-row">
        <label>
          E-mail
          <input
            type="email"
            name="email"
            required
            maxlength={254}
            autocomplete="email"
            value={props.email ?? ''}
          />
        </label>
        <button type="submit">Subscribe free</button>
      </div>
      {/* A honeypot: hidden from people (and screen readers), filled in by form-filling bots. */}
      <div class="hp" aria-hidden="true">
        <label>
          Leave this field empty
          <input type="text" name="website" tabindex={-1} autocomplete="off" value="" />
        </label>
      </div>
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <p class="meta">
        One e-mail with a link to confirm, no password. Turn the newsletter off or delete your
        account at any time. Already a member?{' '}
        <a href={`/members/signin?returnTo=${encodeURIComponent(props.returnTo)}`}>Sign in</a>.
      </p>
    </form>
  )
}

interface PageBase {
  staff?: StaffUser | undefined
}

export function signupPage(
  props: PageBase & { returnTo: string; email?: string | undefined; error?: string | undefined },
) {
  return htmlDocument(
    <Layout
      title="Subscribe"
      staff={props.staff}
      description="A free subscription unlocks the direct links to every source Parley cites."
    >
      <h1>Subscribe free</h1>
      <p class="prose">
        Every statement Parley publishes is cited. Members get the newsletter and see the direct
        links to the sources, the archived copies and the quoted passages.
      </p>
      <SignupForm returnTo={props.returnTo} email={props.email} error={props.error} />
    </Layout>,
  )
}

export function signinPage(
  props: PageBase & { returnTo: string; email?: string | undefined; error?: string | undefined },
) {
  return htmlDocument(
    <Layout title="Member sign-in" staff={props.staff}>
      <h1>Member sign-in</h1>
      <p class="prose">
        Members sign in with a link sent by e-mail; there is no password. Not a member yet?{' '}
        <a href={`/members/signup?returnTo=${encodeURIComponent(props.returnTo)}`}>
          Subscribe free
        </a>
        .
      </p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/members/signin" class="stack" aria-label="Member sign-in">
        <label>
          E-mail
          <input
            type="email"
            name="email"
            required
            maxlength={254}
            autocomplete="email"
            value={props.email ?? ''}
          />
        </label>
        <div class="hp" aria-hidden="true">
          <label>
            Leave this field empty
            <input type="text" name="website" tabindex={-1} autocomplete="off" value="" />
          </label>
        </div>
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <button type="submit">E-mail me a sign-in link</button>
      </form>
    </Layout>,
  )
}

/** The same answer whether or not the address is known, so the form reveals no membership. */
export function checkInboxPage(props: PageBase & { email: string }) {
  return htmlDocument(
    <Layout title="Check your inbox" staff={props.staff}>
      <h1>Check your inbox</h1>
      <p class="notice" role="status">
        If <strong>{props.email}</strong> can receive mail, a link is on its way. It works once, for
        24 hours.
      </p>
      <p class="prose">
        Nothing arrived after a few minutes? Look in the spam folder, or{' '}
        <a href="/members/signup">ask for another link</a>.
      </p>
    </Layout>,
  )
}

/**
 * The page a magic link opens. Clicking the button (a POST) uses the link: mail scanners that
 * fetch every link in a message would otherwise use it up before the reader does.
 */
export function confirmLinkPage(
  props: PageBase & { token: string; purpose: 'signup' | 'signin'; email: string },
) {
  const signup = props.purpose === 'signup'
  return htmlDocument(
    <Layout title={signup ? 'Confirm your subscription' : 'Sign in'} staff={props.staff}>
      <h1>{signup ? 'Confirm your subscription' : 'Sign in to Parley'}</h1>
      <p class="prose">
        {signup
          ? `Confirm that ${props.email} wants the free Parley newsletter and the direct links to every source.`
          : `Sign in as ${props.email}.`}
      </p>
      <form method="post" action="/members/verify" class="stack">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">{signup ? 'Confirm and sign in' : 'Sign in'}</button>
      </form>
    </Layout>,
  )
}

export function linkInvalidPage(props: PageBase) {
  return htmlDocument(
    <Layout title="This link does not work" staff={props.staff}>
      <h1>This link does not work</h1>
      <p class="prose">
        It was used already, it expired (links last 24 hours), or it was not copied whole. Nothing
        was changed and nobody was signed in.
      </p>
      <p>
        <a href="/members/signin">Ask for a new sign-in link</a> or{' '}
        <a href="/members/signup">subscribe</a>.
      </p>
    </Layout>,
  )
}

export function accountPage(props: PageBase & { member: Member; notice?: string | undefined }) {
  const { member } = props
  return htmlDocument(
    <Layout title="Your account" staff={props.staff}>
      <h1>Your account</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>E-mail</dt>
        <dd>{member.email}</dd>
        <dt>Member since</dt>
        <dd>
          <time datetime={member.createdAt.toISOString()}>
            {member.createdAt.toISOString().slice(0, 10)}
          </time>
        </dd>
        <dt>Newsletter</dt>
        <dd>{member.newsletter ? 'on' : 'off'}</dd>
      </dl>

      <h2>Newsletter</h2>
      <form method="post" action="/account/newsletter" class="stack">
        <input type="hidden" name="newsletter" value={member.newsletter ? 'off' : 'on'} />
        <button type="submit">
          {member.newsletter ? 'Stop the newsletter' : 'Send me the newsletter'}
        </button>
      </form>
      <p class="meta">The source links stay unlocked either way.</p>

      <h2>Sign out</h2>
      <form method="post" action="/members/signout" class="stack">
        <button type="submit">Sign out</button>
      </form>

      <h2>Delete your account</h2>
      <p class="prose">
        Removes your e-mail address, your sessions, pending links and every message addressed to
        you. It cannot be undone; you can subscribe again later.
      </p>
      <form method="post" action="/account/delete" class="stack">
        <label class="check">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, delete my account
        </label>
        <button type="submit" class="danger">
          Delete my account
        </button>
      </form>
    </Layout>,
  )
}

export function accountDeletedPage(props: PageBase) {
  return htmlDocument(
    <Layout title="Account deleted" staff={props.staff}>
      <h1>Your account is deleted</h1>
      <p class="prose">
        Your e-mail address and everything tied to it are gone. Thank you for reading.
      </p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </Layout>,
  )
}
