/**
 * Firefox tablets: Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (Playwright
 * drives only its own patched Firefox). One browser; each tablet is its own browser context, so
 * its storage and its network connections are its own, as on a separate device.
 */
import { existsSync } from 'node:fs';
import puppeteer, {
  type Browser,
  type ElementHandle,
  type JSHandle,
  type Page,
} from 'puppeteer-core';
import { E2E_PORT } from '../../playwright.config';
import { Tablet, type EngineDriver, type ElementRef } from './tablet';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** In Firefox, `lan.test` is this machine: a plain-http, non-secure origin, as on a school LAN. */
export const FIREFOX_LAN_ORIGIN = `http://lan.test:${E2E_PORT}`;

export async function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH))
    throw new Error(`Firefox ESR is missing: apt-get install firefox-esr (.ci/run does this)`);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'network.dns.localDomains': 'lan.test',
      'intl.accept_languages': 'nl-BE, nl',
      // Quiet on a closed network: no update checks, telemetry or captive-portal probes.
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
}

/** puppeteer's evaluate, typed for functions that take JSON arguments. */
type Loose<R> = (fn: (...args: never[]) => unknown, ...args: unknown[]) => R;

class FirefoxDriver implements EngineDriver {
  constructor(private readonly page: Page) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    const run = this.page.evaluate.bind(this.page) as unknown as Loose<Promise<Awaited<R>>>;
    return run(fn, ...args);
  }

  async element<A extends unknown[]>(
    fn: (...args: A) => Element | null,
    ...args: A
  ): Promise<ElementRef | null> {
    const run = this.page.evaluateHandle.bind(this.page) as unknown as Loose<
      Promise<JSHandle<Element | null>>
    >;
    const handle = (await run(fn, ...args)).asElement() as ElementHandle<Element> | null;
    if (!handle) return null;
    return {
      click: () => handle.click(),
      type: (text: string) => handle.type(text),
      setFile: (path: string) => (handle as ElementHandle<HTMLInputElement>).uploadFile(path),
      dragTo: async (target: ElementRef, dy: number) => {
        const to = await (target as { handle?: ElementHandle<Element> }).handle!.boundingBox();
        const from = await handle.boundingBox();
        const mouse = this.page.mouse;
        await mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
        await mouse.down();
        await mouse.move(to!.x + 20, to!.y + dy, { steps: 5 });
        await mouse.up();
      },
      handle,
    } as ElementRef & { handle: ElementHandle<Element> };
  }

  async close(): Promise<void> {
    await this.page.browserContext().close();
  }
}

/** A new device: its own browser context, with `url` open. */
export async function firefoxTablet(browser: Browser, url: string): Promise<Tablet> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 820, height: 1180 });
  const tablet = new Tablet('firefox', new FirefoxDriver(page));
  await tablet.goto(url);
  return tablet;
}

/** The engine's version, for the test's title and the README's matrix. */
export const firefoxVersion = (browser: Browser) => browser.version();
