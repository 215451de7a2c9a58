// Server-rendered HTML without a template engine: `html` escapes every interpolated value unless
// it is already `Html` (another `html` fragment), so user data can never become markup.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[]

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Html) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''))
}

/** JSON for an inline `<script>`: `<` is escaped so no value can close the script element. */
export function scriptJson(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/</g, '\\u003c'))
}

export function layout(options: { title: string; user: { id: string } | null; body: Html; flash?: string | null; wide?: boolean }): string {
  const { title, user, body, flash, wide } = options
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Example Marketplace</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  header { background: #1d2330; color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: center; }
  header a { color: #cfe0ff; } header .who { margin-left: auto; } header code { background: #39415a; color: #fff; }
  h1 code { font-size: 0.6em; }
  main { max-width: 980px; margin: 24px auto; padding: 0 24px; } main.wide { max-width: 1280px; }
  section { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 16px 20px; margin-bottom: 18px; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceef2; vertical-align: top; }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; background: #e8ebf0; }
  .passed { background: #d5f5de; } .consider, .pre_adverse, .disputed, .suspended { background: #fff0c2; }
  .failed, .expired, .canceled { background: #fadcdc; } .invited, .pending { background: #dde9ff; }
  .live { color: #137333; font-weight: 600; } .muted { color: #69707d; } .error { color: #b3261e; }
  .flash { background: #fff8d6; border: 1px solid #f0d872; padding: 8px 12px; border-radius: 6px; margin-bottom: 18px; }
  .disclosure { white-space: pre-wrap; background: #f8f9fb; border: 1px solid #e3e6eb; padding: 12px; border-radius: 6px; }
  button { font: inherit; padding: 4px 12px; cursor: pointer; } input[type=text], input[type=email] { font: inherit; padding: 3px 6px; }
  code { background: #eef0f4; padding: 0 4px; border-radius: 3px; }
</style>
</head>
<body>
<header>
  <strong>Example Marketplace</strong>
  <a href="/">Instructors</a>
  <a href="/admin">Admin</a>
  <span class="who">${user ? html`signed in as <code>${user.id}</code> · <a href="/?as=">sign out</a>` : html`not signed in · <a href="/?as=admin">sign in as admin</a>`}</span>
</header>
<main${wide ? html` class="wide"` : ''}>
${flash ? html`<div class="flash">${flash}</div>` : ''}
${body}
<p class="muted">Demo login: <code>?as=&lt;instructor id&gt;</code> or <code>?as=admin</code> on any page. It is not authentication: never deploy it.</p>
</main>
</body>
</html>`.value
}

export function badge(status: string): Html {
  return html`<span class="badge ${status}">${status.replace('_', ' ')}</span>`
}

export function when(at: Date | string | null | undefined): string {
  if (!at) return '-'
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ') + 'Z'
}
