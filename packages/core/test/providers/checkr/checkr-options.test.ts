import { describe, expect, it } from 'vitest'
import { VetkitError } from '../../../src/errors'
import { CHECKR_BASE_URLS, checkrProvider, type CheckrProviderOptions } from '../../../src/providers/checkr'
import { API_KEY } from './support/checkr-harness'

const valid: CheckrProviderOptions = { apiKey: API_KEY, environment: 'production', packageSlug: 'tasker_standard' }

function configError(options: unknown): VetkitError {
  try {
    checkrProvider(options as CheckrProviderOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(VetkitError)
    return error as VetkitError
  }
  throw new Error('expected checkrProvider to throw')
}

describe('checkrProvider options', () => {
  it('accepts the minimal and the full set of options', () => {
    expect(checkrProvider(valid).name).toBe('checkr')
    const full = checkrProvider({
      ...valid,
      environment: 'staging',
      webhookSigningKeys: ['k1', 'k2'],
      webhookBasicAuth: { username: 'u', password: 'p' },
      fetch: globalThis.fetch,
      baseUrl: 'http://localhost:4010/v1',
      timeoutMs: 5_000,
      maxRequestsPerMinute: 1200,
      maxRetries: 0,
      sleep: async () => undefined,
      clock: { now: () => new Date() },
    })
    expect(full.environment).toBe('staging')
    // The notices name Checkr unless told otherwise.
    expect(checkrProvider(valid).agency).toMatchObject({ name: 'Checkr, Inc.', website: 'https://candidate.checkr.com' })
    expect(checkrProvider(valid).packageSlug).toBe('tasker_standard')
  })

  it('knows both base URLs', () => {
    expect(CHECKR_BASE_URLS).toEqual({ production: 'https://api.checkr.com/v1', staging: 'https://api.checkr-staging.com/v1' })
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['apiKey', { apiKey: '' }, 'apiKey'],
    ['apiKey', { apiKey: undefined }, 'apiKey'],
    ['apiKey', { apiKey: 'sk_test:abc' }, 'apiKey'],
    ['apiKey', { apiKey: 'sk test' }, 'apiKey'],
    ['environment', { environment: 'sandbox' }, 'environment'],
    ['environment', { environment: undefined }, 'environment'],
    ['packageSlug', { packageSlug: undefined }, 'packageSlug'],
    ['packageSlug', { packageSlug: '  ' }, 'packageSlug'],
    ['agency', { agency: { name: 'CRA', address: 'x', phone: '1', website: 'javascript:alert(1)' } }, 'agency.website'],
    ['webhookSigningKeys', { webhookSigningKeys: [] }, 'webhookSigningKeys'],
    ['webhookSigningKeys', { webhookSigningKeys: ['ok', ''] }, 'webhookSigningKeys.1'],
    ['webhookBasicAuth', { webhookBasicAuth: { username: 'checkr' } }, 'webhookBasicAuth.password'],
    ['fetch', { fetch: 'https://api.checkr.com' }, 'fetch'],
    ['baseUrl', { baseUrl: 'not a url' }, 'baseUrl'],
    ['baseUrl', { baseUrl: 'ftp://checkr.test/v1' }, 'baseUrl'],
    ['timeoutMs', { timeoutMs: 0 }, 'timeoutMs'],
    ['timeoutMs', { timeoutMs: 1.5 }, 'timeoutMs'],
    ['maxRequestsPerMinute', { maxRequestsPerMinute: 1201 }, 'maxRequestsPerMinute'],
    ['maxRequestsPerMinute', { maxRequestsPerMinute: 0 }, 'maxRequestsPerMinute'],
    ['maxRetries', { maxRetries: -1 }, 'maxRetries'],
    ['maxRetries', { maxRetries: 11 }, 'maxRetries'],
    ['sleep', { sleep: 1000 }, 'sleep'],
    ['clock', { clock: { now: 5 } }, 'clock'],
    ['an unknown option', { apikey: 'typo' }, 'apikey'],
    ['an unknown nested option', { webhookBasicAuth: { username: 'u', password: 'p', realm: 'x' } }, 'webhookBasicAuth.realm'],
  ])('rejects a bad %s as configuration_error naming the field (%o)', (_what, patch, field) => {
    const error = configError({ ...valid, ...patch })
    expect(error.code).toBe('configuration_error')
    expect(error.field).toBe(field)
    expect(error.message).toContain(field)
  })

  it("explains the 1,200 limit as Checkr's", () => {
    expect(configError({ ...valid, maxRequestsPerMinute: 5000 }).message).toBe(
      "maxRequestsPerMinute: must be at most 1200 (Checkr's account-wide limit)",
    )
  })

  it('rejects options that are not an object', () => {
    expect(configError(undefined)).toMatchObject({ code: 'configuration_error', field: 'options' })
  })

  it('never puts the API key or other secrets into the message', () => {
    const messages = [
      configError({ ...valid, apiKey: 'sk live secret-value' }).message,
      configError({ ...valid, apiKey: 'sk_live:secret-value' }).message,
      configError({ ...valid, apiKey: 'secret-value', environment: 'prod' }).message,
      configError({ ...valid, apiKey: 'secret-value', webhookBasicAuth: { username: 'u', password: 'secret-value', extra: 1 } }).message,
    ]
    for (const message of messages) expect(message).not.toContain('secret-value')
  })
})
