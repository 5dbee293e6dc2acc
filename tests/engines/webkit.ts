/**
 * WebKit tablets: Debian's WebKitGTK MiniBrowser, driven over WebDriver classic by
 * selenium-webdriver through `WebKitWebDriver`, under a virtual X display (xvfb-run). Each
 * tablet is its own WebDriver session and MiniBrowser process, with its own storage. Debian
 * builds WebKitGTK without WebRTC, so these tablets reach the laptop through the relay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Builder, WebElement, type WebDriver } from 'selenium-webdriver';
import { E2E_PORT } from '../../playwright.config';
import { Tablet, type ElementRef, type EngineDriver } from './tablet';

const WEBDRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * This machine's own LAN address, as a tablet reaches the laptop: plain http, not a secure
 * context (WebKit has no host mapping switch, and localhost would be a secure context).
 */
export function webkitLanOrigin(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('no non-loopback IPv4 address: the LAN origin needs one');
  return `http://${address}:${E2E_PORT}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startWebDriver(): Promise<{ url: string; stop: () => void }> {
  for (const needed of [WEBDRIVER, MINIBROWSER, '/usr/bin/xvfb-run'])
    if (!existsSync(needed))
      throw new Error(
        `${needed} is missing: apt-get install webkit2gtk-driver xvfb (.ci/run does this)`,
      );
  const port = await freePort();
  const child: ChildProcess = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1024x1280x24', WEBDRIVER, `--port=${port}`],
    {
      detached: true, // its own process group: stop() ends Xvfb, the driver and MiniBrowser
      stdio: 'ignore',
      env: { ...process.env, LANG: 'nl_BE.UTF-8', LANGUAGE: 'nl_BE:nl' },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 20_000;
  for (;;) {
    try {
      const status = (await (await fetch(`${url}/status`)).json()) as { value: { ready: boolean } };
      if (status.value.ready) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error('WebKitWebDriver did not start within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

class WebkitDriver implements EngineDriver {
  constructor(
    private readonly driver: WebDriver,
    private readonly stop: () => void,
  ) {}

  goto(url: string): Promise<void> {
    return this.driver.get(url);
  }

  reload(): Promise<void> {
    return this.driver.navigate().refresh();
  }

  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    // WebDriver awaits a returned promise (W3C "execute script").
    return this.driver.executeScript(`return (${fn.toString()}).apply(null, arguments)`, ...args);
  }

  async element<A extends unknown[]>(
    fn: (...args: A) => Element | null,
    ...args: A
  ): Promise<ElementRef | null> {
    const found: unknown = await this.evaluate(fn, ...args);
    if (!(found instanceof WebElement)) return null;
    // WebKitWebDriver refuses an element below the fold as "not interactable" instead of
    // scrolling to it, as the WebDriver spec has it: scroll first, as a finger would.
    const reveal = () =>
      this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', found);
    return {
      click: async () => {
        await reveal();
        await found.click();
      },
      type: async (text: string) => {
        await reveal();
        await found.sendKeys(text);
      },
      setFile: (path: string) => found.sendKeys(path), // WebDriver: a file input takes a path
      dragTo: async (target: ElementRef, dy: number) => {
        await reveal();
        const to = (target as { element?: WebElement }).element!;
        const box = await to.getRect();
        const actions = this.driver.actions({ async: true });
        await actions
          .move({ origin: found })
          .press()
          .move({ origin: to, y: Math.round(dy - box.height / 2), duration: 200 })
          .release()
          .perform();
      },
      element: found,
    } as ElementRef & { element: WebElement };
  }

  async close(): Promise<void> {
    try {
      await this.driver.quit();
    } finally {
      this.stop();
    }
  }
}

/** A new device: its own MiniBrowser, with `url` open. */
export async function webkitTablet(url: string): Promise<Tablet> {
  const server = await startWebDriver();
  try {
    const driver = await new Builder()
      .usingServer(server.url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    await driver.manage().window().setRect({ width: 820, height: 1180 });
    const tablet = new Tablet('webkit', new WebkitDriver(driver, server.stop));
    await tablet.goto(url);
    return tablet;
  } catch (error) {
    server.stop();
    throw error;
  }
}
