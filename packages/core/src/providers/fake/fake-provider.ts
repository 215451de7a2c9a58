import { VetkitError } from '../../errors'
import type { ProviderInvitation, ScreeningProvider } from '../../ports/provider'
import { resolveCheckrWebhook } from '../checkr/resolve-webhook'
import { parseCheckrWebhook } from '../checkr/webhook-event'
import { verifyCheckrWebhook } from '../checkr/webhook-signature'
import { cancelAdverseAction, createAdverseAction, listAdverseItems } from './adverse-actions'
import { addMs, toSecond } from './checkr-time'
import { createDisputeControls, type FakeDisputeControls } from './dispute-controls'
import { createReportControls, type FakeReportControls } from './report-controls'
import { createIdFactory } from './ids'
import { createIdempotencyCache } from './idempotency'
import { resolveFakeOptions, type FakeProviderOptions } from './options'
import type { CandidateRecord, InvitationRecord } from './records'
import { badRequest, notFound } from './rejections'
import { deleteInvitation } from './report-lifecycle'
import { runDue, startScenario } from './scenario-runner'
import { isFakeScenario, scenarioFromEmail, type FakeScenario } from './scenarios'
import { createSchedule } from './schedule'
import type { FakeSnapshot, FakeStateStore } from './state-store'
import { adverseActionView, invitationView, reportView, type FakeAdverseAction } from './views'
import { createWebhookControls, type FakeWebhookControls } from './webhook-controls'
import { createWebhookLog } from './webhook-log'
import { emitCandidate, emitInvitation, type World } from './world'

export interface FakeProvider extends ScreeningProvider, FakeWebhookControls, FakeDisputeControls, FakeReportControls {
  readonly name: 'fake'
  readonly environment: 'simulator'
  /** Picks the scenario of a subject (`subjectId`) or candidate id; applies to its next invitations. */
  setScenario(subjectOrCandidateId: string, scenario: FakeScenario): void
  /** An adverse action's state, as `GET /adverse_actions/{id}` would show it. */
  adverseAction(adverseActionId: string): FakeAdverseAction
}

/**
 * A deterministic Checkr simulator: the screening-provider port backed by in-memory state and a
 * timeline driven only by the injected clock. It speaks Checkr's wire format (signed envelopes
 * parsed by the Checkr parser), so hosts exercise the same webhook path as in production.
 */
