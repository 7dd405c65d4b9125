import { AppError } from './app-error.js';

/**
 * The same error with its field named as the client sent it: `argumentPath`
 * turns a domain path (`stated.score`) into the input path
 * (`input.statedScore`), in `field` and in the message alike (domain messages
 * start with their own path).
 */
export function underArgument(error: AppError, argumentPath: (field: string) => string): AppError {
  if (error.field === null) return error;
  const field = argumentPath(error.field);
  const message = error.message.startsWith(`${error.field}:`)
    ? `${field}${error.message.slice(error.field.length)}`
    : error.message;
  return new AppError(error.code, message, field, error.details);
}
