/** What an adapter says about itself (GPUAdapterInfo, or the older requestAdapterInfo() result). */
export interface AdapterDescription {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

const SOFTWARE = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/warp|basic render/i, 'WARP'],
  [/software|cpu/i, 'a CPU implementation'],
] as const;

/**
 * The name of the software rasteriser behind an adapter ('SwiftShader', 'llvmpipe', ...), or null
 * for a hardware one. A fallback adapter with no recognisable name is reported as 'fallback'.
 */
export function softwareAdapterName(info: AdapterDescription | null | undefined, isFallbackAdapter = false): string | null {
  const text = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ');
  for (const [re, name] of SOFTWARE) if (re.test(text)) return name;
  return isFallbackAdapter || info?.isFallbackAdapter ? 'fallback' : null;
}

/** The device's adapter info when the implementation exposes it (GPUDevice.adapterInfo). */
export const deviceAdapterInfo = (device: GPUDevice): AdapterDescription | undefined =>
  (device as unknown as { adapterInfo?: AdapterDescription }).adapterInfo;
