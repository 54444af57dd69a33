import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseInCheck } from '../../scripts/gen-db-schema.ts';
import type { Role as DbRole } from '../../src/server/platform/db-schema.ts';
import type { Role } from '../../src/shared/roles.ts';

// The CHECK constraints the schema generator turns into unions, as PostgreSQL prints them back.
describe('parseInCheck', () => {
  it('reads the values of a varchar or text IN list', () => {
    const varchar = "CHECK (((status)::text = ANY ((ARRAY['OPEN'::character varying, 'CLOSED'::character varying])::text[])))";
    expect(parseInCheck('status', varchar)).toEqual(['OPEN', 'CLOSED']);
    expect(parseInCheck('kind', "CHECK ((kind = ANY (ARRAY['a'::text, 'it''s'::text])))")).toEqual(['a', "it's"]);
  });

  it('leaves numeric lists, other columns and combined conditions alone', () => {
    expect(parseInCheck('lantai', 'CHECK ((lantai = ANY (ARRAY[1, 2, 3])))')).toBeUndefined();
    expect(parseInCheck('role', "CHECK (((status)::text = ANY ((ARRAY['A'::character varying])::text[])))")).toBeUndefined();
    expect(parseInCheck('s', "CHECK (((s IS NULL) OR ((s)::text = ANY ((ARRAY['A'::character varying])::text[]))))")).toBeUndefined();
  });
});

// The users.role CHECK of the migrations and the roles of shared/roles.ts are one list: a role added
// to one and not the other fails the type check (npm test runs tsc over the tests).
describe('roles', () => {
  it('the database and shared/roles.ts know the same roles', () => {
    expectTypeOf<DbRole>().toEqualTypeOf<Role>();
  });
});
