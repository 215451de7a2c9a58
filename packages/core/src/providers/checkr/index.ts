// @vetkit/core/checkr: the Checkr provider (API client and webhook verification).
export { checkrProvider } from './checkr-provider'
export { CHECKR_AGENCY } from './agency'
export { resolveCheckrWebhook } from './resolve-webhook'
export { CHECKR_BASE_URLS, CHECKR_MAX_REQUESTS_PER_MINUTE, type CheckrProviderOptions } from './checkr-options'
export { CheckrApiError, type CheckrErrorCode } from './checkr-errors'
export { createOutboundLimiter, type OutboundLimiter, type OutboundLimiterOptions } from './outbound-limiter'
export { CHECKR_BACKOFF_MS } from './retry-policy'
export {
  CHECKR_PLACEHOLDER_SIGNATURE,
  CHECKR_SIGNATURE_HEADER,
  signCheckrPayload,
  verifyCheckrWebhook,
  type CheckrWebhookAuth,
} from './webhook-signature'
export { parseCheckrWebhook } from './webhook-event'
