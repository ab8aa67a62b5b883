import { createHash } from 'node:crypto';

const ID = /<([^<>\s]{1,250})>/g;
const OWN = /^keel\.([A-Z]{2,8}-\d{6,})\.[0-9a-f]+@(.+)$/;
const ROOT = /^([A-Z]{2,8}-\d{6,})@(.+)$/;

/** The Message-IDs named in an In-Reply-To or References value, without angle brackets, at most 50. */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(ID)].map((m) => m[1] ?? '').slice(-50);
}

/** A message's own Message-ID without brackets; null when it has none worth keeping. */
export function ownMessageId(value: string | null | undefined): string | null {
  return messageIdsIn(value)[0] ?? null;
}

/**
 * The Message-ID of a notification mail: it names the record, so a reply whose client keeps
 * only In-Reply-To still finds its way back. The hash of the notification's key keeps a mail
 * sent again after a crash recognisably the same message.
 */
export function notificationMessageId(recordNumber: string, key: string, host: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `<keel.${recordNumber}.${hash}@${host}>`;
}

/** The References root every mail about one record shares. */
export const threadRootId = (recordNumber: string, host: string): string => `<${recordNumber}@${host}>`;

/** The record number a Message-ID of ours names (a notification's or a thread root), or null. */
export function recordNumberOfOwnId(id: string, host: string): string | null {
  const match = OWN.exec(id) ?? ROOT.exec(id);
  if (!match || match[2]?.toLowerCase() !== host.toLowerCase()) return null;
  return match[1] ?? null;
}

/** Was this message written by Keel itself (on this host)? Only notifications carry the keel. prefix. */
export function isOwnMessageId(id: string, host: string): boolean {
  const match = OWN.exec(id);
  return match !== null && match[2]?.toLowerCase() === host.toLowerCase();
}
