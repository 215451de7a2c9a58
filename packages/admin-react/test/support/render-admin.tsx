import { render, type RenderResult } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import type { RequestHandler } from 'msw'
import type { ReactElement } from 'react'
import { createVetkitClient, type VetkitClient } from '@vetkit/core/client'
import { VetkitAdminProvider, type VetkitAdminProviderProps } from '../../src/index'
import { createAdminFixtureStore, sampleFixtures, vetkitAdminHandlers, type AdminFixtureStore, type AdminFixtures } from '../../src/testing/index'
import { server } from './server'

export const BASE_URL = 'http://vetkit.test/vetkit'

export interface RenderAdminOptions {
  fixtures?: AdminFixtures
  store?: AdminFixtureStore
  appearance?: VetkitAdminProviderProps['appearance']
  locale?: VetkitAdminProviderProps['locale']
  /** Handlers that answer before the fixture API's (a 403, a network failure). */
  overrides?: RequestHandler[]
}

export interface RenderedAdmin extends RenderResult {
  user: UserEvent
  store: AdminFixtureStore
  client: VetkitClient
}

/** Renders `ui` inside the provider, against the fixture API (msw) at `BASE_URL`. */
export function renderAdmin(ui: ReactElement, options: RenderAdminOptions = {}): RenderedAdmin {
  const store = options.store ?? createAdminFixtureStore(options.fixtures ?? sampleFixtures())
  server.use(...vetkitAdminHandlers({ baseUrl: BASE_URL, store }))
  if (options.overrides) server.use(...options.overrides)
  const client = createVetkitClient({ baseUrl: BASE_URL })
  const user = userEvent.setup()
  const result = render(
    <VetkitAdminProvider client={client} {...(options.appearance ? { appearance: options.appearance } : {})} {...(options.locale ? { locale: options.locale } : {})}>
      {ui}
    </VetkitAdminProvider>,
  )
  return { ...result, user, store, client }
}

/** The current status of a stored check. */
export function storedStatus(store: AdminFixtureStore, checkId: string) {
  return store.snapshot().checks.find((entry) => entry.check.id === checkId)?.check.status
}
