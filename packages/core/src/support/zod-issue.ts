import type { z } from 'zod'

export interface FirstIssue {
  /** Where the problem is. For an unknown key, the key itself: zod reports it at its parent. */
  path: PropertyKey[]
  /** The problem is a key the schema does not know (most likely a typo). */
  unknownKey: boolean
  message: string
}

/** The first problem zod found, located precisely enough to name the field in an error. */
export function firstIssue(error: z.ZodError, fallback = 'invalid'): FirstIssue {
  const issue = error.issues[0]
  const extra = issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [issue.keys[0]] : []
  return { path: [...(issue?.path ?? []), ...extra], unknownKey: extra.length > 0, message: issue?.message ?? fallback }
}

/** A setting's name as written in code: `policy.throttles.invitePerIp`, `profile.rules[0].amount`. */
export function settingPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : `${out}.${String(part)}`), root)
}

/** An input field as an API names it: `body.signatureName`, `workLocations.0.country`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}
