/**
 * Whether a single-key shortcut (`/`, `r`) may act on this key press: not while someone
 * types in a field, and not when a modifier makes it some other command.
 */
export function mayUseShortcut(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
  const target = event.target as HTMLElement | null;
  return !(target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
}
