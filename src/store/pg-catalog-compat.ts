// The schema engine describes a PostgreSQL database by querying pg_catalog, whose
// columns include PostgreSQL's one-byte "char" type (OID 18, e.g. pg_class.relkind).
// @prisma/adapter-pg 7.10 has no mapping for that OID and fails the whole describe
// ("Column type 'char' could not be deserialized"). pg already hands such values over
// as strings, so we report them as text (OID 25). Steward's own tables never use
// "char"; this is installed only by the migration tooling, before it touches PostgreSQL.
import { pgDriver } from './pg-driver.js';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
let installed = false;

export function reportPgCharAsText(): void {
  if (installed) return;
  installed = true;
  const Result = (
    pgDriver() as unknown as { Result: { prototype: { addFields(fields: { dataTypeID: number }[]): void } } }
  ).Result;
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (this: unknown, fields: { dataTypeID: number }[]) {
    for (const field of fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return addFields.call(this, fields);
  };
}
