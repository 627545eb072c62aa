import { type Browser, chromium } from '@playwright/test';

/**
 * Chromium's address-bar popup is a web page of its own (chrome://omnibox-popup.top-chrome),
 * which every new window loads, in a renderer of its own, as it opens. Playwright opens each new
 * browser context in a new window, so on this two-core machine every fresh context's page
 * competed with that load (traced: 40-60 WebUI module requests beside the page, the member's
 * name painted 130-300 ms later). A person opening a shared link opens a tab in a window that
 * has its popup already; the bench turns the popup's WebUI off so a fresh context costs what a
 * new tab costs.
 */
export const OMNIBOX_POPUP_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
  'PreloadTopChromeWebUI',
];

const executablePath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Playwright launches Chromium with a `--disable-features` list of its own (PaintHolding among
 * them), and Chromium reads only the last `--disable-features` it is given: a list of ours
 * alone would turn Playwright's back on. So the bench reads Playwright's from the command line
 * chrome://version shows, once, and passes both lists in one switch.
 */
let disableFeatures: Promise<string> | null = null;
async function readDisableFeatures(): Promise<string> {
  const browser = await chromium.launch({ executablePath: executablePath() });
  try {
    const page = await browser.newPage();
    await page.goto('chrome://version');
    const line = (await page.locator('#command_line').textContent()) ?? '';
    const playwrights = /--disable-features=(\S+)/.exec(line)?.[1]?.split(',') ?? [];
    if (playwrights.length === 0) throw new Error(`no --disable-features in Chromium's command line: ${line}`);
    return `--disable-features=${[...new Set([...playwrights, ...OMNIBOX_POPUP_FEATURES])].join(',')}`;
  } finally {
    await browser.close();
  }
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, as every browser section of the bench runs it. */
export async function launchBenchChromium(): Promise<Browser> {
  disableFeatures ??= readDisableFeatures();
  return chromium.launch({ executablePath: executablePath(), args: [await disableFeatures] });
}
