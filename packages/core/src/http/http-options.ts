import type { TrustProxy } from '../support/client-ip'

/** Who is calling: from the host's own session or token. `subjectId` links a worker to their subject. */
export interface HttpActor {
  id: string
  roles: readonly string[]
  subjectId?: string | null
}

export interface HttpOptions {
  /**
   * Identifies the caller from the request (session cookie, bearer token...). Returns null when
   * anonymous. Default: nobody is authenticated, so every route but webhooks answers 401.
   */
  authenticate?: (request: Request) => Promise<HttpActor | null> | HttpActor | null
  /** The role that may use admin routes. Default `admin`. */
  adminRole?: string
  /** Proxies trusted for X-Forwarded-For (see `TrustProxy`). Default false. */
  trustProxy?: TrustProxy
  /** Largest JSON body accepted (default 64 kB) and webhook body (default 1 MB). */
  maxBodyBytes?: number
  maxWebhookBytes?: number
}

/** Per-request facts only the server adapter knows. */
export interface RequestContext {
  /** The socket's remote address. */
  remoteAddress?: string
  /**
   * Where the framework mounted vetkit (Express `req.baseUrl`): overrides `http.basePath`, so the
   * mount point is configured once, in the host's router.
   */
  mountPath?: string
}