export function createFakeProvider(options: FakeProviderOptions): FakeProvider {
  const config = resolveFakeOptions(options)
  // A saved state (options.state) wins over the seed: ids go on from where they were.
  const saved = options.state?.load() ?? null
  const seed = saved?.seed ?? config.seed
  const ids = createIdFactory(seed, saved?.counters)
  const world: World = {
    ids,
    timings: config.timings,
    schedule: createSchedule(saved?.schedule),
    log: createWebhookLog(ids, { accountId: config.accountId ?? ids.derive('account'), webhookUrl: config.webhookUrl }, saved?.log),
    candidates: saved?.candidates ?? new Map(),
    invitations: saved?.invitations ?? new Map(),
    reports: saved?.reports ?? new Map(),
    adverseActions: saved?.adverseActions ?? new Map(),
    includeObject: config.includeObject,
  }
  const scenarioOverrides = saved?.scenarioOverrides ?? new Map<string, FakeScenario>()
  const idempotent = {
    candidates: createIdempotencyCache<{ candidateId: string }>(saved?.idempotency.candidates),
    invitations: createIdempotencyCache<ProviderInvitation>(saved?.idempotency.invitations),
    adverseActions: createIdempotencyCache<{ adverseActionId: string; postNoticeScheduledAt: Date | null }>(saved?.idempotency.adverseActions),
  }
  const snapshot = (): FakeSnapshot => ({
    version: 1,
    seed,
    counters: new Map(ids.counters),
    schedule: world.schedule.state(),
    log: [...world.log.entries()],
    candidates: world.candidates,
    invitations: world.invitations,
    reports: world.reports,
    adverseActions: world.adverseActions,
    scenarioOverrides,
    idempotency: { candidates: new Map(idempotent.candidates.stored), invitations: new Map(idempotent.invitations.stored), adverseActions: new Map(idempotent.adverseActions.stored) },
  })
  const signing = { signingKey: config.signingKey, basicAuth: config.webhookBasicAuth }

  /** Brings the simulation up to the clock; every entry point calls it first. */
  const tick = (): Date => {
    const now = toSecond(config.clock.now())
    runDue(world, now)
    return now
  }
  const requireKey = (key: string) => {
    if (typeof key !== 'string' || key === '') throw new VetkitError('invalid_argument', 'idempotencyKey must not be empty', { field: 'idempotencyKey' })
  }
  const find = <T>(map: Map<string, T>, id: string, route: string): T => {
    const found = map.get(id)
    if (!found) throw notFound(route)
    return found
  }
  const control = <T>(map: Map<string, T>, id: string, what: string): T => {
    const found = map.get(id)
    if (!found) throw new VetkitError('invalid_argument', `fake provider: unknown ${what} ${id}`, { field: `${what}Id` })
    return found
  }
  const scenarioFor = (candidate: CandidateRecord): FakeScenario =>
    scenarioOverrides.get(candidate.subjectId) ??
    scenarioOverrides.get(candidate.id) ??
    scenarioFromEmail(candidate.email) ??
    config.defaultScenario

  const provider: FakeProvider = {
    name: 'fake',
    environment: 'simulator',
    packageSlug: config.packageSlug,
    agency: config.agency,
    ...createWebhookControls({ world, signing, deliver: config.deliver, tick }),
    ...createDisputeControls(world, tick),
    ...createReportControls(world, tick),

    async createCandidate(input) {
      const now = tick()
      requireKey(input.idempotencyKey)
      return idempotent.candidates.run(input.idempotencyKey, now, () => {
        // Checkr's own message for a malformed email (OAS "Error codes").
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) throw badRequest('POST /candidates', 'Email is not a valid email address')
        const candidate: CandidateRecord = {
          id: ids.next('candidate'),
          subjectId: input.subjectId,
          email: input.email,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          createdAt: now,
          reportIds: [],
        }
        world.candidates.set(candidate.id, candidate)
        emitCandidate(world, 'candidate.created', candidate, now)
        return { candidateId: candidate.id }
      })
    },

    async createInvitation(input) {
      const now = tick()
      requireKey(input.idempotencyKey)
      return idempotent.invitations.run(input.idempotencyKey, now, () => {
        const route = 'POST /invitations'
        const candidate = find(world.candidates, input.candidateId, route)
        const id = ids.next('invitation')
        const invitation: InvitationRecord = {
          id,
          candidateId: candidate.id,
          packageSlug: config.packageSlug,
          workLocations: structuredClone(input.workLocations ?? []),
          url: config.invitationUrl(id),
          status: 'pending',
          createdAt: now,
          expiresAt: addMs(now, world.timings.invitationExpires),
          completedAt: null,
          deletedAt: null,
          reportId: null,
          scenario: scenarioFor(candidate),
          nextStep: 0,
        }
        world.invitations.set(id, invitation)
        emitInvitation(world, 'invitation.created', invitation, now)
        startScenario(world, invitation)
        return invitationView(invitation)
      })
    },

    async cancelInvitation(invitationId) {
      const now = tick()
      const route = 'DELETE /invitations/{id}'
      const invitation = world.invitations.get(invitationId)
      // "Make sure it is gone", as the Checkr provider reads it: unknown, deleted or expired is done.
      if (!invitation || invitation.deletedAt || invitation.status === 'expired') return
      // The fake's wording: Checkr documents no message for this case.
      if (invitation.status === 'completed') throw badRequest(route, 'Invitation has already been completed')
      deleteInvitation(world, invitation, now)
    },

    async getCandidate(candidateId) {
      tick()
      const candidate = find(world.candidates, candidateId, 'GET /candidates/{id}')
      return { candidateId: candidate.id, reportIds: [...candidate.reportIds] }
    },

    async getInvitation(invitationId) {
      tick()
      return invitationView(find(world.invitations, invitationId, 'GET /invitations/{id}'))
    },

    async getReport(reportId) {
      tick()
      return reportView(find(world.reports, reportId, 'GET /reports/{id}'))
    },

    async listAdverseItems(reportId) {
      tick()
      return listAdverseItems(world, find(world.reports, reportId, 'GET /reports/{id}/adverse_items'))
    },

    async createAdverseAction(input) {
      const now = tick()
      requireKey(input.idempotencyKey)
      // Checked before any request, as the Checkr provider does.
      if (input.adverseItemIds.length === 0) {
        throw new VetkitError('invalid_argument', 'createAdverseAction needs at least one adverse item id', { field: 'adverseItemIds' })
      }
      if (Number.isNaN(input.postNoticeScheduledAt.getTime())) {
        throw new VetkitError('invalid_argument', 'postNoticeScheduledAt is not a valid date', { field: 'postNoticeScheduledAt' })
      }
      return idempotent.adverseActions.run(input.idempotencyKey, now, () => {
        const report = find(world.reports, input.reportId, 'POST /reports/{id}/adverse_actions')
        const action = createAdverseAction(world, report, input, now)
        return { adverseActionId: action.id, postNoticeScheduledAt: new Date(action.postNoticeScheduledAt) }
      })
    },

    async cancelAdverseAction(adverseActionId) {
      const now = tick()
      cancelAdverseAction(world, find(world.adverseActions, adverseActionId, 'DELETE /adverse_actions/{id}'), now)
    },

    verifyWebhook(request) {
      return verifyCheckrWebhook(request, { signingKeys: [config.signingKey], basicAuth: config.webhookBasicAuth ?? undefined })
    },

    parseWebhook: parseCheckrWebhook,

    // The simulator speaks Checkr's model: its webhooks resolve as Checkr's do.
    resolveWebhook: (trigger) => resolveCheckrWebhook(provider, trigger),
    reportUrl: ({ reportId }) => (reportId ? config.reportUrl(reportId) : null),

    setScenario(subjectOrCandidateId, scenario) {
      if (!isFakeScenario(scenario)) throw new VetkitError('invalid_argument', `unknown fake scenario ${String(scenario)}`, { field: 'scenario' })
      scenarioOverrides.set(subjectOrCandidateId, scenario)
    },

    adverseAction(adverseActionId) {
      tick()
      return adverseActionView(control(world.adverseActions, adverseActionId, 'adverseAction'))
    },
  }
  return options.state ? persisting(provider, options.state, snapshot) : provider
}

/**
 * Saves the state after every call (and after the promise of an async one settles): the
 * simulator's whole world is small, and a saved state must never be older than what a caller saw.
 */
function persisting(provider: FakeProvider, store: FakeStateStore, snapshot: () => FakeSnapshot): FakeProvider {
  const wrapped: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(provider)) {
    if (typeof value !== 'function') {
      wrapped[key] = value
      continue
    }
    wrapped[key] = (...args: unknown[]) => {
      const result: unknown = (value as (...a: unknown[]) => unknown).apply(provider, args)
      if (result instanceof Promise) return result.finally(() => store.save(snapshot()))
      store.save(snapshot())
      return result
    }
  }
  return wrapped as unknown as FakeProvider
}
