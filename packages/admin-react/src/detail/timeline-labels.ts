import type { ActorKind } from '../api/types'
import type { StringKey } from '../i18n/strings'

/** Who can write a history entry. */
export const ACTOR_LABELS = {
  admin: 'actor.admin',
  subject: 'actor.subject',
  system: 'actor.system',
  host: 'actor.host',
  provider: 'actor.provider',
} as const satisfies Record<ActorKind, StringKey>
