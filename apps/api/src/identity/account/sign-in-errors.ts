import { AppError } from '../../errors/app-error.js';

/**
 * One answer for an unknown email and a wrong password, so sign-in does not
 * reveal which emails have accounts.
 */
export class InvalidCredentials extends AppError {
  constructor() {
    super('UNAUTHENTICATED', 'Email or password is incorrect', null, {
      reason: 'INVALID_CREDENTIALS',
    });
    this.name = 'InvalidCredentials';
  }
}

/** Too many failed sign-ins for this account or address; says when to retry. */
export class TooManySignInAttempts extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'UNAUTHENTICATED',
      `Too many failed sign-in attempts; retry in ${retryAfterSeconds} s`,
      null,
      {
        reason: 'RATE_LIMITED',
        retryAfterSeconds,
      },
    );
    this.name = 'TooManySignInAttempts';
  }
}
