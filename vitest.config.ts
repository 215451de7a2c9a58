import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests import workspace packages from source, so a test run never depends on a stale build.
const alias = [
  { find: /^@vetkit\/core$/, replacement: src('./packages/core/src/index.ts') },
]

// The adapters' tests use core's public entry points, from source like the core project.
const coreEntries = { domain: 'domain', ports: 'ports', crypto: 'crypto', mail: 'mail', storage: 'storage', knex: 'storage/knex', pglite: 'storage/pglite', testing: 'testing', checkr: 'providers/checkr', smtp: 'mail/smtp', fake: 'providers/fake', client: 'client', metrics: 'metrics', 'node-http': 'node-http' }
const adapterAlias = [
  ...alias,
  ...Object.entries(coreEntries).map(([entry, dir]) => ({ find: new RegExp(`^@vetkit/core/${entry}$`), replacement: src(`./packages/core/src/${dir}/index.ts`) })),
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
        resolve: { alias: adapterAlias },
        test: {
          name: 'adapters',
          root: src('.'),
          include: ['packages/express-adapter/test/**/*.test.ts', 'packages/koa-adapter/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Attacks kept as tests: hostile input, the authorization matrix, killed workers, a database
        // outage. Real sockets, real databases, real processes; each prints what it injected.
        resolve: { alias: adapterAlias },
        // They run after every other project (their own group), one file at a time: they start
        // servers, child processes and a database cluster, and kill them on a schedule.
        test: {
          name: 'faults',
          root: src('./tests/faults'),
          include: ['**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The review console: components in jsdom against msw, the client from source.
        resolve: { alias: adapterAlias },
        test: {
          name: 'admin',
          root: src('./packages/admin-react'),
          include: ['test/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          env: { VETKIT_REACT_MAJOR: '19' },
          setupFiles: ['./test/setup.ts'],
        },
      },
      {
        // The same console under React 18.3 (the oldest peer it declares): tests/react18 holds its
        // own React, React DOM and Testing Library; the console's sources are pointed at that React.
        resolve: {
          alias: [
            ...adapterAlias,
            { find: /^react$/, replacement: src('./tests/react18/node_modules/react/index.js') },
            { find: /^react\/(.*)$/, replacement: src('./tests/react18/node_modules/react/$1') },
            { find: /^react-dom\/(.*)$/, replacement: src('./tests/react18/node_modules/react-dom/$1') },
            { find: /^@testing-library\/(react|user-event|dom)$/, replacement: src('./tests/react18/node_modules/@testing-library/$1') },
          ],
        },
        test: {
          name: 'admin-react18',
          env: { VETKIT_REACT_MAJOR: '18' },
          root: src('./packages/admin-react'),
          include: ['test/ssr/**/*.test.{ts,tsx}', 'test/console/**/*.test.tsx', 'test/detail/check-actions.test.tsx', 'test/react-version.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['./test/setup.ts'],
        },
      },
      {
        // Examples run against the built packages, as a host app would.
        test: { name: 'examples', root: src('./examples'), include: ['*/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
})
