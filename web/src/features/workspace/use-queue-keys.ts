import { useEffect, useState } from 'react';
import { isTyping, keyOf, moveHighlight } from '../../components/list-keys';

/**
 * The workspace's keyboard: j/k (or arrows) move through the queue, Enter opens the row,
 * 1–5 switch queues and ? shows the list of shortcuts. Nothing fires while typing in a field.
 */
export function useQueueKeys(options: {
  count: number;
  queueCount: number;
  resetOn: string;
  onOpen: (index: number) => void;
  onQueue: (index: number) => void;
  onHelp: () => void;
}) {
  const { count, queueCount, resetOn, onOpen, onQueue, onHelp } = options;
  const [highlight, setHighlight] = useState({ on: resetOn, index: -1 });
  const index = highlight.on === resetOn ? highlight.index : -1;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      const move = keyOf(event);
      if (move) {
        event.preventDefault();
        setHighlight({ on: resetOn, index: moveHighlight(index, move, count) });
      } else if (event.key === 'Enter' && index >= 0) {
        onOpen(index);
      } else if (/^[1-9]$/.test(event.key) && Number(event.key) <= queueCount) {
        onQueue(Number(event.key) - 1);
      } else if (event.key === '?') {
        onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, index, queueCount, resetOn, onOpen, onQueue, onHelp]);

  return index;
}
