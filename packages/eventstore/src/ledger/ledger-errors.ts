import { EventStoreError } from '../errors.js';

/** Asked for a proof the log cannot give: no checkpoint yet, or no such tree. */
export class LedgerNotFound extends EventStoreError {
  readonly code = 'NOT_FOUND' as const;
  constructor(message: string) {
    super(message);
    this.name = 'LedgerNotFound';
  }
}
