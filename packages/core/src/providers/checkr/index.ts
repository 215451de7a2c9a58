// @vetkit/core/checkr: the Checkr provider (API client and webhook verification).
export {
  CHECKR_PLACEHOLDER_SIGNATURE,
  CHECKR_SIGNATURE_HEADER,
  signCheckrPayload,
  verifyCheckrWebhook,
  type CheckrWebhookAuth,
} from './webhook-signature'
export { parseCheckrWebhook } from './webhook-event'
