import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { prepared } from './prepared-query.js';

/** Stands for the argument at `index` while a template is compiled. */
class ArgumentSlot {
  constructor(readonly index: number) {}
}

/**
 * A prepared statement (see `prepared`) whose text is compiled once per
 * database: `build` runs a single time with stand-ins for its arguments, and
 * every call after that only fills in the parameters. Building and compiling a
 * Kysely query costs tens of microseconds, and the request path runs several
 * per request. `build` must hand its arguments to Kysely as values only (never
 * inspect, spread or branch on them); a template whose compiled parameters are
 * not exactly its arguments is refused on first use.
 */
export function statementTemplate<DB, Args extends readonly unknown[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): (db: Kysely<DB>, ...args: Args) => CompiledQuery<Row> {
  const arity = build.length - 1;
  const templates = new WeakMap<Kysely<DB>, { query: CompiledQuery<Row>; slots: number[] }>();
  return (db, ...args) => {
    let template = templates.get(db);
    if (template === undefined) {
      const slots = Array.from({ length: arity }, (_, index) => new ArgumentSlot(index));
      const query = prepared(build(db, ...(slots as unknown as Args)));
      template = {
        query,
        slots: query.parameters.map((parameter) => {
          if (!(parameter instanceof ArgumentSlot)) {
            throw new Error('a statement template may only have its arguments as parameters');
          }
          return parameter.index;
        }),
      };
      templates.set(db, template);
    }
    return { ...template.query, parameters: template.slots.map((index) => args[index]) };
  };
}
