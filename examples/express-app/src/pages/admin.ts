// The admin area, server-rendered from vetkit's in-process API (`vetkit.api.*`). The same data is
// on the JSON routes under /vetkit/admin; a React review console comes in a later release.
import { CHECK_STATUSES, type ConsentRecord, type HistoryEntry, type CheckListItem, type CheckRecord, type WebhookRecord } from '@vetkit/core'
import type { SentEmail } from '@vetkit/core/mail'
import { badge, html, layout, when } from './html'

type User = { id: string } | null

const nav = html`<p><a href="/admin/console">Review console</a> · <a href="/admin">Checks</a> · <a href="/admin/webhooks">Webhook log</a> · <a href="/admin/emails">Emails</a> ·
  <a href="/vetkit/openapi.json">OpenAPI</a> · JSON: <a href="/vetkit/admin/checks">/vetkit/admin/checks</a></p>`

export function checksPage(options: { user: User; checks: CheckListItem[]; live: ReadonlySet<string>; status: string | null }): string {
  const filters = [html`<a href="/admin">all</a>`, ...CHECK_STATUSES.map((s) => html` · <a href="/admin?status=${s}">${s.replace('_', ' ')}</a>`)]
  const rows = options.checks.map(
    (c) => html`<tr>
      <td><a href="/admin/checks/${c.id}">${c.subjectName ?? c.subjectId}</a><br><span class="muted">${c.subjectEmail ?? ''}</span></td>
      <td>${badge(c.status)}${c.outcome ? html` <span class="muted">${c.outcome}</span>` : ''}</td>
      <td>${when(c.createdAt)}</td>
      <td>${when(c.updatedAt)}</td>
      <td>${c.validUntil ? when(c.validUntil) : c.finalNoticeDueAt ? html`final notice due ${when(c.finalNoticeDueAt)}` : '-'}</td>
      <td>${options.live.has(c.subjectId) ? html`<span class="live">live</span>` : html`<span class="muted">offline</span>`}</td>
      <td><a href="/instructors/${c.subjectId}">page</a> · <a href="/vetkit/admin/checks/${c.id}">JSON</a></td>
    </tr>`,
  )
  const body = html`<section>
  <h1>Background checks${options.status ? html` · ${options.status}` : ''}</h1>
  ${nav}
  <p>${filters}</p>
  <table>
    <tr><th>instructor</th><th>status</th><th>created</th><th>updated</th><th>valid until / due</th><th>listing</th><th></th></tr>
    ${rows.length > 0 ? rows : html`<tr><td colspan="7" class="muted">no checks</td></tr>`}
  </table>
</section>`
  return layout({ title: 'Admin', user: options.user, body })
}

export function checkPage(options: { user: User; check: CheckRecord; history: HistoryEntry[]; consents: ConsentRecord[] }): string {
  const { check, history, consents } = options
  const st = check.state
  const body = html`<section>
  <h1>Check <code>${check.id}</code></h1>
  ${nav}
  <table>
    <tr><th>instructor</th><td><a href="/instructors/${check.subjectId}">${check.subjectId}</a></td></tr>
    <tr><th>status</th><td>${badge(st.status)} ${st.outcome ? html`<span class="muted">report outcome: ${st.outcome}</span>` : ''}</td></tr>
    <tr><th>provider</th><td>${check.provider} · package ${check.packageSlug} · wait profile ${st.jurisdiction}</td></tr>
    <tr><th>report completed</th><td>${when(st.reportCompletedAt)}</td></tr>
    <tr><th>valid until</th><td>${when(st.validUntil)}</td></tr>
    ${st.adverseAction ? html`<tr><th>adverse action</th><td>started ${when(st.adverseAction.startedAt)}; ${st.adverseAction.finalNoticeDueAt ? html`final notice due ${when(st.adverseAction.finalNoticeDueAt)}` : html`paused by a dispute (${String(st.adverseAction.businessDaysElapsed)} of ${String(st.adverseAction.waitBusinessDays)} business days run)`}</td></tr>` : ''}
    ${st.dispute ? html`<tr><th>dispute</th><td>opened ${when(st.dispute.openedAt)} (${st.dispute.source})</td></tr>` : ''}
  </table>
</section>
<section>
  <h2>History</h2>
  <table>
    <tr><th>when</th><th>event</th><th>transition</th><th>by</th><th>reason</th></tr>
    ${history.map((h) => html`<tr><td>${when(h.occurredAt)}</td><td><code>${h.eventType}</code></td><td>${h.fromStatus ?? '∅'} → ${h.toStatus}</td><td>${h.actorKind}:${h.actorId}</td><td>${h.reason ?? ''}</td></tr>`)}
  </table>
</section>
<section>
  <h2>Consent evidence</h2>
  <table>
    <tr><th>signed</th><th>signature</th><th>disclosure</th><th>IP</th><th>user agent</th><th>authorization text SHA-256</th></tr>
    ${consents.map((c) => html`<tr><td>${when(c.signedAt)}</td><td>${c.signatureName}</td><td>v${c.disclosureVersion}</td><td>${c.ip ?? '-'}</td><td class="muted">${c.userAgent ?? '-'}</td><td><code>${c.authorizationTextHash.slice(0, 16)}…</code></td></tr>`)}
  </table>
</section>`
  return layout({ title: `Check ${check.id}`, user: options.user, body })
}

