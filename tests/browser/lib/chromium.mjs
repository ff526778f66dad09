// Launch the system Chromium through playwright-core (nothing is downloaded).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Added by launchChromium({ webgpu: true }): expose navigator.gpu (SwiftShader without a GPU). */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

/** options.webgpu: also pass WEBGPU_ARGS (for specs that need WebGPU; the default stays without). */
export async function launchChromium({ webgpu = false } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install it with 'apt-get install -y chromium' (see .ci/run)`);
  }
  const args = webgpu ? [...CHROMIUM_ARGS, ...WEBGPU_ARGS] : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}
