import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkStateDiagram } from '../../src/domain/state-diagram'

describe('the state diagram in docs/architecture.md', () => {
  it('is the one drawn from the transition table (run `pnpm docs:diagram` after changing it)', () => {
    const doc = readFileSync(new URL('../../../../docs/architecture.md', import.meta.url), 'utf8')
    const block = /<!-- state-diagram:begin[^>]*-->\n```mermaid\n([\s\S]*?)\n```\n<!-- state-diagram:end -->/.exec(doc)
    expect(block?.[1]).toBe(checkStateDiagram())
  })

  it('draws every legal transition', () => {
    const diagram = checkStateDiagram()
    expect(diagram).toContain('  consider --> pre_adverse : report.pre_adverse_action<br/>adverse.started')
    expect(diagram).toContain('  disputed --> pre_adverse : report.completed:consider (adverse action open)')
    expect(diagram).toContain('  passed --> expired : validity.expired')
    expect(diagram).not.toMatch(/^\s+failed -->(?! \[\*\])/m)
  })
})
