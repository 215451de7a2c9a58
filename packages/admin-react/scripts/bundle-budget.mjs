// The console's cost in a host's browser bundle: the built entry (dist/index.js) bundled with
// esbuild as a host's front-end build would, minified for the browser, with React left to the
// host but @vetkit/core/client included (the browser loads it too), then gzipped.
// Exits 1 above the budget. Run after `npx tsup` here and the core package's build.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const BUDGET_KB = 40
const root = fileURLToPath(new URL('..', import.meta.url))
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url))

if (!existsSync(entry)) {
  console.error(`admin-react bundle: ${entry} is missing; run \`npx tsup\` in packages/admin-react first`)
  process.exit(1)
}

let result
try {
  result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
} catch (error) {
  const messages = (error.errors ?? []).map((e) => e.text).join('; ')
  console.error(`admin-react bundle: esbuild failed (${messages || error.message}); is @vetkit/core built (dist/client.js)?`)
  process.exit(1)
}

const code = result.outputFiles[0]?.contents ?? new Uint8Array()
const gzipped = gzipSync(code, { level: 9 }).length
const kb = (bytes) => (bytes / 1000).toFixed(1)
console.log(`admin-react bundle: ${kb(gzipped)} kB min+gzip (budget ${BUDGET_KB} kB)`)
console.log(`  ${kb(code.length)} kB minified, from ${Object.keys(result.metafile.inputs).length} modules`)

// zod in the bundle means the client pulled the server's schemas (they belong to the server).
const zod = Object.keys(result.metafile.inputs).filter((input) => /(^|[/\\])zod([/\\]|@)/.test(input))
if (zod.length > 0) {
  console.error(`admin-react bundle: it contains zod (${zod.length} modules): @vetkit/core/client pulled the server's schemas`)
  for (const input of zod.slice(0, 20)) console.error(`  ${input}`)
  if (zod.length > 20) console.error(`  … and ${zod.length - 20} more`)
  process.exit(1)
}

if (gzipped > BUDGET_KB * 1000) {
  console.error(`admin-react bundle: over the budget by ${kb(gzipped - BUDGET_KB * 1000)} kB`)
  process.exit(1)
}
