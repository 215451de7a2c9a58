import { http, HttpResponse } from 'msw'
import { candidate as candidateFixture, checkrError, invitation as invitationFixture } from '../checkr/support/checkr-objects'

/**
 * A small stateful Checkr API for msw: candidates and invitations as Checkr returns them
 * (the documented objects of checkr-objects.ts, with fresh ids), replayed per Idempotency-Key,
 * 404 with Checkr's error body for an id it does not know.
 */
export function statefulCheckrApi(base: string) {
  const candidates = new Map<string, Record<string, unknown>>()
  const invitations = new Map<string, Record<string, unknown>>()
  const replays = new Map<string, Record<string, unknown>>()
  let next = 0
  const id = () => (++next).toString(16).padStart(24, 'c')
  const idempotent = (request: Request, create: () => Record<string, unknown>) => {
    const key = request.headers.get('Idempotency-Key')
    const known = key ? replays.get(key) : undefined
    if (known) return HttpResponse.json(known, { status: 201 })
    const created = create()
    if (key) replays.set(key, created)
    return HttpResponse.json(created, { status: 201 })
  }
  const notFound = () => HttpResponse.json(checkrError('Not Found'), { status: 404 })

  return [
    http.post(`${base}/candidates`, async ({ request }) => {
      const body = (await request.clone().json()) as Record<string, unknown>
      return idempotent(request, () => {
        const candidate = { ...candidateFixture, id: id(), email: body.email, custom_id: body.custom_id, report_ids: [] }
        candidates.set(String(candidate.id), candidate)
        return candidate
      })
    }),
    http.get(`${base}/candidates/:id`, ({ params }) => {
      const candidate = candidates.get(String(params.id))
      return candidate ? HttpResponse.json(candidate) : notFound()
    }),
    http.post(`${base}/invitations`, async ({ request }) => {
      const body = (await request.clone().json()) as Record<string, unknown>
      if (!candidates.has(String(body.candidate_id))) return notFound()
      return idempotent(request, () => {
        const invitationId = id()
        const invitation = {
          ...invitationFixture,
          id: invitationId,
          uri: `/v1/invitations/${invitationId}`,
          invitation_url: `https://apply.checkr.com/invite/contract/${invitationId}`,
          candidate_id: body.candidate_id,
          package: body.package,
        }
        invitations.set(invitationId, invitation)
        return invitation
      })
    }),
    http.get(`${base}/invitations/:id`, ({ params }) => {
      const invitation = invitations.get(String(params.id))
      return invitation ? HttpResponse.json(invitation) : notFound()
    }),
    http.delete(`${base}/invitations/:id`, ({ params }) => {
      const invitation = invitations.get(String(params.id))
      if (!invitation) return notFound()
      if (invitation.deleted_at) return HttpResponse.json(checkrError('Invitation has already been deleted'), { status: 400 })
      invitation.deleted_at = '2026-01-20T12:00:00Z'
      return HttpResponse.json(invitation)
    }),
    http.get(`${base}/reports/:id`, () => notFound()),
  ]
}
