/**
 * An ISO-8601 instant as people read it ("12 Mar 2026, 14:05"), in the
 * reader's locale unless one is given; the text as it is when it is no instant.
 */
export function readableInstant(iso: string, locale?: string, timeZone?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(time);
}
