/**
 * Accepts only same-origin relative paths as a post-login destination, so the
 * login flow cannot be turned into an open redirect. Anything else becomes `/`.
 */
export function safeReturnPath(candidate: string | undefined): string {
  if (
    !candidate ||
    !candidate.startsWith('/') ||
    candidate.startsWith('//') ||
    candidate.includes('\\')
  ) {
    return '/';
  }
  try {
    const resolved = new URL(candidate, 'http://threatloom.invalid');
    if (resolved.origin !== 'http://threatloom.invalid') return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}
