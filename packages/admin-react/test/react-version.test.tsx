import { version } from 'react'
import { expect, it } from 'vitest'

// Run by two projects: `admin` (React 19) and `admin-react18` (React 18.3, with the SSR, console
// and decision suites), so the console is known to work on both peer majors it declares.
it('runs on the React major its project pins', () => {
  expect(Number(version.split('.')[0])).toBe(Number(process.env.VETKIT_REACT_MAJOR))
})
