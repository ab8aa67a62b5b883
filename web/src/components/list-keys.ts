/** Keyboard moves in a list (j/k like mail clients, arrows too); -1 means nothing highlighted yet. */
export type ListKey = 'next' | 'previous' | 'first' | 'last';

export function keyOf(event: { key: string }): ListKey | null {
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** The highlighted row after a move, kept inside the list (no wrapping: the end of a queue is the end). */
export function moveHighlight(current: number, move: ListKey, count: number): number {
  if (count === 0) return -1;
  switch (move) {
    case 'next':
      return Math.min(current + 1, count - 1);
    case 'previous':
      return Math.max(current - 1, 0);
    case 'first':
      return 0;
    case 'last':
      return count - 1;
  }
}

/** Inputs that take no text: a key pressed on one (a queue switch just clicked) is still a shortcut. */
const NOT_TEXT_INPUTS = ['radio', 'checkbox', 'button', 'submit', 'reset'];

/** Typing in a field, or with a modifier held, is never a shortcut. */
export function isTyping(event: { target: EventTarget | null; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.includes(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}
