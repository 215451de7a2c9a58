// @vetkit/core/ports: the interfaces the engine depends on, for authors of a storage backend,
// a screening provider, a mailer or a logger. Types only; the conformance suites that prove an
// implementation are in `@vetkit/core/testing`.
export type * from './storage'
export type * from './storage-backend'
export type * from './provider'
export type * from './mailer'
export type * from './logger'
