import { MigrationFailed } from '@threatloom/eventstore';

/** PostgreSQL's SQLSTATE for "insufficient privilege". */
const INSUFFICIENT_PRIVILEGE = '42501';

/** The migration role lacks a privilege the migrations need; the message names it. */
export class MigrationPrivilegeMissing extends Error {
  constructor(
    readonly roleName: string,
    readonly missing: string,
    override readonly cause: unknown,
  ) {
    super(
      `Database migrations cannot run as role "${roleName}": it lacks ${missing}. ` +
        'Create the roles and the database with infra/sql/bootstrap-roles.sql, or grant what is ' +
        `missing (see docs/postgresql.md). PostgreSQL said: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
    );
    this.name = 'MigrationPrivilegeMissing';
  }
}

/** What PostgreSQL's permission message says is missing, in the terms of the grant that fixes it. */
function missingPrivilege(message: string): string {
  if (/permission denied to create role/i.test(message))
    return 'CREATEROLE, needed to create the group role threatloom_app (or create that role beforehand)';
  const schema = /permission denied for schema (\S+)/i.exec(message);
  if (schema !== null)
    return `CREATE on schema ${schema[1]} (make it the owner of the database, or GRANT CREATE ON SCHEMA ${schema[1]})`;
  if (/must be owner of/i.test(message))
    return 'ownership of the objects earlier migrations created (run every migration as the same owner role)';
  return 'a privilege the migrations need';
}

/**
 * Turns a migration that failed for lack of privilege into an error naming the
 * role and the missing privilege; any other failure is returned unchanged.
 */
export function explainMigrationFailure(error: unknown, roleName: string): unknown {
  const cause = error instanceof MigrationFailed ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (code !== INSUFFICIENT_PRIVILEGE) return error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new MigrationPrivilegeMissing(roleName, missingPrivilege(message), cause);
}
