import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { manualClock } from '../../../src/domain/clock'
import { checkrProvider } from '../../../src/providers/checkr'
import { createFakeProvider } from '../../../src/providers/fake'
import { describeProviderContract } from '../../../src/testing'
import { API_KEY, PROD } from '../checkr/support/checkr-harness'
import { statefulCheckrApi } from './checkr-api'
import { checkrContractWebhooks } from './checkr-webhooks'

// The simulator and the Checkr client (against msw) pass the same contract a new provider must.
describeProviderContract(
  'fake',
  async () => ({ provider: createFakeProvider({ clock: manualClock('2026-01-20T12:00:00Z'), signingKey: 'contract-key' }), webhooks: checkrContractWebhooks('contract-key') }),
  { describe, it },
)

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describeProviderContract(
  'checkr',
  async () => {
    server.resetHandlers(...statefulCheckrApi(PROD))
    const provider = checkrProvider({ apiKey: API_KEY, environment: 'production', packageSlug: 'tasker_standard', maxRetries: 0 })
    return { provider, webhooks: checkrContractWebhooks(API_KEY) }
  },
  { describe, it },
)
