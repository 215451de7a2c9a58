/**
 * The API's JSON as the console reads it, named once. Every type comes from the operation table
 * through `@vetkit/core/client`, so a field the API drops or renames fails the build here.
 */
import type { ClientInput, OperationOutput } from '@vetkit/core/client'

export type CheckDetailData = OperationOutput<'getCheck'>
export type CheckJson = CheckDetailData['check']
export type AdverseActionJson = NonNullable<CheckJson['adverseAction']>
export type HistoryEntry = CheckDetailData['history'][number]
export type ConsentEvidence = CheckDetailData['consents'][number]
export type EmailRecord = CheckDetailData['emails'][number]
export type EmailStatus = EmailRecord['status']
export type ActorKind = HistoryEntry['actorKind']

export type CheckPage = OperationOutput<'listChecks'>
export type CheckSummary = CheckPage['items'][number]
export type ClosedReason = NonNullable<CheckSummary['closedReason']>
export type QueueCounts = OperationOutput<'countChecks'>['counts']
export type AdverseItemsData = OperationOutput<'listAdverseItems'>
export type AdverseItem = AdverseItemsData['items'][number]

export type WebhookPage = OperationOutput<'listWebhooks'>
export type WebhookEntry = WebhookPage['items'][number]
export type WebhookDetailData = OperationOutput<'getWebhook'>
export type WebhookQuery = NonNullable<ClientInput<'listWebhooks'>['query']>
export type AuthOutcome = NonNullable<WebhookQuery['authOutcome']>
export type ProcessingOutcome = NonNullable<WebhookQuery['processingOutcome']>
