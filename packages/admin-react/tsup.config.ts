import { defineConfig } from 'tsup'
import { tsupBase } from '../../tsup.base'

// A browser library: React and msw stay the host's (peers); the console ships no CSS file (its
// styles are scoped to its root element and rendered with it).
export default defineConfig({
  ...tsupBase,
  target: 'es2022',
  platform: 'browser',
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  external: ['react', 'react/jsx-runtime', 'msw', '@vetkit/core', '@vetkit/core/client'],
})
