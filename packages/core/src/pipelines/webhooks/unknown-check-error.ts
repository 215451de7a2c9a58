import { VetkitError } from '../../errors'

/** No check matches the event yet (e.g. the webhook beat the invite's commit): parked, retried later. */
export class UnknownCheckError extends VetkitError {
  constructor() {
    super('unknown_check', 'no check matches this event yet; parked for retry')
  }
}
