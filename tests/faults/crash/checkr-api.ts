/**
 * The parent's simulator served as Checkr's REST API on loopback, for the worker processes: the
 * reads vetkit's worker makes (`GET /v1/reports/{id}`, `/v1/invitations/{id}`, `/v1/candidates/{id}`,
 * `/v1/reports/{id}/adverse_items`), answered from the fake's state with the fields vetkit's Checkr
 * schemas read (packages/core/src/providers/checkr/schemas.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CheckrApiError } from '../../../packages/core/src/providers/checkr/checkr-errors'
import type { ScreeningProvider } from '../../../packages/core/src/ports/provider'

export interface FakeCheckrApi {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string
  /** Requests answered, by status. */
  served: Map<number, number>
  close(): Promise<void>
}

type Reads = Pick<ScreeningProvider, 'getReport' | 'getInvitation' | 'getCandidate' | 'listAdverseItems'>
type Json = Record<string, unknown>

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null)

async function route(fake: Reads, method: string, path: string): Promise<Json | null> {
  if (method !== 'GET') return null
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts[0] !== 'v1') return null
  const [, resource, id, sub] = parts
  if (id === undefined) return null
  if (resource === 'reports' && sub === undefined) {
    const r = await fake.getReport(id)
    return {
      id: r.reportId,
      object: 'report',
      uri: `/v1/reports/${r.reportId}`,
      status: r.status,
      result: r.result,
      assessment: r.assessment,
      adjudication: r.adjudication,
      candidate_id: r.candidateId,
      created_at: iso(r.createdAt),
      completed_at: iso(r.completedAt),
      estimated_completion_time: iso(r.eta),
    }
  }
  if (resource === 'reports' && sub === 'adverse_items' && parts.length === 4) {
    const items = await fake.listAdverseItems(id)
    return { object: 'list', data: items.map((item) => ({ id: item.id, object: 'adverse_item', text: item.text })), count: items.length, next_href: null, previous_href: null }
  }
  if (resource === 'invitations' && sub === undefined) {
    const i = await fake.getInvitation(id)
    return {
      id: i.invitationId,
      object: 'invitation',
      uri: `/v1/invitations/${i.invitationId}`,
      invitation_url: i.invitationUrl,
      status: i.status,
      candidate_id: i.candidateId,
      report_id: i.reportId,
      expires_at: iso(i.expiresAt),
      deleted_at: iso(i.deletedAt),
    }
  }
  if (resource === 'candidates' && sub === undefined) {
    const c = await fake.getCandidate(id)
    return { id: c.candidateId, object: 'candidate', uri: `/v1/candidates/${c.candidateId}`, report_ids: c.reportIds }
  }
  return null
}

export async function serveFakeAsCheckr(fake: Reads, apiKey: string): Promise<FakeCheckrApi> {
  const served = new Map<number, number>()
  const expectedAuth = `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`
  const answer = (res: ServerResponse, status: number, body: Json) => {
    served.set(status, (served.get(status) ?? 0) + 1)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== expectedAuth) return answer(res, 401, { error: 'Unauthorized' })
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    try {
      const body = await route(fake, req.method ?? 'GET', url.pathname)
      if (body === null) return answer(res, 404, { error: 'Not Found' })
      return answer(res, 200, body)
    } catch (error) {
      // The fake raises Checkr's own errors (404 for an unknown id, 400 for a refused state).
      if (error instanceof CheckrApiError && error.status !== null) return answer(res, error.status, { error: error.checkrMessage ?? error.message })
      return answer(res, 500, { error: 'Internal Server Error' })
    }
  }
  const server = createServer((req, res) => {
    // A request from a worker that was SIGKILLed mid-flight just goes away.
    res.on('error', () => undefined)
    void handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
