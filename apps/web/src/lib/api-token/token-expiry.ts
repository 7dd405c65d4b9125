/** How long a new token lasts: a number of days, no end, or until a chosen date. */
export type ExpiryChoice = '7' | '30' | '90' | '365' | 'never' | 'date';

/** The choices a form offers, shortest first. */
export const expiryChoices: readonly { value: ExpiryChoice; label: string }[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'date', label: 'Until a date' },
  { value: 'never', label: 'No expiry' },
];

/** The answer for one choice: the ISO expiry to send (null: never), or why it cannot be used. */
export type Expiry = { ok: true; expiresAt: string | null } | { ok: false; problem: string };

const DAY_MS = 86_400_000;

/**
 * The expiry to send for a choice. A date (`YYYY-MM-DD` from a date input)
 * means the end of that day in the user's time zone and must lie in the future.
 */
export function expiryFor(choice: ExpiryChoice, date: string, now: Date): Expiry {
  if (choice === 'never') return { ok: true, expiresAt: null };
  if (choice !== 'date') {
    return { ok: true, expiresAt: new Date(now.getTime() + Number(choice) * DAY_MS).toISOString() };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return { ok: false, problem: 'Choose the day the token stops working' };
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const endOfDay = new Date(year, month - 1, day, 23, 59, 59, 999);
  if (endOfDay.getDate() !== day) return { ok: false, problem: 'Choose a day that exists' };
  if (endOfDay.getTime() <= now.getTime()) {
    return { ok: false, problem: 'Choose a day in the future' };
  }
  return { ok: true, expiresAt: endOfDay.toISOString() };
}
