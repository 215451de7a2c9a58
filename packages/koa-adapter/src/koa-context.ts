import type { IncomingMessage } from 'node:http'

/**
 * The part of a Koa context the middleware uses. Declared structurally so the public types carry
 * no `any`; Koa's `Context` (and @koa/router's) satisfies it.
 */
export interface KoaContextLike {
  req: IncomingMessage
  /** The URL as received, before any koa-mount rewriting. */
  originalUrl: string
  method: string
  status: number
  body: unknown
  request: object
  app: { emit(event: 'error', error: Error, ctx: unknown): boolean }
  set(field: string, value: string | string[]): void
}

/** `ctx.request` after a body parser (koa-bodyparser, @koa/bodyparser) ran. */
export interface ParsedKoaRequest {
  body?: unknown
  rawBody?: unknown
}

/** A Koa middleware: `app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))`. */
export type VetkitKoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>
