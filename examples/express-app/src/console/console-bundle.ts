// The review console's browser bundle, built on first request with esbuild from ./main.tsx (the
// host's own page code: React, the typed client and @vetkit/admin-react) and kept in memory. A
// real host bundles it with its own front-end build instead.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

let bundle: Promise<string> | null = null

export function consoleBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./main.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '')
  // A failed build is retried on the next request, not cached.
  bundle.catch(() => {
    bundle = null
  })
  return bundle
}
