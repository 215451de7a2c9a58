export { VETKIT_VERSION } from './version'
export { VetkitError, ConfigurationError } from './errors'
