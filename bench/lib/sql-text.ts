/** A statement reduced to what identifies it (whitespace collapsed, schema prefix dropped). */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/"public"\./g, '')
    .trim();
}

/** A short label: the verb and the table(s) it touches. */
export function sqlLabel(sql: string): string {
  const s = normalizeSql(sql);
  if (s.startsWith('--'))
    return /COMMIT/i.test(s) ? 'COMMIT' : /BEGIN/i.test(s) ? 'BEGIN' : s.slice(0, 40);
  const verb = (/^\w+/.exec(s)?.[0] ?? '?').toUpperCase();
  const tables = [
    ...new Set([...s.matchAll(/(?:FROM|INTO|UPDATE|JOIN) "(\w+)"/gi)].map((m) => m[1])),
  ];
  return tables.length ? `${verb} ${tables.join(', ')}` : verb;
}

/** Multiset difference: statements (normalized) whose count differs between a and b. */
export function diffStatements(a: string[], b: string[]) {
  const count = (list: string[]) => {
    const m = new Map<string, number>();
    for (const q of list) m.set(normalizeSql(q), (m.get(normalizeSql(q)) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const out: { statement: string; a: number; b: number }[] = [];
  for (const key of new Set([...ca.keys(), ...cb.keys()])) {
    const x = ca.get(key) ?? 0;
    const y = cb.get(key) ?? 0;
    if (x !== y) out.push({ statement: key.slice(0, 300), a: x, b: y });
  }
  return out;
}

export function summarizeStatements(list: string[]) {
  const byLabel = new Map<string, number>();
  for (const q of list) byLabel.set(sqlLabel(q), (byLabel.get(sqlLabel(q)) ?? 0) + 1);
  return Object.fromEntries([...byLabel].sort((x, y) => y[1] - x[1]));
}
