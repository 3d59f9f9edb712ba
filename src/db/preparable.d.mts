/** Statements that may run as named prepared statements: those that read or write rows. */
export const PREPARABLE: RegExp;
