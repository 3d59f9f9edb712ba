/** Cents to a dollar amount the model reads well (89.99). */
export function toDollars(cents: number): number {
  return Math.round(cents) / 100;
}

/** Dollars from the model (120 or 119.99) to whole cents. */
export function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}
