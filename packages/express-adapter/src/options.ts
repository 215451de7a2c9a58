import type { VetkitAdapterOptions, VetkitHttp } from '@vetkit/core/node-http'

export type { VetkitHttp }

/**
 * `basePath` as in `createVetkit({ http: { basePath } })`; without it, Express's mount point
 * (`app.use('/vetkit', ...)`) is passed to vetkit. A mounting error goes to `logger`, or a Node
 * process warning, once.
 */
export type VetkitRouterOptions = VetkitAdapterOptions
