import { http, HttpResponse, type RequestHandler } from 'msw'
import { ROUTES, type Route } from '@vetkit/core/client'
import { ADMIN_OPERATIONS, type AdminOperationName, type FixtureCall } from './admin-operations'
import { createAdminFixtureStore, type AdminFixtureStore, type FixtureStoreOptions } from './fixture-store'
import { FixtureProblem, vetkitProblem } from './fixture-problem'
import type { AdminFixtures } from './fixture-types'

export interface AdminHandlersOptions extends FixtureStoreOptions {
  /** Where the console's client points (its `baseUrl`), e.g. `https://app.test/vetkit`. */
  baseUrl: string
  /** The data to answer from (copied); `sampleFixtures()` by default. */
  fixtures?: AdminFixtures
  /** A store to share (to inspect its state after the console acted); wins over `fixtures`. */
  store?: AdminFixtureStore
}

const NAMES = Object.keys(ADMIN_OPERATIONS) as AdminOperationName[]

/**
 * msw handlers for vetkit's admin API, one per operation the console calls, at the paths of the
 * client's own route table (`ROUTES`). Refusals are vetkit's problem+json, e.g. a 409
 * `adverse_wait_not_elapsed` for a final notice sent before the wait has run.
 */
export function vetkitAdminHandlers(options: AdminHandlersOptions): RequestHandler[] {
  const store = options.store ?? createAdminFixtureStore(options.fixtures, options)
  const base = options.baseUrl.replace(/\/+$/, '')
  // Fixed paths first: `/admin/checks/{checkId}` must not swallow a fixed sibling path.
  const ordered = [...NAMES].sort((a, b) => Number(ROUTES[a].path.includes('{')) - Number(ROUTES[b].path.includes('{')))
  return ordered.map((name) => {
    const route: Route = ROUTES[name]
    const path = `${base}${route.path.replace(/\{(\w+)\}/g, ':$1')}`
    const on = route.method === 'GET' ? http.get : http.post
    return on(path, async ({ request, params }) => {
      try {
        const call: FixtureCall = { params: stringParams(params), query: new URL(request.url).searchParams, body: route.method === 'POST' ? await readBody(request) : {} }
        const result = ADMIN_OPERATIONS[name](store, call)
        const created = route.status === 201 || (route.status === 'created_or_ok' && 'created' in result && result.created === true)
        return HttpResponse.json(result, { status: created ? 201 : 200 })
      } catch (error) {
        if (error instanceof FixtureProblem) return vetkitProblem(error.status, error.code, error.message, error.field)
        throw error
      }
    })
  })
}

function stringParams(params: Record<string, string | readonly string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string') out[key] = value
  return out
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text()
  if (text === '') return {}
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new FixtureProblem(400, 'malformed_json', 'the request body is not valid JSON')
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new FixtureProblem(422, 'invalid_input', 'the request body must be a JSON object')
  return json as Record<string, unknown>
}
