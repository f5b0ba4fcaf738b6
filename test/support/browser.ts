import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (browsers cannot be downloaded here); CHROMIUM_PATH names another. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`Browser tests cannot run: no Chromium at ${candidates.join(', ')}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
}
