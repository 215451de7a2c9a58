/**
 * @vetkit/admin-react is a buildable shell for now: the review console is implemented with the
 * admin HTTP surface. Until then it only re-exports the core version marker so the package graph
 * and the published entry points can be verified end to end.
 */
export { VETKIT_VERSION } from '@vetkit/core'
