// Renders the app icons of the web manifest from public/favicon.svg with the system Chromium:
// public/icons/icon-192.png, icon-512.png and icon-maskable-512.png (the mark inside the 80%
// safe zone on the gradient's outer colour). Run again after changing the favicon: npm run icons
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/browser/lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = await readFile(path.join(root, 'public/favicon.svg'), 'utf8');
const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const icons = [
  { file: 'icon-192.png', size: 192, inset: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, background: 'transparent' },
  { file: 'icon-maskable-512.png', size: 512, inset: 0.1, background: '#440154' },
];

const browser = await launchChromium();
try {
  for (const { file, size, inset, background } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const pad = Math.round(size * inset);
    await page.setContent(
      `<html><body style="margin:0;background:${background}"><img src="${uri}" style="display:block;margin:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px"></body></html>`,
    );
    await page.screenshot({ path: path.join(root, 'public/icons', file), omitBackground: background === 'transparent' });
    await page.close();
    console.log(`public/icons/${file}: ${size} x ${size}`);
  }
} finally {
  await browser.close();
}
