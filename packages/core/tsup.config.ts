import { defineConfig } from 'tsup'
import { tsupBase } from '../../tsup.base'

export default defineConfig({
  ...tsupBase,
  entry: {
    index: 'src/index.ts',
    domain: 'src/domain/index.ts',
    ports: 'src/ports/index.ts',
    crypto: 'src/crypto/index.ts',
    mail: 'src/mail/index.ts',
    storage: 'src/storage/index.ts',
    knex: 'src/storage/knex/index.ts',
    pglite: 'src/storage/pglite/index.ts',
    testing: 'src/testing/index.ts',
    checkr: 'src/providers/checkr/index.ts',
    smtp: 'src/mail/smtp/index.ts',
    fake: 'src/providers/fake/index.ts',
    client: 'src/client/index.ts',
    metrics: 'src/metrics/index.ts',
    'node-http': 'src/node-http/index.ts',
  },
  // Peer dependencies stay imports: the host brings them.
  external: ['knex', 'pg', 'mysql2', '@electric-sql/pglite', 'knex-pglite', 'nodemailer', 'prom-client'],
})
