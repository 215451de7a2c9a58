// @vetkit/core/storage: for authors of a storage backend. A backend implements `StorageBackend`
// (the storage port with provider ids already sealed) and never holds a key; `sealStorage` turns
// it into the `Storage` that `createVetkit` and `describeStorageConformance` take.
export { sealStorage } from './seal-storage'
export type * from '../ports/storage-backend'
