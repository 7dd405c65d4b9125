import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { statementTemplate } from './statement-template.js';

interface Tables {
  things: { id: string; owner: string; rank: number };
}

const db = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('statement templates', () => {
  it('gives the same text and parameters as compiling the query each time, in argument order', () => {
    let builds = 0;
    const thingsOf = statementTemplate((kysely: Kysely<Tables>, owner: string, minRank: number) => {
      builds += 1;
      return kysely
        .selectFrom('things')
        .select('id')
        .where('rank', '>', minRank)
        .where('owner', '=', owner);
    });
    const direct = db
      .selectFrom('things')
      .select('id')
      .where('rank', '>', 3)
      .where('owner', '=', 'alice')
      .compile();

    const first = thingsOf(db, 'alice', 3);
    const second = thingsOf(db, 'bob', 7);

    expect(first.sql).toBe(`/* threatloom:prepared */\n${direct.sql}`);
    expect(first.parameters).toEqual([3, 'alice']);
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toEqual([7, 'bob']);
    expect(builds).toBe(1);
  });

  it('refuses a template whose query holds a value that is not one of its arguments', () => {
    const ranked = statementTemplate((kysely: Kysely<Tables>, owner: string) =>
      kysely.selectFrom('things').select('id').where('owner', '=', owner).where('rank', '>', 1),
    );
    expect(() => ranked(db, 'alice')).toThrow(/only have its arguments as parameters/);
  });
});
