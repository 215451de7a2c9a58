/**
 * How each operation is bound to HTTP: method, path, who may call it and its success status.
 * Plain data, no schemas: the browser client (`@vetkit/core/client`) needs only this, so a
 * console's bundle never carries the server's validation. `OPERATIONS` adds each route's schemas
 * to its entry here; an operation without a route does not compile.
 */
export type Access = 'subject' | 'admin'

export interface Route {
  method: 'GET' | 'POST'
  /** OpenAPI-style path template under the mount point, e.g. `/admin/checks/{checkId}`. */
  path: string
  access: Access
  /** The success status; `created_or_ok` answers 201 when the result says `created: true`, else 200. */
  status: 200 | 201 | 'created_or_ok'
}

export const ROUTES = {
  recordConsent: { method: 'POST', path: '/subjects/{subjectId}/consents', access: 'subject', status: 201 },
  getStatus: { method: 'GET', path: '/subjects/{subjectId}/status', access: 'subject', status: 200 },
  listSubjectChecks: { method: 'GET', path: '/subjects/{subjectId}/checks', access: 'subject', status: 200 },
  invite: { method: 'POST', path: '/subjects/{subjectId}/invite', access: 'subject', status: 'created_or_ok' },
  recheck: { method: 'POST', path: '/subjects/{subjectId}/recheck', access: 'subject', status: 'created_or_ok' },
  listChecks: { method: 'GET', path: '/admin/checks', access: 'admin', status: 200 },
  countChecks: { method: 'GET', path: '/admin/queue-counts', access: 'admin', status: 200 },
  getCheck: { method: 'GET', path: '/admin/checks/{checkId}', access: 'admin', status: 200 },
  listAdverseItems: { method: 'GET', path: '/admin/checks/{checkId}/adverse-items', access: 'admin', status: 200 },
  clear: { method: 'POST', path: '/admin/checks/{checkId}/clear', access: 'admin', status: 200 },
  startAdverseAction: { method: 'POST', path: '/admin/checks/{checkId}/adverse-action', access: 'admin', status: 200 },
  finalizeAdverseAction: { method: 'POST', path: '/admin/checks/{checkId}/adverse-action/finalize', access: 'admin', status: 200 },
  cancelAdverseAction: { method: 'POST', path: '/admin/checks/{checkId}/adverse-action/cancel', access: 'admin', status: 200 },
  openDispute: { method: 'POST', path: '/admin/checks/{checkId}/dispute', access: 'admin', status: 200 },
  resolveDispute: { method: 'POST', path: '/admin/checks/{checkId}/dispute/resolve', access: 'admin', status: 200 },
  cancelCheck: { method: 'POST', path: '/admin/checks/{checkId}/cancel', access: 'admin', status: 200 },
  adminRecheck: { method: 'POST', path: '/admin/subjects/{subjectId}/recheck', access: 'admin', status: 'created_or_ok' },
  listWebhooks: { method: 'GET', path: '/admin/webhooks', access: 'admin', status: 200 },
  getWebhook: { method: 'GET', path: '/admin/webhooks/{webhookId}', access: 'admin', status: 200 },
} as const satisfies Record<string, Route>

export type RouteName = keyof typeof ROUTES
