import type { JsonSchema } from './openapi'
import type { Rng } from './rng'

/** A valid value for a schema, every optional property included (mutations need a place to land). */
export function fullValue(schema: JsonSchema): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0]
  switch (primaryType(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [key, property] of Object.entries(schema.properties ?? {})) out[key] = fullValue(property)
      return out
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => fullValue(schema.items ?? { type: 'string' }))
    case 'boolean':
      return true
    case 'integer':
    case 'number':
      return schema.minimum ?? 1
    case 'string':
      if (schema.format === 'email') return 'hostile@example.test'
      return 'US'.padEnd(Math.max(2, schema.minLength ?? 1), 'x').slice(0, schema.maxLength ?? 64)
    default:
      return 'x'
  }
}

export function primaryType(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type
}

/** A path to a value inside a body, and that value's schema. */
export interface Leaf {
  path: (string | number)[]
  schema: JsonSchema
}

/** Every property of a body schema, nested ones (array items, objects) included. */
export function leavesOf(schema: JsonSchema, prefix: (string | number)[] = []): Leaf[] {
  const out: Leaf[] = []
  if (primaryType(schema) === 'object') {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      out.push({ path: [...prefix, key], schema: property })
      out.push(...leavesOf(property, [...prefix, key]))
    }
  } else if (primaryType(schema) === 'array' && schema.items) {
    out.push({ path: [...prefix, 0], schema: schema.items })
    out.push(...leavesOf(schema.items, [...prefix, 0]))
  }
  return out
}

/** `value` with the value at `path` replaced (the path must exist in a `fullValue`). */
export function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? setAt(item, rest, replacement) : item))
  if (value !== null && typeof value === 'object' && typeof head === 'string') {
    return { ...(value as Record<string, unknown>), [head]: setAt((value as Record<string, unknown>)[head], rest, replacement) }
  }
  return value
}

/** A JSON value of any type but the schema's (null included: optional fields do not take null). */
export function wrongTypeValue(rng: Rng, schema: JsonSchema): unknown {
  const byType: Record<string, unknown[]> = {
    string: [123, -1.5, 0, true, false, null, [], {}, ['x'], { $gt: '' }, { toString: 'x' }],
    boolean: ['true', 'false', 1, 0, null, [], {}, 'yes'],
    array: ['x', 1, {}, null, true, { 0: 'a', length: 1 }],
    object: ['x', 1, [], null, true, [{}]],
    integer: ['1', true, null, 1.5, [], {}],
    number: ['1', true, null, [], {}],
  }
  return rng.pick(byType[primaryType(schema) ?? 'string'] ?? byType.string ?? [null])
}

/** JSON nested `depth` levels deep: arrays (`[[[...]]]`) or objects (`{"a":{"a":...}}`). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** Byte sequences that are not UTF-8: a stray byte, a truncated or overlong sequence, an encoded surrogate, beyond U+10FFFF. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0x80]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xed, 0xbf, 0xbf]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
]

/** Lone surrogates, as JSON escapes once stringified: valid JSON, invalid Unicode. */
export const UNPAIRED_SURROGATES: readonly string[] = ['\ud800', '\udfff', 'a\ud83d', '\udc00\ud800', 'x\udbffy']

/** Inserts `bytes` inside the first string literal of `json` (after its opening quote). */
export function insideFirstString(json: string, bytes: Buffer): Buffer {
  const quote = json.indexOf('"', json.indexOf(':') + 1)
  const at = quote < 0 ? json.length : quote + 1
  return Buffer.concat([Buffer.from(json.slice(0, at), 'utf8'), bytes, Buffer.from(json.slice(at), 'utf8')])
}

/**
 * A string of `length` characters as zod and the database count them (code points): ASCII,
 * accented, astral (two UTF-16 units each, still one character) or a mix.
 */
export function longText(rng: Rng, length: number): string {
  const unit = rng.pick(['x', 'é', '𝒳', 'ab'])
  return [...unit.repeat(length)].slice(0, length).join('')
}
