import type { SubjectStatus } from '@vetkit/core'
import type { Instructor } from '../instructors'
import { badge, html, layout } from './html'

export function homePage(options: {
  user: { id: string } | null
  instructors: { instructor: Instructor; status: SubjectStatus }[]
  providerName: string
}): string {
  const rows = options.instructors.map(
    ({ instructor: i, status: s }) => html`<tr>
      <td><a href="/instructors/${i.id}?as=${i.id}">${i.name}</a><br><span class="muted">${i.id}</span></td>
      <td>${badge(s.status)}</td>
      <td>${s.eligible ? html`yes, until ${s.eligibleUntil?.toISOString().slice(0, 10)}` : html`<span class="muted">no (${s.reason})</span>`}</td>
      <td>${i.isLive ? html`<span class="live">live</span>` : html`<span class="muted">offline</span>`}</td>
    </tr>`,
  )
  const fake = options.providerName === 'fake'
  const seeded = ['alan', 'barbara'].every((id) => options.instructors.some((row) => row.instructor.id === id))
  const body = html`
<section>
  <h1>Instructors</h1>
  <p>Each instructor has a row in the marketplace's own <code>instructors</code> table. Its
  <code>is_live</code> flag is guarded by vetkit's go-live gate: the database refuses to turn it on
  unless the instructor has a passed, unexpired background check.</p>
  <table>
    <tr><th>instructor (open as them)</th><th>check</th><th>eligible</th><th>listing</th></tr>
    ${rows}
  </table>
</section>
<section>
  <h2>Sign up a new instructor</h2>
  <form method="post" action="/instructors">
    <input type="text" name="name" placeholder="Name" required maxlength="200">
    <input type="email" name="email" placeholder="Email" required maxlength="320">
    <button>Sign up</button>
  </form>
  ${fake ? html`<p class="muted">The fake Checkr picks its scenario from a plus tag in the email: <code>ana+consider@example.test</code>,
  <code>bo+dispute-then-clear@example.test</code>, <code>cy+suspended-then-clear@example.test</code>,
  <code>di+invitation-expired@example.test</code>; any other address gets a clear report.</p>` : ''}
</section>
<section>
  <h2>What to try</h2>
  <ol>
    ${seeded
      ? html`<li>Open <a href="/instructors/alan?as=alan">Alan</a> (no check yet): sign the consent, request the invitation, and watch the status move
    ${fake ? '(the fake Checkr completes the invitation after 3 s and the report 10 s later)' : ''}. Then go live.</li>
    <li>Try to make <a href="/instructors/barbara?as=barbara">Barbara</a> (invited, not screened yet) live: the database refuses.</li>`
      : html`<li>Sign up an instructor above, sign the consent, request the background check, then go live once it passes.</li>`}
    <li>Open the <a href="/admin?as=admin">admin area</a>: every check, its history and consent evidence, the webhook log, the emails.</li>
    <li>The JSON API is mounted at <code>/vetkit</code> (<a href="/vetkit/openapi.json">OpenAPI</a>); send <code>X-Demo-User: admin</code> from curl.</li>
  </ol>
</section>`
  return layout({ title: 'Instructors', user: options.user, body })
}
