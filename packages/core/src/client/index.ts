// @vetkit/core/client: a typed client of vetkit's HTTP API for browsers and servers (fetch only).
// It carries the route table and the review queues, never the server's schemas.
export { createVetkitClient, VetkitClientError } from './vetkit-client'
export type { VetkitClient, VetkitClientOptions, ClientInput, CallOptions } from './vetkit-client'
export { ROUTES } from '../operations/routes'
export type { Route, RouteName, Access } from '../operations/routes'
export { REVIEW_QUEUES, REVIEW_QUEUE_NAMES } from '../operations/review-queues'
export type { ReviewQueue, ReviewQueueFilter } from '../operations/review-queues'
export { CHECK_LIST_SORTS } from '../domain/check-list-sort'
export type { CheckListSort } from '../domain/check-list-sort'
export { CHECK_STATUSES } from '../domain/check-status'
export type { CheckStatus } from '../domain/check-status'
export type { OperationName, OperationInput, OperationOutput } from '../operations/operations'
