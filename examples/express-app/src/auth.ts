// A FAKE LOGIN, for the demo only. Anyone can be anyone: `?as=<instructor id>` or `?as=admin`
// sets a cookie, and scripts may send an `X-Demo-User` header instead. A real host plugs its own
// session or token check into vetkit's `authenticate` hook in exactly the same place. Never
// deploy this: NODE_ENV=production refuses it unless ALLOW_DEMO_LOGIN=true.
import type { HttpActor } from '@vetkit/core'
import type { Instructor, InstructorStore } from './instructors'

export const DEMO_USER_COOKIE = 'demo_user'
export const DEMO_USER_HEADER = 'x-demo-user'
export const ADMIN_ID = 'admin'

export type DemoUser = { kind: 'admin'; id: typeof ADMIN_ID } | { kind: 'instructor'; id: string; instructor: Instructor }

/** The user id claimed by a request: the `X-Demo-User` header, else the `demo_user` cookie. */
export function claimedUserId(headers: { cookie?: string | null; demoUser?: string | null }): string | null {
  const header = headers.demoUser?.trim()
  if (header) return header
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === DEMO_USER_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null
      } catch {
        return null
      }
    }
  }
  return null
}

/** `Set-Cookie` for `?as=`: an empty id signs out. */
export function demoUserCookie(id: string): string {
  const base = `${DEMO_USER_COOKIE}=${encodeURIComponent(id)}; Path=/; HttpOnly; SameSite=Lax`
  return id === '' ? `${base}; Max-Age=0` : base
}

export function demoAuth(instructors: InstructorStore) {
  async function identify(userId: string | null): Promise<DemoUser | null> {
    if (!userId) return null
    if (userId === ADMIN_ID) return { kind: 'admin', id: ADMIN_ID }
    const instructor = await instructors.get(userId)
    return instructor ? { kind: 'instructor', id: instructor.id, instructor } : null
  }

  /** vetkit's `http.authenticate` hook: an instructor is the vetkit subject with the same id. */
  async function authenticate(request: Request): Promise<HttpActor | null> {
    const user = await identify(claimedUserId({ cookie: request.headers.get('cookie'), demoUser: request.headers.get(DEMO_USER_HEADER) }))
    if (!user) return null
    return user.kind === 'admin' ? { id: user.id, roles: ['admin'] } : { id: user.id, roles: ['instructor'], subjectId: user.id }
  }

  return { identify, authenticate }
}
