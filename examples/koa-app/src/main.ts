// `pnpm --filter example-koa-app start`: the Koa example on http://localhost:3001 (PORT).
import { resolve } from 'node:path'
import { createKoaApp } from './app'

const port = Number(process.env.PORT ?? 3001)
const host = await createKoaApp({ dataDir: resolve(process.env.DATA_DIR ?? './.data/pglite') })
const { url } = await host.listen(port)
console.log(`vetkit Koa example on http://localhost:${port} (${url}); GET / lists what to try. Ctrl-C stops it.`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    host.close().then(() => process.exit(0), () => process.exit(1))
  })
}
