// The host's own pages and routes: sign-up, a page per instructor, going live (the host's own SQL,
// with the database's go-live gate having the last word), the admin area. vetkit's JSON routes are
// mounted separately, at /vetkit (see app.ts); the pages call them from the browser.
import express, { Router, type NextFunction, type Request, type Response } from 'express'
import type { Vetkit } from '@vetkit/core'
import { ADMIN_ID, claimedUserId, DEMO_USER_HEADER, demoUserCookie, type demoAuth, type DemoUser } from './auth'
import type { SwitchableClock } from './clock'
import { consoleBundle } from './console/console-bundle'
import type { Engine } from './engine'
import type { InstructorStore } from './instructors'
import { checkPage, checksPage, consolePage, emailsPage, webhooksPage } from './pages/admin'
import { homePage } from './pages/home'
import { html, layout } from './pages/html'
import { instructorPage } from './pages/instructor'

export interface HostRoutesOptions {
  vetkit: Vetkit
  engine: Engine
  instructors: InstructorStore
  auth: ReturnType<typeof demoAuth>
  clock: SwitchableClock
  log: (line: string) => void
}

export function hostRoutes({ vetkit, engine, instructors, auth, clock, log }: HostRoutesOptions): Router {
  const app = Router()

  // `?as=<id>` (GET) switches the demo user: a cookie, then the same page without the parameter.
  app.use((req, res, next) => {
    const as = req.query.as
    if (req.method !== 'GET' || typeof as !== 'string') return next()
    const url = new URL(req.originalUrl, 'http://host')
    url.searchParams.delete('as')
    res.setHeader('set-cookie', demoUserCookie(as))
    res.redirect(303, url.pathname + url.search)
  })
  app.use((req, res, next) => {
    auth
      .identify(claimedUserId({ cookie: req.headers.cookie ?? null, demoUser: req.get(DEMO_USER_HEADER) ?? null }))
      .then((user) => {
        res.locals.user = user
        next()
      }, next)
  })
  const userOf = (res: Response): DemoUser | null => (res.locals.user as DemoUser | null | undefined) ?? null
  const mayActFor = (user: DemoUser | null, id: string) => user !== null && (user.kind === 'admin' || user.id === id)
  const wantsJson = (req: Request) => req.is('application/json') === 'application/json' || (req.accepts(['html', 'json']) === 'json')
  const forms = [express.urlencoded({ extended: false, limit: '16kb' }), express.json({ limit: '16kb' })]

  /** 401 or 403: only `who` (an instructor id, or the admin) may do this. */
  function deny(req: Request, res: Response, who: string): void {
    const user = userOf(res)
    const status = user ? 403 : 401
    const name = who === ADMIN_ID ? 'an admin' : who
    if (wantsJson(req)) {
      res.status(status).json({ code: user ? 'forbidden' : 'unauthenticated', detail: `only ${name} may do this` })
      return
    }
    const signIn = who === ADMIN_ID ? `/admin?as=${ADMIN_ID}` : `/instructors/${encodeURIComponent(who)}?as=${encodeURIComponent(who)}`
    const body = html`<section><h1>${user ? 'Not yours' : 'Sign in'}</h1><p>Only ${name} may see this page.
      <a href="${signIn}">Sign in as ${name}</a> (demo login).</p></section>`
    res.status(status).type('html').send(layout({ title: 'Sign in', user, body }))
  }

  app.get('/', async (_req, res) => {
    const list = await instructors.list()
    const rows = await Promise.all(list.map(async (instructor) => ({ instructor, status: await vetkit.api.getStatus(instructor.id) })))
    res.type('html').send(homePage({ user: userOf(res), instructors: rows, providerName: vetkit.providerName }))
  })

  // Readiness from vetkit itself: the database answers, the schema is current, the queue keeps up.
  app.get('/healthz', async (_req, res) => {
    const health = await vetkit.health()
    res.status(health.ready ? 200 : 503).set('cache-control', 'no-store').json(health)
  })

  app.get('/me', (_req, res) => {
    const user = userOf(res)
    res.redirect(303, user?.kind === 'instructor' ? `/instructors/${encodeURIComponent(user.id)}` : user ? '/admin' : '/')
  })

  // Sign-up: the host's own row, offline. vetkit only learns about the instructor at consent.
  app.post('/instructors', ...forms, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const name = typeof body.name === 'string' ? body.name.trim() : ''
    const email = typeof body.email === 'string' ? body.email.trim() : ''
    if (!name || name.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) {
      res.status(422).json({ code: 'invalid_input', detail: 'a name and a valid email are required' })
      return
    }
    const instructor = await instructors.create({ name, email })
    log(`host      new instructor ${instructor.id}`)
    if (wantsJson(req)) res.status(201).json(instructor)
    else res.redirect(303, `/instructors/${encodeURIComponent(instructor.id)}?as=${encodeURIComponent(instructor.id)}`)
  })

  app.get('/instructors/:id', async (req, res) => {
    const instructor = await instructors.get(req.params.id)
    if (!instructor) {
      res.status(404).type('html').send(layout({ title: 'Not found', user: userOf(res), body: html`<section><h1>No such instructor</h1></section>` }))
      return
    }
    if (!mayActFor(userOf(res), instructor.id)) return deny(req, res, instructor.id)
    const flash = typeof req.query.flash === 'string' ? req.query.flash : null
    const status = await vetkit.api.getStatus(instructor.id)
    res.type('html').send(instructorPage({ user: userOf(res), instructor, status, disclosureVersion: vetkit.policy.consent.disclosureVersion, flash }))
  })

  app.get('/api/instructors/:id', async (req, res) => {
    const instructor = await instructors.get(req.params.id)
    if (!instructor) {
      res.status(404).json({ code: 'not_found', detail: 'no such instructor' })
      return
    }
    if (!mayActFor(userOf(res), instructor.id)) return deny(req, res, instructor.id)
    res.json({ ...instructor, check: await vetkit.api.getStatus(instructor.id) })
  })

  // Going live is the host's own SQL on its own table; the database has the last word.
  for (const [path, live] of [['go-live', true], ['go-offline', false]] as const) {
    app.post(`/instructors/:id/${path}`, ...forms, async (req, res) => {
      const id = req.params.id
      if (!mayActFor(userOf(res), id)) return deny(req, res, id)
      const result = await instructors.setLive(id, live)
      log(`host      UPDATE instructors SET is_live = ${String(live)} WHERE id = '${id}': ${result.ok ? 'ok' : `REFUSED (${result.reason})`}`)
      if (wantsJson(req)) {
        if (result.ok) res.json(result.instructor)
        else res.status(409).json({ code: 'go_live_refused', detail: result.reason })
        return
      }
      res.redirect(303, `/instructors/${encodeURIComponent(id)}?flash=${result.ok ? (live ? 'live' : 'offline') : 'refused'}`)
    })
  }

  // The admin area: server-rendered from vetkit's in-process API.
  const adminOnly = (req: Request, res: Response, next: NextFunction) => {
    if (userOf(res)?.kind === 'admin') next()
    else deny(req, res, ADMIN_ID)
  }
  app.get('/admin', adminOnly, async (req, res) => {
    const status = typeof req.query.status === 'string' && req.query.status !== '' ? req.query.status : null
    const page = await vetkit.api.listChecks({ limit: 200, ...(status ? { statuses: [status as never] } : {}) })
    const live = new Set((await instructors.list()).filter((i) => i.isLive).map((i) => i.id))
    res.type('html').send(checksPage({ user: userOf(res), checks: page.items, live, status }))
  })
  app.get('/admin/checks/:id', adminOnly, async (req, res) => {
    const detail = await vetkit.api.getCheck(String(req.params.id)).catch(() => null)
    if (!detail) {
      res.status(404).type('html').send(layout({ title: 'Not found', user: userOf(res), body: html`<section><h1>No such check</h1></section>` }))
      return
    }
    res.type('html').send(checkPage({ user: userOf(res), ...detail }))
  })
  app.get('/admin/webhooks', adminOnly, async (_req, res) => {
    const page = await vetkit.webhooks.list({ limit: 200 })
    res.type('html').send(webhooksPage({ user: userOf(res), webhooks: page.items }))
  })
  app.get('/admin/emails', adminOnly, (_req, res) => {
    res.type('html').send(emailsPage({ user: userOf(res), emails: engine.mailer.sent }))
  })

  // The review console (@vetkit/admin-react), mounted in the host's own admin page.
  app.get('/admin/console', adminOnly, (_req, res) => {
    res.type('html').send(consolePage({ user: userOf(res), appTime: clock.now(), offsetMs: clock.offsetMs, canMoveClock: engine.fake !== null }))
  })
  app.get('/admin/console.js', adminOnly, async (_req, res, next) => {
    try {
      res.type('text/javascript').set('cache-control', 'no-cache').send(await consoleBundle())
    } catch (error) {
      next(error)
    }
  })

  if (engine.fake) {
    // Demo time travel: move the app's clock (vetkit's and the fake Checkr's) forward, e.g. past an
    // adverse-action wait. Forward only; the database's own clock (the go-live gate) stays real.
    app.post('/admin/clock', adminOnly, ...forms, (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>
      const amount = (key: string) => {
        const raw = body[key]
        const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : typeof raw === 'number' ? raw : 0
        return Number.isFinite(n) && n >= 0 && n <= 3650 ? n : null
      }
      const days = amount('days')
      const hours = amount('hours')
      if (days === null || hours === null || days + hours === 0) {
        res.status(422).json({ code: 'invalid_input', field: days === null ? 'days' : 'hours', detail: 'days and hours: numbers from 0 to 3650, not both 0' })
        return
      }
      const now = clock.advance((days * 24 + hours) * 3_600_000)
      log(`clock     the app's time moved forward ${String(days)} d ${String(hours)} h: now ${now.toISOString()}`)
      if (wantsJson(req)) res.json({ now: now.toISOString(), offsetMs: clock.offsetMs })
      else res.redirect(303, '/admin/console')
    })
  }

  if (engine.fake) {
    // Where Checkr's hosted apply flow would be: the simulator plays the candidate's part.
    app.get('/fake-checkr/invitations/:id', (req, res) => {
      const body = html`<section><h1>Checkr's hosted flow (simulated)</h1>
        <p>With Checkr, the instructor would enter their details here. The fake Checkr plays the candidate:
        invitation <code>${req.params.id}</code> completes on its own, and the report follows.</p>
        <p><a href="/me">Back to my page</a></p></section>`
      res.type('html').send(layout({ title: 'Checkr (simulated)', user: userOf(res), body }))
    })
    // Where Checkr's dashboard would show a report (the console's report link).
    app.get('/fake-checkr/reports/:id', adminOnly, (req, res) => {
      const body = html`<section><h1>Checkr's dashboard (simulated)</h1>
        <p>With Checkr, the report <code>${req.params.id}</code> would be read here, in Checkr's dashboard.</p>
        <p><a href="/admin/console">Back to the review console</a></p></section>`
      res.type('html').send(layout({ title: 'Checkr dashboard (simulated)', user: userOf(res), body }))
    })
  }

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    log(`error     ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`)
    if (res.headersSent) return
    if (wantsJson(req)) res.status(500).json({ code: 'internal_error' })
    else res.status(500).type('html').send(layout({ title: 'Error', user: userOf(res), body: html`<section><h1>Something went wrong</h1></section>` }))
  })

  return app
}
