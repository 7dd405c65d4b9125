import { describe, expect, it } from 'vitest';
import { withDatabase } from '../src/postgres-url.js';

describe('withDatabase', () => {
  it('points a server URL at another database, keeping host and user', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'run_1')).toBe(
      'postgres://postgres@127.0.0.1:5432/run_1',
    );
  });

  it('replaces the user and drops the password when a user is given', () => {
    expect(withDatabase('postgres://admin:secret@db:5432/postgres', 'run_1', 'app_user')).toBe(
      'postgres://app_user@db:5432/run_1',
    );
  });
});
