import { ConfigurationError } from '../errors'
import type { ScreeningProvider } from '../ports/provider'
import type { Storage } from '../ports/storage'

export type VetkitEnvironment = 'production' | 'development' | 'test'

export interface EnvironmentOverrides {
  /** Lets production run on the fake provider (a public demo). Never for real workers. */
  allowFakeProviderInProduction?: boolean
  /** Lets production run against Checkr's staging environment. */
  allowStagingProviderInProduction?: boolean
  /** Lets a non-production environment use a production provider (real checks, real money). */
  allowProductionProviderOutsideProduction?: boolean
}

/**
 * Start-up guards against the mistakes that hurt most: real workers screened by a simulator,
 * test data ordering real (billed) reports, and FCRA data encrypted with public keys. Each failure
 * names the setting to change.
 */
export function assertEnvironment(environment: VetkitEnvironment, provider: ScreeningProvider, storage: Storage, overrides: EnvironmentOverrides = {}): void {
  if (environment === 'production') {
    if (provider.environment === 'simulator' && !overrides.allowFakeProviderInProduction) {
      throw new ConfigurationError('provider', `production refuses the "${provider.name}" simulator; configure checkrProvider, or set overrides.allowFakeProviderInProduction for a demo`)
    }
    if (provider.environment === 'staging' && !overrides.allowStagingProviderInProduction) {
      throw new ConfigurationError('provider.environment', 'production refuses a staging provider; use production keys, or set overrides.allowStagingProviderInProduction')
    }
    if (storage.usesTestEncryptionKeys) {
      throw new ConfigurationError('storage.sealer', 'production refuses the public test encryption keys; configure VETKIT_ENCRYPTION_KEYS (see docs/encryption.md)')
    }
  } else if (provider.environment === 'production' && !overrides.allowProductionProviderOutsideProduction) {
    throw new ConfigurationError(
      'provider.environment',
      `the ${environment} environment refuses a production provider (real, billed checks); use staging keys, or set overrides.allowProductionProviderOutsideProduction`,
    )
  }
}
