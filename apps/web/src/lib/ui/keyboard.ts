/**
 * True when a key press belongs to what has focus (typing in a field, a
 * select, an editable region), so the page's single-key shortcuts must not
 * act on it.
 */
export function isEditingShortcutTarget(target: EventTarget | null): boolean {
  if (target === null || typeof (target as { tagName?: unknown }).tagName !== 'string')
    return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return (
    tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable === true
  );
}
