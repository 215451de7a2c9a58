// @vetkit/core/client: a typed client of vetkit's HTTP API for browsers and servers (fetch only).
export { createVetkitClient, VetkitClientError } from './vetkit-client'
export type { VetkitClient, VetkitClientOptions, ClientInput } from './vetkit-client'
export { OPERATIONS } from '../operations/operations'
export type { OperationName, OperationInput, OperationOutput } from '../operations/operations'
