import type { BlindIndex } from './blind-index'
import type { FieldCipher } from './field-cipher'

/**
 * What storage needs to keep provider ids encrypted at rest and still find rows by them:
 * a ciphertext for the column and a blind index for the lookup, under one context per column.
 */
export interface ProviderIdSealer {
  seal(value: string, context: string): { ciphertext: string; index: string }
  open(ciphertext: string, context: string): string
  index(value: string, context: string): string
  /** Set by `testSealer()`: its keys are public, and production refuses them. */
  readonly testKeys?: boolean
}

export function createProviderIdSealer(options: { cipher: FieldCipher; blindIndex: BlindIndex }): ProviderIdSealer {
  const { cipher, blindIndex } = options
  return {
    seal: (value, context) => ({ ciphertext: cipher.encrypt(value, context), index: blindIndex.compute(value, context) }),
    open: (ciphertext, context) => cipher.decrypt(ciphertext, context),
    index: (value, context) => blindIndex.compute(value, context),
  }
}
