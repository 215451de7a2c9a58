import { ToneBadge } from '../components/tone-badge'
import { useLocaleTools } from '../provider/admin-context'
import { AUTH_OUTCOMES, isAuthOutcome, isProcessingOutcome, PROCESSING_OUTCOMES } from './webhook-outcomes'

// The log's outcomes are open strings in the API: a newer server's value shows as it is.

export function AuthOutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useLocaleTools()
  if (!isAuthOutcome(outcome)) return <ToneBadge tone="neutral">{outcome}</ToneBadge>
  return <ToneBadge tone={AUTH_OUTCOMES[outcome].tone}>{t(AUTH_OUTCOMES[outcome].label)}</ToneBadge>
}

export function ProcessingOutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useLocaleTools()
  if (!isProcessingOutcome(outcome)) return <ToneBadge tone="neutral">{outcome}</ToneBadge>
  return <ToneBadge tone={PROCESSING_OUTCOMES[outcome].tone}>{t(PROCESSING_OUTCOMES[outcome].label)}</ToneBadge>
}
