import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests import workspace packages from source, so a test run never depends on a stale build.
const alias = [
  { find: /^@vetkit\/core$/, replacement: src('./packages/core/src/index.ts') },
]

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'core', root: src('./packages/core'), include: ['test/**/*.test.ts'], environment: 'node' },
      },
      {
        // Examples run against the built packages, as a host app would.
        test: { name: 'examples', root: src('./examples'), include: ['*/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
})
