import chromiumBinary from '@sparticuz/chromium';

/**
 * The path of a headless Chromium for the report tests, from the `@sparticuz/chromium` dev dependency: the
 * registry package carries a Chromium build inside it (brotli-compressed), so `npm ci` alone brings the
 * browser and no system package is needed. The first call unpacks it into the temp folder; later calls reuse
 * it.
 */
export async function headlessChromiumPath(): Promise<string> {
  return chromiumBinary.executablePath();
}
