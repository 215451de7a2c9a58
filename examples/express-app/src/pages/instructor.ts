import type { SubjectStatus } from '@vetkit/core'
import { AUTHORIZATION_TEXT, DISCLOSURE_TEXT } from '../disclosure'
import type { Instructor } from '../instructors'
import { badge, html, layout, scriptJson, when } from './html'

const FLASH: Record<string, string> = {
  live: 'You are live: the database accepted UPDATE instructors SET is_live = true.',
  offline: 'Your listing is offline.',
  refused: 'The database refused to make you live (vetkit_go_live_gate): you need a passed, unexpired background check.',
}

export function instructorPage(options: {
  user: { id: string } | null
  instructor: Instructor
  status: SubjectStatus
  disclosureVersion: string
  flash: string | null
}): string {
  const { instructor: i, status: s } = options
  const canInvite = s.status === 'not_started' || s.status === 'failed' || s.status === 'canceled' || s.status === 'expired'
  // vetkit allows a re-check of a pass at any time; the page offers it once renewal is due.
  const canRecheck = s.status === 'passed' && s.renewal === 'due'
  const body = html`
<section>
  <h1>${i.name}</h1>
  <p class="muted">${i.email} · id <code>${i.id}</code></p>
  <table>
    <tr><th>background check</th><td id="status">${badge(s.status)}</td></tr>
    <tr><th>eligible</th><td>${s.eligible ? html`yes, until ${when(s.eligibleUntil)}` : html`no <span class="muted">(${s.reason})</span>`}</td></tr>
    ${s.validUntil ? html`<tr><th>valid until</th><td>${when(s.validUntil)} ${s.renewal === 'due' ? html`<strong>renewal due</strong>` : ''}</td></tr>` : ''}
    ${s.invitationUrl ? html`<tr><th>next step</th><td>finish the screening at <a href="${s.invitationUrl}">${s.invitationUrl}</a></td></tr>` : ''}
    <tr><th>consent</th><td>${s.consent.valid ? html`on file, reusable until ${when(s.consent.reusableUntil)}` : html`<span class="muted">none in the last 24 h</span>`}</td></tr>
    <tr><th>listing</th><td>${i.isLive ? html`<span class="live">live</span>` : html`<span class="muted">offline</span>`}
      <form method="post" action="/instructors/${i.id}/${i.isLive ? 'go-offline' : 'go-live'}" style="display:inline; margin-left: 12px">
        <button>${i.isLive ? 'Go offline' : 'Go live'}</button>
      </form></td></tr>
  </table>
  <p id="message" class="error"></p>
  ${canInvite || canRecheck
    ? html`<p><button id="invite" data-kind="${canRecheck ? 'recheck' : 'invite'}" ${s.consent.valid ? '' : 'disabled'}>${canRecheck ? 'Start a re-check' : 'Request my background check'}</button>
      ${s.consent.valid ? '' : html`<span class="muted">sign the consent below first</span>`}</p>`
    : ''}
</section>
<section>
  <h2>Background check disclosure (version ${options.disclosureVersion})</h2>
  <div class="disclosure">${DISCLOSURE_TEXT}</div>
  <h3>Authorization</h3>
  <p class="disclosure">${AUTHORIZATION_TEXT}</p>
  <form id="consent">
    <label><input type="checkbox" name="agree" required> I agree</label><br>
    <label>Type your full name as your signature: <input type="text" name="signatureName" required maxlength="200"></label>
    <button>Sign</button>
  </form>
</section>
<script>
const page = ${scriptJson({
    id: i.id,
    email: i.email,
    name: i.name,
    disclosureVersion: options.disclosureVersion,
    authorizationText: AUTHORIZATION_TEXT,
    shown: { status: s.status, eligible: s.eligible },
  })};
const api = '/vetkit/subjects/' + encodeURIComponent(page.id);
const message = document.getElementById('message');
async function call(path, body) {
  const res = await fetch(api + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) { const p = await res.json().catch(() => ({})); message.textContent = (p.title || res.status) + ': ' + (p.detail || '') + (p.code ? ' (' + p.code + ')' : ''); return false; }
  return true;
}
document.getElementById('consent').addEventListener('submit', async (e) => {
  e.preventDefault();
  const signatureName = new FormData(e.target).get('signatureName');
  if (await call('/consents', { disclosureVersion: page.disclosureVersion, authorizationText: page.authorizationText, signatureName, email: page.email, displayName: page.name })) location.reload();
});
const invite = document.getElementById('invite');
if (invite) invite.addEventListener('click', async () => { if (await call('/' + invite.dataset.kind, {})) location.reload(); });
// The status as vetkit's subject route reports it; reload when it moves (webhooks arriving).
setInterval(async () => {
  const res = await fetch(api + '/status');
  if (!res.ok) return;
  const s = await res.json();
  if (s.status !== page.shown.status || s.eligible !== page.shown.eligible) location.reload();
}, 2000);
</script>`
  return layout({ title: i.name, user: options.user, body, flash: options.flash ? (FLASH[options.flash] ?? null) : null })
}
