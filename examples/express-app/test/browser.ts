// Debian's Chromium driven by playwright-core (never a downloaded browser), and axe-core run
// inside the page. VETKIT_TEST_CHROMIUM (set by .ci/run) makes the browser tests mandatory;
// without it they run when /usr/bin/chromium exists and are skipped, loudly, when it does not.
import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'

const required = process.env.VETKIT_TEST_CHROMIUM
export const chromiumPath = required || '/usr/bin/chromium'
export const haveChromium = existsSync(chromiumPath)
if (required && !haveChromium) throw new Error(`VETKIT_TEST_CHROMIUM=${required} is set but no browser is there: apt-get install -y chromium`)
if (!haveChromium) console.warn(`browser tests SKIPPED: no Chromium at ${chromiumPath} (apt-get install -y chromium, or set VETKIT_TEST_CHROMIUM)`)

/** Where the run's screenshots go (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../../e2e-artifacts/', import.meta.url))

export async function launchChromium(): Promise<Browser> {
  // The flags this closed network needs: no background fetches to Google's hosts, no sandbox as root.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = `${ARTIFACTS}${name}.png`
  await page.screenshot({ path, fullPage: true })
  return path
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary: string | undefined }[]
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's serious and critical violations inside `selector` (the console's root). */
export async function seriousViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource })
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(context: string, options: object): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(context, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))
  }, selector)
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
