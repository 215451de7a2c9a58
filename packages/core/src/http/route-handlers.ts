import type { Actor } from '../domain/check-events'
import type { Vetkit } from '../vetkit/create-vetkit'
import type { RouteName } from './contracts'
import { toCheckJson } from './to-json'

export interface RouteCall {
  params: Record<string, string>
  query: Record<string, unknown>
  body: Record<string, unknown>
  actor: Actor
  clientIp: string | null
  userAgent: string | null
}

type Api = Vetkit['api']
type Handler = (api: Api, call: RouteCall) => Promise<unknown>

const str = (v: unknown) => String(v)
const opt = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value })
const reason = (body: Record<string, unknown>) => opt('reason', body.reason as string | undefined)

/** What each route does with its validated input: one engine call, its result as JSON. */
export const ROUTE_HANDLERS: Record<RouteName, Handler> = {
  recordConsent: (api, { params, body, clientIp, userAgent }) =>
    api.recordConsent({
      subjectId: str(params.subjectId),
      disclosureVersion: str(body.disclosureVersion),
      authorizationText: str(body.authorizationText),
      signatureName: str(body.signatureName),
      ...opt('email', body.email as string | undefined),
      ...opt('displayName', body.displayName as string | undefined),
      ip: clientIp,
      userAgent,
    }),
  getStatus: (api, { params }) => api.getStatus(str(params.subjectId)),
  listSubjectChecks: async (api, { params }) => ({ items: (await api.listSubjectChecks(str(params.subjectId))).map(toCheckJson) }),
  invite: async (api, { params, body, clientIp, actor }) => inviteJson(await api.invite({ subjectId: str(params.subjectId), ip: clientIp, actor, ...inviteOptions(body) })),
  recheck: async (api, { params, body, clientIp, actor }) => inviteJson(await api.recheck({ subjectId: str(params.subjectId), ip: clientIp, actor, ...inviteOptions(body) })),
  adminRecheck: async (api, { params, body, clientIp, actor }) => inviteJson(await api.recheck({ subjectId: str(params.subjectId), ip: clientIp, actor, ...inviteOptions(body) })),
  listChecks: (api, { query }) =>
    api.listChecks({
      ...opt('statuses', query.status as never),
      ...opt('inDispute', query.inDispute as boolean | undefined),
      ...opt('closedReason', query.closedReason as never),
      ...opt('awaitingAdverseAction', query.awaitingAdverseAction as boolean | undefined),
      ...opt('pendingLongerThanDays', query.pendingLongerThanDays as number | undefined),
      ...opt('expiringWithinDays', query.expiringWithinDays as number | undefined),
      ...opt('search', query.search as string | undefined),
      ...opt('limit', query.limit as number | undefined),
      ...opt('cursor', query.cursor as string | undefined),
    }),
  getCheck: async (api, { params }) => {
    const { check, history, consents } = await api.getCheck(str(params.checkId))
    return { check: toCheckJson(check), history, consents }
  },
  listAdverseItems: async (api, { params }) => ({ items: await api.listAdverseItems(str(params.checkId)) }),
  clear: async (api, { params, body, actor }) => toCheckJson(await api.clear({ checkId: str(params.checkId), actor, ...reason(body) })),
  startAdverseAction: async (api, { params, body, actor }) =>
    toCheckJson(
      await api.startAdverseAction({
        checkId: str(params.checkId),
        actor,
        adverseItemIds: body.adverseItemIds as string[],
        ...opt('medium', body.medium as 'email' | 'postal' | undefined),
        ...reason(body),
      }),
    ),
  finalizeAdverseAction: async (api, { params, body, actor }) => toCheckJson(await api.finalizeAdverseAction({ checkId: str(params.checkId), actor, ...reason(body) })),
  cancelAdverseAction: async (api, { params, body, actor }) => toCheckJson(await api.cancelAdverseAction({ checkId: str(params.checkId), actor, ...reason(body) })),
  openDispute: async (api, { params, body, actor }) =>
    toCheckJson(
      await api.openDispute({
        checkId: str(params.checkId),
        actor,
        reason: str(body.reason),
        ...opt('writtenDispute', body.writtenDispute as boolean | undefined),
      }),
    ),
  resolveDispute: async (api, { params, body, actor }) => toCheckJson(await api.resolveDispute({ checkId: str(params.checkId), actor, reason: str(body.reason) })),
  cancelCheck: async (api, { params, body, actor }) => toCheckJson(await api.cancelCheck({ checkId: str(params.checkId), actor, ...reason(body) })),
  listWebhooks: (api, { query }) => api.listWebhooks(query),
}

function inviteOptions(body: Record<string, unknown>) {
  return { ...opt('jurisdiction', body.jurisdiction as string | undefined), ...opt('workLocations', body.workLocations as never) }
}

function inviteJson(result: Awaited<ReturnType<Api['invite']>>) {
  return { check: toCheckJson(result.check), created: result.created }
}
