/**
 * @vetkit/koa is a buildable shell for now: the adapter is implemented with vetkit's HTTP surface.
 * Until then it only re-exports the core version marker so the package graph and the
 * published entry points can be verified end to end.
 */
export { VETKIT_VERSION } from '@vetkit/core'
