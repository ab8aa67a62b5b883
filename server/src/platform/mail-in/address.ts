/** Deliberately plain: one @, no spaces or angle brackets, a dotted domain; anything else is no address. */
const ADDRESS = /^[^\s@<>()",;:\\[\]]{1,64}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+$/;

/**
 * The lower-cased address of a mailbox as written in From or RCPT TO ("<Li.Wei@Example.COM>"
 * → "li.wei@example.com"), or null when it is not one we could match a user by.
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .toLowerCase();
  if (trimmed.length > 254) return null;
  return ADDRESS.test(trimmed) ? trimmed : null;
}

/** The domain part of an address already normalised. */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);