export function webhooksPage(options: { user: User; webhooks: WebhookRecord[] }): string {
  const body = html`<section>
  <h1>Webhook log</h1>
  ${nav}
  <p class="muted">Every delivery, newest first, with the HTTP status vetkit answered and what processing did with it. No payloads are kept.</p>
  <table>
    <tr><th>received</th><th>event</th><th>HTTP</th><th>auth</th><th>processing</th><th>check</th></tr>
    ${options.webhooks.map((w) => html`<tr><td>${when(w.receivedAt)}</td><td><code>${w.eventType ?? '(unauthenticated)'}</code></td><td>${w.httpStatus}</td><td>${w.authOutcome}</td><td>${w.processingOutcome}${w.errorCode ? html` <span class="error">${w.errorCode}</span>` : ''}</td><td>${w.checkId ? html`<a href="/admin/checks/${w.checkId}">open</a>` : '-'}</td></tr>`)}
  </table>
</section>`
  return layout({ title: 'Webhooks', user: options.user, body })
}

export function emailsPage(options: { user: User; emails: readonly SentEmail[] }): string {
  const body = html`<section>
  <h1>Emails sent since start-up</h1>
  ${nav}
  <p class="muted">The app's mailer keeps them in memory (<code>memoryMailer</code>); a real host configures <code>smtpMailer</code>.</p>
  <table>
    <tr><th>to</th><th>template</th><th>subject</th></tr>
    ${[...options.emails].reverse().map(({ message }) => html`<tr><td>${message.to}</td><td><code>${message.headers?.['X-Vetkit-Template'] ?? '-'}</code></td><td>${message.subject}</td></tr>`)}
  </table>
</section>`
  return layout({ title: 'Emails', user: options.user, body })
}

/** The review console's page: the host's layout, a mount point, and the demo's clock control. */
export function consolePage(options: { user: User; appTime: Date; offsetMs: number; canMoveClock: boolean }): string {
  const ahead = options.offsetMs > 0 ? html` (${String(Math.round(options.offsetMs / 3_600_000))} h ahead of real time)` : ''
  const body = html`<section>
  <h1>Review console</h1>
  ${nav}
  <p class="muted">App time: <time>${when(options.appTime)}</time>${ahead}</p>
  ${options.canMoveClock
    ? html`<form method="post" action="/admin/clock" aria-label="Move the app's clock">
    <label>Move the app's clock forward <input type="text" inputmode="numeric" name="days" value="7" size="3"> days</label>
    <button type="submit">Advance</button> <span class="muted">(demo only: vetkit and the fake Checkr see the new time)</span>
  </form>`
    : ''}
</section>
<div id="vetkit-console"></div>
<script type="module" src="/admin/console.js"></script>`
  return layout({ title: 'Review console', user: options.user, body, wide: true })
}
