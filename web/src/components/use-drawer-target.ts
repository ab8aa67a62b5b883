import { useState } from 'react';

/**
 * What an edit drawer shows, plus a key that changes each time it opens. Keying the drawer
 * with it gives every opening a fresh form, while closing keeps the instance so the closing
 * animation still plays.
 */
export function useDrawerTarget<T>() {
  const [state, setState] = useState<{ target: T | null; key: number }>({ target: null, key: 0 });
  return {
    target: state.target,
    key: state.key,
    open: (target: T) => setState((s) => ({ target, key: s.key + 1 })),
    close: () => setState((s) => ({ ...s, target: null })),
  };
}
