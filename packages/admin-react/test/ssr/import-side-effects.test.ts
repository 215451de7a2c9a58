// @vitest-environment node
import { describe, expect, it } from 'vitest'

const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'matchMedia', 'requestAnimationFrame', 'HTMLElement', 'CSS', 'fetch'] as const

describe('importing the package', () => {
  it('reads no browser global and adds no global', async () => {
    // The peers are the host's: load them before watching, so only this package's own code is measured.
    await import('react')
    await import('@vetkit/core/client')
    const touched: string[] = []
    const saved = new Map<string, PropertyDescriptor | undefined>()
    for (const name of BROWSER_GLOBALS) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name))
      const original = (globalThis as Record<string, unknown>)[name]
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name)
          return original
        },
      })
    }
    const before = new Set(Reflect.ownKeys(globalThis))
    try {
      const admin = await import('../../src/index')
      expect(typeof admin.ReviewConsole).toBe('function')
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor)
        else Reflect.deleteProperty(globalThis, name)
      }
    }
    const added = Reflect.ownKeys(globalThis).filter((key) => !before.has(key) && !BROWSER_GLOBALS.includes(key as (typeof BROWSER_GLOBALS)[number]))
    expect(touched).toEqual([])
    expect(added).toEqual([])
  })
})
