import { describe, expect, it } from 'vitest'
import { createSchedule } from '../../../src/providers/fake/schedule'

const t = (iso: string) => new Date(`2026-01-05T${iso}Z`)

describe('fake provider schedule', () => {
  it('pops due entries by time, then by insertion order, never early', () => {
    const schedule = createSchedule()
    schedule.add(t('12:00:00'), { kind: 'post_notice', adverseActionId: 'b' })
    schedule.add(t('11:00:00'), { kind: 'post_notice', adverseActionId: 'a' })
    schedule.add(t('12:00:00'), { kind: 'post_notice', adverseActionId: 'c' })
    schedule.add(t('13:00:00'), { kind: 'post_notice', adverseActionId: 'd' })
    expect(schedule.nextAt()).toEqual(t('11:00:00'))
    const popped: string[] = []
    for (let due = schedule.popDue(t('12:00:00')); due; due = schedule.popDue(t('12:00:00'))) {
      if (due.entry.kind === 'post_notice') popped.push(due.entry.adverseActionId)
    }
    expect(popped).toEqual(['a', 'b', 'c'])
    expect(schedule.nextAt()).toEqual(t('13:00:00'))
  })

  it('cancels matching entries', () => {
    const schedule = createSchedule()
    schedule.add(t('11:00:00'), { kind: 'invitation_expiry', invitationId: 'i' })
    schedule.add(t('12:00:00'), { kind: 'scenario_step', invitationId: 'i' })
    schedule.cancel((e) => e.kind === 'invitation_expiry')
    expect(schedule.popDue(t('23:00:00'))?.entry).toEqual({ kind: 'scenario_step', invitationId: 'i' })
    expect(schedule.popDue(t('23:00:00'))).toBeNull()
    expect(schedule.nextAt()).toBeNull()
  })
})
