import { describe, expect, it } from 'vitest'
import { manualClock } from '../../src/domain/clock'
import type { ScreeningProvider } from '../../src/ports/provider'
import type { Storage } from '../../src/ports/storage'
import { createFakeProvider } from '../../src/providers/fake'
import { assertEnvironment } from '../../src/vetkit/environment-guards'
import { createVetkit } from '../../src/vetkit/create-vetkit'

const storage = (testKeys: boolean) => ({ usesTestEncryptionKeys: testKeys }) as Storage
const provider = (environment: ScreeningProvider['environment']) => ({ name: 'checkr', environment }) as ScreeningProvider

describe('environment guards', () => {
  it('production refuses the simulator, staging keys and the public test encryption keys, naming the setting', () => {
    const fake = createFakeProvider({ clock: manualClock(), signingKey: 'k' })
    expect(() => assertEnvironment('production', fake, storage(false))).toThrow(/^provider: production refuses the "fake" simulator/)
    expect(() => assertEnvironment('production', provider('staging'), storage(false))).toThrow(/^provider\.environment: production refuses a staging provider/)
    expect(() => assertEnvironment('production', provider('production'), storage(true))).toThrow(/^storage\.sealer: production refuses the public test encryption keys/)
    expect(() => assertEnvironment('production', provider('production'), storage(false))).not.toThrow()
  })

  it('explicit overrides allow a demo on the simulator and staging in production, never test keys', () => {
    const fake = createFakeProvider({ clock: manualClock(), signingKey: 'k' })
    expect(() => assertEnvironment('production', fake, storage(false), { allowFakeProviderInProduction: true })).not.toThrow()
    expect(() => assertEnvironment('production', provider('staging'), storage(false), { allowStagingProviderInProduction: true })).not.toThrow()
    expect(() => assertEnvironment('production', provider('production'), storage(true), { allowFakeProviderInProduction: true, allowStagingProviderInProduction: true })).toThrow(/test encryption keys/)
  })

  it('outside production, production keys are refused unless explicitly allowed', () => {
    for (const env of ['development', 'test'] as const) {
      expect(() => assertEnvironment(env, provider('production'), storage(true))).toThrow(new RegExp(`^provider\\.environment: the ${env} environment refuses a production provider`))
      expect(() => assertEnvironment(env, provider('production'), storage(true), { allowProductionProviderOutsideProduction: true })).not.toThrow()
      expect(() => assertEnvironment(env, provider('staging'), storage(true))).not.toThrow()
    }
  })

  it('createVetkit runs the guards and validates its settings at start-up', () => {
    const fake = createFakeProvider({ clock: manualClock(), signingKey: 'k' })
    expect(() => createVetkit({ storage: storage(false), provider: fake, environment: 'production' })).toThrow(/simulator/)
    // The package moved to the provider: an old configuration is told where, not ignored.
    expect(() => createVetkit({ storage: storage(true), provider: fake, environment: 'test', ...{ packageSlug: 'p' } })).toThrow(/^packageSlug: is a provider option now: checkrProvider\(\{ packageSlug \}\)/)
    expect(() => createVetkit({ storage: storage(true), provider: { ...fake, packageSlug: ' ' }, environment: 'test' })).toThrow(/^provider\.packageSlug:/)
    expect(() => createVetkit({ storage: storage(true), provider: fake, environment: 'test', policy: { validity: { years: 0 } } })).toThrow(/^policy\.validity/)
  })
})
