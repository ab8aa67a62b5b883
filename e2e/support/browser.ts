import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);
export const browserRequired = process.env.KEEL_REQUIRE_BROWSER === '1';

export async function launchBrowser(): Promise<Browser> {
  if (!hasBrowser) throw new Error(`${CHROMIUM} is missing (KEEL_REQUIRE_BROWSER=1): apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what would show up red in DevTools: uncaught errors and console errors,
 * including CSP refusals. An expected 401 from the session probe is not a fault.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource: the server responded with a status of 401/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return errors;
}
