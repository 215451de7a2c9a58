// Lints every publishable package as it would be published: publint (package.json, exports and
// files) and Are The Types Wrong (ESM, CJS and types resolve the same way under Node 16+ and
// bundlers). Run after `pnpm build`; fails on the first finding.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const packagesDir = join(root, 'packages')
const bin = (name) => join(root, 'node_modules', '.bin', name)

let failed = false
for (const dir of readdirSync(packagesDir)) {
  const pkgDir = join(packagesDir, dir)
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  if (pkg.private) continue
  for (const [tool, args] of [
    ['publint', ['--strict', '--pack', 'pnpm', pkgDir]],
    ['attw', ['--pack', pkgDir, '--profile', 'node16', '--format', 'ascii']],
  ]) {
    try {
      const out = execFileSync(bin(tool), args, { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      void out
      console.log(`${tool} ${pkg.name}: ok`)
    } catch (error) {
      failed = true
      console.error(`${tool} ${pkg.name}: FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    }
  }
}
if (failed) process.exit(1)
