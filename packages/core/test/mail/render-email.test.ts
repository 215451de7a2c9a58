import { describe, expect, it } from 'vitest'
import { EMAIL_KINDS, renderEmail } from '../../src/mail/render-email'
import { checkExpiredEmail } from '../../src/mail/templates/check-expired'
import { finalAdverseNoticeEmail } from '../../src/mail/templates/final-adverse-notice'
import { MARCH_3, branding, everyKind } from './email-fixtures'

describe('renderEmail', () => {
  it('knows every kind, and the fixtures cover them all', () => {
    expect([...EMAIL_KINDS].sort()).toEqual(
      ['check_expired', 'check_invited', 'check_under_review', 'expiry_reminder', 'final_adverse_notice', 'pre_adverse_notice'],
    )
    expect(everyKind().map((request) => request.kind).sort()).toEqual([...EMAIL_KINDS].sort())
  })

  it('dispatches to the template of the kind', () => {
    expect(renderEmail('check_expired', { branding, expiredAt: MARCH_3 })).toEqual(checkExpiredEmail({ branding, expiredAt: MARCH_3 }))
    expect(renderEmail('final_adverse_notice', { branding, decisionDate: MARCH_3 })).toEqual(finalAdverseNoticeEmail({ branding, decisionDate: MARCH_3 }))
  })

  it('is pure: the same data renders the same email', () => {
    for (const request of everyKind()) {
      expect(renderEmail(request.kind, request.data as never)).toEqual(renderEmail(request.kind, request.data as never))
    }
  })

  it('rejects an unknown kind from an untyped payload', () => {
    for (const kind of ['check_passed', 'toString', '__proto__']) {
      expect(() => renderEmail(kind as never, { branding } as never)).toThrow(expect.objectContaining({ code: 'invalid_argument', field: 'kind' }))
    }
  })

  it('types the data by kind', () => {
    // @ts-expect-error: an expiry reminder needs `expiresAt`, not `expiredAt`.
    expect(() => renderEmail('expiry_reminder', { branding, expiredAt: MARCH_3 })).toThrow()
  })
})
