/**
 * Real Express and Koa apps serving one engine, each on 127.0.0.1 (port 0). The frameworks are
 * dependencies of the adapter packages, not of the repository root, so they are loaded from there.
 */
import type { RequestListener } from 'node:http'
import { createRequire } from 'node:module'
import type { Vetkit } from '@vetkit/core'
import { vetkitRouter } from '../../../packages/express-adapter/src'
import { vetkitMiddleware } from '../../../packages/koa-adapter/src'
import type { StartedServer } from '../../http-contract/contract-suite'
import { listen } from '../../http-contract/listen'

// Just what these tests use of each framework.
type ExpressApp = RequestListener & { use(path: string, handler: unknown): unknown }
type KoaApp = { silent: boolean; use(middleware: unknown): unknown; callback(): RequestListener }

const requireFrom = (pkg: string) => createRequire(new URL(`../../../packages/${pkg}/package.json`, import.meta.url))
const express = requireFrom('express-adapter')('express') as () => ExpressApp
const Koa = requireFrom('koa-adapter')('koa') as new () => KoaApp

export type AdapterName = 'express' | 'koa'

export const ADAPTERS: readonly AdapterName[] = ['express', 'koa']

export function startAdapter(name: AdapterName, vetkit: Vetkit, mountPath: string): Promise<StartedServer> {
  if (name === 'express') {
    const app = express()
    app.use(mountPath, vetkitRouter(vetkit))
    return listen(app)
  }
  const app = new Koa()
  app.silent = true
  app.use(vetkitMiddleware(vetkit, { basePath: mountPath }))
  return listen(app.callback())
}
