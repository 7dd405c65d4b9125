import { z } from 'zod';
import { ValidationError } from '../../errors/app-error.js';

/** OWASP: allow long passphrases but bound the work one request can cause. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const emailSchema = z.email();

/** Lower-cases and trims an email; throws a ValidationError naming `field` when it is not one. */
export function normaliseEmail(email: string, field = 'email'): string {
  const normalised = email.trim().toLowerCase();
  if (normalised.length > 320 || !emailSchema.safeParse(normalised).success) {
    throw new ValidationError(field, 'an email address');
  }
  return normalised;
}

/** Checks a new password against the length policy; throws a ValidationError naming `field`. */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(
      field,
      `between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`,
    );
  }
}
