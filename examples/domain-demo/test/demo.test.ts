import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('the domain demo (the README main-job command until the reference app exists)', () => {
  it('walks Ada to a pass and expiry, and Ben through a dispute to the final notice', () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url))
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd, encoding: 'utf8' })
    expect(out).toContain('ada   report.completed: pending -> passed')
    expect(out).toContain('ada   report.created delivered again, late: ignored (stale)')
    expect(out).toContain('ada   ELIGIBLE until 2028-11-05')
    expect(out.match(/send expiry_reminder_\d+d/g)).toEqual(['send expiry_reminder_30d', 'send expiry_reminder_7d'])
    expect(out).toContain('ben   adverse.started: consider -> pre_adverse; final notice due 2026-11-30 16:00Z')
    expect(out).toContain('ben   try final notice: refused: dispute_open')
    expect(out).toContain('ben   final notice: pre_adverse -> failed')
    expect(out).toContain('ben   not eligible (adverse_action_final)')
  })
})
