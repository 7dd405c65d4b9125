/** What a close code of the co-editing endpoint means to the person editing (docs/collaboration.md). */
export function closeReason(code: number): string {
  switch (code) {
    case 4401:
      return 'Your session has ended. Sign in again to keep editing.';
    case 4403:
      return 'You no longer have access to this model.';
    case 4400:
      return 'The server could not read a change from this page. Reload the page.';
    case 4413:
      return 'The model has reached its size limit: the last change was not kept.';
    case 4429:
      return 'Too many changes too quickly: the server paused this connection. Reconnect in a minute.';
    case 4408:
      return 'The connection fell too far behind. Reconnect to catch up.';
    case 4422:
      return 'A change took the server too long to check and was not applied.';
    default:
      return 'The connection to the server was lost.';
  }
}
