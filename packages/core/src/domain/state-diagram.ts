import { CHECK_STATUSES, type CheckStatus } from './check-status'
import { TRANSITION_KEYS, TRANSITIONS } from './transition-table'

/**
 * Renders the transition table as a mermaid state diagram, so the diagram in the docs is drawn
 * from the table itself (a test fails when they drift apart).
 */
export function checkStateDiagram(): string {
  const lines = ['stateDiagram-v2', '  [*] --> invited : invite']
  for (const from of CHECK_STATUSES) {
    const edges = new Map<string, string[]>()
    const add = (to: CheckStatus, label: string) => edges.set(to, [...(edges.get(to) ?? []), label])
    for (const key of TRANSITION_KEYS) {
      const target = TRANSITIONS[from][key]
      if (target === undefined) continue
      if (target === 'review') {
        add('pre_adverse', `${key} (adverse action open)`)
        add('consider', `${key} (no adverse action)`)
      } else {
        add(target, key)
      }
    }
    for (const [to, labels] of edges) lines.push(`  ${from} --> ${to} : ${labels.join('<br/>')}`)
  }
  for (const terminal of ['failed', 'canceled', 'expired'] as const) lines.push(`  ${terminal} --> [*]`)
  return lines.join('\n')
}
