import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (installed by the setup script); playwright-core only drives it. */
export const CHROMIUM = process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A headless chromium with a fresh profile, removed on close. */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Takes a screenshot (a test's artifact, not its assertion), trying again when chromium answers
 * "Unable to capture screenshot": it does so now and then while its renderer is busy on a loaded machine.
 */
export async function screenshot(take: () => Promise<Buffer>): Promise<Buffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await take();
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error && err.message.includes('Unable to capture screenshot'))) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
