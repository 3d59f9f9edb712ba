// Which SQL statements may run as named prepared statements (a kept plan): those that read or
// write rows. DDL (migrations) always runs unnamed. Plain JavaScript, shared by the embedded
// database's thread (pglite-statements.mjs) and PostgreSQL's statement names (statement-names.ts).
export const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
