import type { OperationOutput } from '@vetkit/core/client'
import type { AdminFixtureStore } from './fixture-store'

/** One request, as the handlers pass it on: path parameters, query and the JSON body. */
export interface FixtureCall {
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown>
}

const param = (call: FixtureCall, name: string) => call.params[name] ?? ''

/**
 * Every admin operation the console calls, answered by the fixture store. Each answer is typed
 * by the operation's own output, so the fixtures cannot drift from the API's shapes.
 */
export const ADMIN_OPERATIONS = {
  listChecks: (store, call) => store.listChecks(call.query),
  countChecks: (store) => store.countChecks(),
  getCheck: (store, call) => store.getCheck(param(call, 'checkId')),
  listAdverseItems: (store, call) => store.listAdverseItems(param(call, 'checkId')),
  clear: (store, call) => store.decide('clear', param(call, 'checkId'), call.body),
  startAdverseAction: (store, call) => store.decide('startAdverseAction', param(call, 'checkId'), call.body),
  finalizeAdverseAction: (store, call) => store.decide('finalizeAdverseAction', param(call, 'checkId'), call.body),
  cancelAdverseAction: (store, call) => store.decide('cancelAdverseAction', param(call, 'checkId'), call.body),
  openDispute: (store, call) => store.decide('openDispute', param(call, 'checkId'), call.body),
  resolveDispute: (store, call) => store.decide('resolveDispute', param(call, 'checkId'), call.body),
  cancelCheck: (store, call) => store.decide('cancelCheck', param(call, 'checkId'), call.body),
  adminRecheck: (store, call) => store.adminRecheck(param(call, 'subjectId')),
  listWebhooks: (store, call) => store.listWebhooks(call.query),
  getWebhook: (store, call) => store.getWebhook(param(call, 'webhookId')),
} satisfies { [N in AdminOperationName]: (store: AdminFixtureStore, call: FixtureCall) => OperationOutput<N> }

export type AdminOperationName =
  | 'listChecks'
  | 'countChecks'
  | 'getCheck'
  | 'listAdverseItems'
  | 'clear'
  | 'startAdverseAction'
  | 'finalizeAdverseAction'
  | 'cancelAdverseAction'
  | 'openDispute'
  | 'resolveDispute'
  | 'cancelCheck'
  | 'adminRecheck'
  | 'listWebhooks'
  | 'getWebhook'
