import type { Options } from 'tsup'

/**
 * What every package's build shares: ESM and CJS with declarations for both, Node 20, one chunk
 * per shared module. Each package adds its entry points (and core its optional peers as externals).
 */
export const tsupBase = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
} satisfies Options
