import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { ETD_PARAMS } from '../../src/engine/etd/params';
import { resolveParams } from '../../src/engine/params/declare';

describe('parameter names are own keys of their declaration', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`'${name}' is refused as an unknown parameter, by the engine and through --set`, () => {
      const overrides = Object.create(null) as Record<string, unknown>;
      overrides[name] = 1;
      expect(() => resolveParams(ETD_PARAMS, overrides)).toThrow(`unknown parameter '${name}'`);
      const { config } = parseCliArgs(['--target', 'gaussian', '--sampler', 'svgd', '--set', `${name}=1`]);
      expect(() => parseRunConfig(config)).toThrow(`unknown parameter '${name}'`);
    });
  }
});
