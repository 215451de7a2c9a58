// @vetkit/core/testing: helpers for tests of vetkit and of hosts that embed it. Never use these
// keys outside tests: they are public.
import { createBlindIndex } from '../crypto/blind-index'
import { createFieldCipher } from '../crypto/field-cipher'
import { createProviderIdSealer, type ProviderIdSealer } from '../crypto/provider-id-sealer'

const PUBLIC_TEST_KEY = Buffer.alloc(32, 7)
const PUBLIC_TEST_INDEX_KEY = Buffer.alloc(32, 9)

/** A provider-id sealer with fixed, public keys: deterministic blind indexes across test runs. */
export function testSealer(): ProviderIdSealer {
  const sealer = createProviderIdSealer({
    cipher: createFieldCipher({ keys: [{ id: 'test', key: PUBLIC_TEST_KEY }] }),
    blindIndex: createBlindIndex({ key: PUBLIC_TEST_INDEX_KEY }),
  })
  return { ...sealer, testKeys: true }
}

export { createSimulation } from './simulation'
export type { Simulation, SimulationOptions } from './simulation'
export { describeProviderContract } from './provider-contract'
export type { ProviderContractSubject, WebhookDelivery } from './provider-contract'
export type { TestApi } from './test-api'
export { describeStorageConformance } from './storage-conformance'
export type { StorageTarget } from './storage-conformance'
