import type { ReactNode } from 'react'
import type { Tone } from '../style/tokens'

export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`vk-badge vk-tone-${tone}`}>{children}</span>
}
