/**
 * The orders the admin list can be read in, each a keyset over (column, id) so every page costs
 * the same. Expiring-soon lists default to the soonest expiry instead (`valid_until_asc`).
 */
export const CHECK_LIST_SORTS = ['created_desc', 'created_asc', 'updated_desc', 'updated_asc'] as const

export type CheckListSort = (typeof CHECK_LIST_SORTS)[number]
