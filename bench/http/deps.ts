/**
 * Express and Koa are not root dependencies: they are loaded from the adapters' own dev
 * dependencies (the copies the adapters' tests run against), as bench/storage/deps.ts does for
 * knex and pg. Their published types do not resolve from here (@types/express and @types/koa
 * import sibling packages that only the adapters' node_modules can see), so the few calls the
 * bench makes are typed by hand below.
 */
import { createRequire } from 'node:module'
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { KoaContextLike } from '../../packages/koa-adapter/src/index'

const requireFromExpressAdapter = createRequire(new URL('../../packages/express-adapter/package.json', import.meta.url))
const requireFromKoaAdapter = createRequire(new URL('../../packages/koa-adapter/package.json', import.meta.url))

export type ExpressNext = (error?: unknown) => void

export interface ExpressResponse extends ServerResponse {
  status(code: number): ExpressResponse
  json(body: unknown): ExpressResponse
}

export type ExpressHandler = (req: IncomingMessage, res: ExpressResponse, next: ExpressNext) => void
/** Four parameters: Express tells error handlers by their arity. */
export type ExpressErrorHandler = (error: unknown, req: IncomingMessage, res: ExpressResponse, next: ExpressNext) => void

export interface ExpressApp extends RequestListener {
  use(path: string, handler: ExpressHandler): ExpressApp
  use(handler: ExpressHandler | ExpressErrorHandler): ExpressApp
  post(path: string, handler: ExpressHandler): ExpressApp
}

export interface ExpressFactory {
  (): ExpressApp
  json(): ExpressHandler
}

export interface KoaContext extends KoaContextLike {
  path: string
}

export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<void>

export interface KoaApp {
  silent: boolean
  on(event: 'error', listener: (error: unknown) => void): KoaApp
  use(middleware: KoaMiddleware): KoaApp
  callback(): RequestListener
}

export const expressFactory = requireFromExpressAdapter('express') as ExpressFactory
export const KoaClass = requireFromKoaAdapter('koa') as new () => KoaApp
