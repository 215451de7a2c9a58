// @vetkit/core/crypto: provider-id encryption (AES-256-GCM with key rotation), the blind index,
// and the helpers around them. The usual set-up needs only the four names `@vetkit/core` exports.
export { cryptoSettingsFromEnv, generateEncryptionKey, parseEncryptionKeys, parseSecretKey } from './encryption-keys'
export type { CryptoSettings, EncryptionKey } from './encryption-keys'
export { createFieldCipher } from './field-cipher'
export type { FieldCipher } from './field-cipher'
export { createBlindIndex } from './blind-index'
export type { BlindIndex } from './blind-index'
export { timingSafeEqualStrings } from './timing-safe'
export { createProviderIdSealer } from './provider-id-sealer'
export type { ProviderIdSealer } from './provider-id-sealer'
