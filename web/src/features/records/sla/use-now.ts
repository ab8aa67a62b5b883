import { useSyncExternalStore } from 'react';

// One timer for every live countdown on the page, running only while one is shown.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const noSubscription = () => () => {};

/** The time now, updated every second while `live` (otherwise the last tick: only live countdowns read it). */
export function useNow(live: boolean): number {
  return useSyncExternalStore(
    live ? subscribe : noSubscription,
    () => now,
    () => now,
  );
}
