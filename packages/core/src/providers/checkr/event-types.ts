import type { ProviderCheckEvent } from '../../domain/check-events'
import type { ProviderObjectKind } from '../../ports/provider'

/**
 * Every Checkr event type vetkit acts on, and the state-machine event it stands for. Anything
 * else (`invitation.created`, `candidate.updated`, `verification.*`, `package.*`, `form_i9.*`,
 * `continuous_check.*`, types Checkr adds later) concerns no check: it is logged as ignored at
 * once, never retried or dead-lettered. See docs/workflow.md for the whole mapping.
 */
export const CHECKR_EVENT_TRIGGERS: Readonly<Record<string, { event: ProviderCheckEvent['type']; object: ProviderObjectKind }>> = {
  'invitation.completed': { event: 'invitation.completed', object: 'invitation' },
  'invitation.expired': { event: 'invitation.expired', object: 'invitation' },
  // Checkr has no canceled status: a canceled invitation is deleted.
  'invitation.deleted': { event: 'invitation.canceled', object: 'invitation' },
  'report.created': { event: 'report.created', object: 'report' },
  'report.suspended': { event: 'report.suspended', object: 'report' },
  'report.resumed': { event: 'report.resumed', object: 'report' },
  'report.canceled': { event: 'report.canceled', object: 'report' },
  'report.completed': { event: 'report.completed', object: 'report' },
  // An assessment applied, a new result, adjudication or ETA: judged by what the report says now.
  'report.updated': { event: 'report.updated', object: 'report' },
  'report.engaged': { event: 'report.engaged', object: 'report' },
  'report.disputed': { event: 'report.disputed', object: 'report' },
  'report.pre_adverse_action': { event: 'report.pre_adverse_action', object: 'report' },
  'report.post_adverse_action': { event: 'report.post_adverse_action', object: 'report' },
  // The candidate-level twins of the report's adverse-action events (about its most recent report).
  'candidate.pre_adverse_action': { event: 'report.pre_adverse_action', object: 'candidate' },
  'candidate.post_adverse_action': { event: 'report.post_adverse_action', object: 'candidate' },
}
