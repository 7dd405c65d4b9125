import type { z } from 'zod';
import { ValidationError } from './errors.js';

type Issue = z.core.$ZodIssue;

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

const formats: Record<string, string> = {
  date: 'a calendar date (YYYY-MM-DD)',
  datetime: 'an ISO-8601 date-time with a time zone',
  url: 'an http or https URL',
  email: 'an email address',
};

/** What the schema wanted, in words a person filling a form understands. */
function expectedOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return article(issue.expected);
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options ? `one of ${options.map(String).join(', ')}` : 'one of the allowed shapes';
    }
    case 'invalid_format':
      return formats[issue.format] ?? `a valid ${issue.format}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'a non-empty string'
          : `at least ${issue.minimum} characters`;
      }
      if (issue.origin === 'array') return `at least ${issue.minimum} item(s)`;
      return `a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `at most ${issue.maximum} item(s)`;
      return `a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** What was there instead, when zod's message says so ("received undefined" reads as "nothing"). */
function receivedOf(issue: Issue): string | undefined {
  const received = /received (\w+)/.exec(issue.message)?.[1];
  if (received === undefined) return undefined;
  return received === 'undefined' ? 'nothing' : received;
}

function fieldOf(issue: Issue, prefix: string): string {
  const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
  return path === '' ? '(input)' : path;
}

/** Turns a zod failure into one ValidationError naming the first field, listing every issue. */
export function validationErrorFromZod(error: z.ZodError, prefix = ''): ValidationError {
  const issues = error.issues.map((issue) => ({
    field: fieldOf(issue, prefix),
    expected: expectedOf(issue),
  }));
  const first = error.issues[0];
  if (!first) return new ValidationError(prefix || '(input)', 'a valid value');
  return new ValidationError(fieldOf(first, prefix), expectedOf(first), receivedOf(first), issues);
}
