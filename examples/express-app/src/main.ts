// `pnpm start`: the reference app on http://localhost:3000 (PORT), data in ./.data/pglite (DATA_DIR).
import { createApp, type App } from './app'
import { configFromEnv } from './config'

const config = configFromEnv()
console.log('vetkit reference app (Express): starting...')
let host: App
try {
  host = await createApp(config)
} catch (error) {
  console.error(`could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
let url: string
try {
  ;({ url } = await host.listen())
} catch (error) {
  const inUse = (error as { code?: unknown }).code === 'EADDRINUSE'
  console.error(inUse ? `port ${config.port} is in use: set PORT to another one (e.g. PORT=3001 pnpm start)` : `could not listen: ${String(error)}`)
  await host.close()
  process.exit(1)
}
const provider = config.provider
const seeded = (await host.instructors.get('alan')) !== null && (await host.instructors.get('barbara')) !== null
const tips = seeded
  ? `  - ${url}/instructors/alan?as=alan      sign the consent, request the check, watch it pass${provider.kind === 'fake' ? ' (~15 s)' : ''}, go live
  - ${url}/instructors/barbara?as=barbara try to go live while the check is still open: the database refuses`
  : `  - ${url}/                              sign up an instructor, then sign the consent, request the check, go live`

console.log(`
  database  ${host.database}${host.seeded ? ' (new: seeded with an instructor in every status)' : ''}
  provider  ${provider.kind === 'fake' ? `fake Checkr, delivering signed webhooks over HTTP to ${url}/vetkit/webhooks/fake` : `Checkr (${provider.environment}): point its webhooks at <public url>/vetkit/webhooks/checkr`}
  worker    running in-process

  Open ${url}

  What to try:
${tips}
  - ${url}/admin/console?as=admin       the review console: clear, adverse action, disputes, the webhook log
  - ${url}/admin?as=admin               every check, its history and consent evidence, webhooks, emails
  - curl -H 'X-Demo-User: admin' ${url}/vetkit/admin/checks
  - curl -u ${config.metrics.username}:${config.metrics.generated ? config.metrics.password : '$METRICS_PASSWORD'} ${url}/internal/metrics${config.metrics.generated ? '   (a development password for this run; METRICS_PASSWORD sets one)' : ''}
  - pnpm demo:tour                                  the same story, scripted over HTTP

  The demo login (?as=...) is not authentication: never deploy it. Ctrl-C stops the app.
`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    console.log('stopping...')
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}
