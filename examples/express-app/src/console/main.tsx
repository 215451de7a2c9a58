// The admin console page's script: vetkit's review console mounted into the host's page, talking
// to the host's vetkit at /vetkit with the host's own session cookie (the demo login here).
import { createRoot } from 'react-dom/client'
import { createVetkitClient } from '@vetkit/core/client'
import { ReviewConsole, VetkitAdminProvider } from '@vetkit/admin-react'

const client = createVetkitClient({ baseUrl: () => `${window.location.origin}/vetkit`, credentials: 'same-origin' })
const scheme = new URLSearchParams(window.location.search).get('scheme')
const colorScheme = scheme === 'dark' || scheme === 'light' ? scheme : 'auto'
const root = document.getElementById('vetkit-console')
if (root) {
  createRoot(root).render(
    <VetkitAdminProvider client={client} appearance={{ colorScheme }} locale={{ locale: 'en-US' }}>
      <ReviewConsole />
    </VetkitAdminProvider>,
  )
}
