// @vetkit/core/client: a typed client of vetkit's HTTP API for browsers and servers (fetch only).
export { createVetkitClient, VetkitClientError } from './vetkit-client'
export type { VetkitClient, VetkitClientOptions, ClientInput } from './vetkit-client'
export { ROUTES } from '../http/contracts'
export type { RouteName, RouteInput, RouteOutput } from '../http/contracts'
