import type { z } from 'zod'
import type { Actor } from '../domain/check-events'
import type { OPERATIONS, OperationName } from '../operations/operations'
import type { VetkitApi } from '../vetkit/api'
import { toCheckJson } from './to-json'

type Contract<N extends OperationName> = (typeof OPERATIONS)[N]
type Parsed<C, K extends string> = C extends Record<K, infer S extends z.ZodType> ? z.output<S> : Record<string, never>

/** One call of an operation over HTTP: its validated parts (typed by its schemas) and the caller. */
export interface OperationCall<N extends OperationName> {
  params: Parsed<Contract<N>, 'params'>
  query: Parsed<Contract<N>, 'query'>
  body: Parsed<Contract<N>, 'body'>
  actor: Actor
  clientIp: string | null
  userAgent: string | null
}

type Handlers = { [N in OperationName]: (api: VetkitApi, call: OperationCall<N>) => Promise<unknown> }

/** Drops `undefined` members, so an absent optional stays absent (exactOptionalPropertyTypes). */
function present<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }
}

/** What each operation does over HTTP: one engine call with its typed input, its result as JSON. */
export const OPERATION_HANDLERS: Handlers = {
  recordConsent: (api, { params, body, clientIp, userAgent }) => api.recordConsent({ ...params, ...present(body), ip: clientIp, userAgent }),
  getStatus: (api, { params }) => api.getStatus(params.subjectId),
  listSubjectChecks: async (api, { params }) => ({ items: (await api.listSubjectChecks(params.subjectId)).map((check) => toCheckJson(check, api)) }),
  invite: async (api, { params, body, clientIp, actor }) => inviteJson(api, await api.invite({ ...params, ...present(body), ip: clientIp, actor })),
  recheck: async (api, { params, body, clientIp, actor }) => inviteJson(api, await api.recheck({ ...params, ...present(body), ip: clientIp, actor })),
  adminRecheck: async (api, { params, body, clientIp, actor }) => inviteJson(api, await api.recheck({ ...params, ...present(body), ip: clientIp, actor })),
  listChecks: (api, { query }) => {
    const { status, ...rest } = query
    return api.listChecks(present({ ...rest, statuses: status }))
  },
  countChecks: async (api) => ({ counts: await api.countChecks() }),
  getCheck: async (api, { params }) => {
    const { check, ...rest } = await api.getCheck(params.checkId)
    return { check: toCheckJson(check, api), ...rest }
  },
  listAdverseItems: async (api, { params }) => {
    const [items, preview] = await Promise.all([api.listAdverseItems(params.checkId), api.previewAdverseAction(params.checkId)])
    return { items, ...preview }
  },
  clear: async (api, { params, body, actor }) => toCheckJson(await api.clear({ ...params, ...present(body), actor }), api),
  startAdverseAction: async (api, { params, body, actor }) => toCheckJson(await api.startAdverseAction({ ...params, ...present(body), actor }), api),
  finalizeAdverseAction: async (api, { params, body, actor }) => toCheckJson(await api.finalizeAdverseAction({ ...params, ...present(body), actor }), api),
  cancelAdverseAction: async (api, { params, body, actor }) => toCheckJson(await api.cancelAdverseAction({ ...params, ...present(body), actor }), api),
  openDispute: async (api, { params, body, actor }) => toCheckJson(await api.openDispute({ ...params, ...present(body), actor }), api),
  resolveDispute: async (api, { params, body, actor }) => toCheckJson(await api.resolveDispute({ ...params, ...present(body), actor }), api),
  cancelCheck: async (api, { params, body, actor }) => toCheckJson(await api.cancelCheck({ ...params, ...present(body), actor }), api),
  listWebhooks: (api, { query }) => api.listWebhooks(present(query)),
  getWebhook: (api, { params }) => api.getWebhook(params.webhookId),
}

/** Runs one operation. The name and its call are checked together by the caller (the handler). */
export function runOperation<N extends OperationName>(api: VetkitApi, name: N, call: OperationCall<N>): Promise<unknown> {
  const handler: (api: VetkitApi, call: OperationCall<N>) => Promise<unknown> = OPERATION_HANDLERS[name]
  return handler(api, call)
}

function inviteJson(api: VetkitApi, result: Awaited<ReturnType<VetkitApi['invite']>>) {
  return { check: toCheckJson(result.check, api), created: result.created }
}
