import { CompiledQuery, type Compilable } from 'kysely';
import { PREPARED_MARKER } from '@threatloom/eventstore';

/**
 * `query` compiled and marked for preparation: on PostgreSQL the pool runs it
 * as a named prepared statement, parsed and planned once per connection. Only
 * for statements whose text does not vary with the values (every value a
 * parameter, no variable-length lists): each distinct text takes one of the
 * process's few prepared-statement names.
 */
export function prepared<Row>(query: Compilable<Row>): CompiledQuery<Row> {
  const compiled = query.compile();
  return { ...compiled, sql: `${PREPARED_MARKER}\n${compiled.sql}` };
}

/** A compiled statement, prepared or not. */
export type Statement<Row> = Compilable<Row> | CompiledQuery<Row>;

/** The compiled form of a statement. */
export function compiled<Row>(statement: Statement<Row>): CompiledQuery<Row> {
  return 'compile' in statement ? statement.compile() : statement;
}
