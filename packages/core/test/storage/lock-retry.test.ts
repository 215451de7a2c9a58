import { describe, expect, it } from 'vitest'
import { isTransientLockError, withLockRetry } from '../../src/storage/knex/dialect'

describe('withLockRetry', () => {
  it('runs again after a deadlock or lock-wait timeout, and returns the result', async () => {
    const errors = [Object.assign(new Error('Deadlock found'), { errno: 1213 }), Object.assign(new Error('deadlock detected'), { code: '40P01' })]
    let calls = 0
    const result = await withLockRetry(async () => {
      calls++
      const error = errors.shift()
      if (error) throw error
      return 'done'
    })
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 })
  })

  it('does not retry other errors, and gives up after four attempts', async () => {
    let calls = 0
    await expect(withLockRetry(async () => {
      calls++
      throw Object.assign(new Error('duplicate'), { code: '23505' })
    })).rejects.toThrow('duplicate')
    expect(calls).toBe(1)
    calls = 0
    await expect(withLockRetry(async () => {
      calls++
      throw Object.assign(new Error('Lock wait timeout exceeded'), { errno: 1205 })
    })).rejects.toThrow('Lock wait timeout')
    expect(calls).toBe(4)
    expect(isTransientLockError({ code: '40001' })).toBe(true)
    expect(isTransientLockError(new Error('x'))).toBe(false)
  })
})
