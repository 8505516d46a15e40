// Writes `.br` and `.gz` beside every text file of the build, so that the server (api/src/app.ts serveAdmin) sends
// them as they are: compressed once at build time at the best settings instead of on every request.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024; // below a packet, compressing saves nothing

export function precompress(): Plugin {
  return {
    name: 'rexian-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => TEXT.test(name))
          .map(async (name) => {
            const file = path.join(dir, name);
            const bytes = await fs.promises.readFile(file);
            if (bytes.length < MIN_BYTES) return;
            const [br, gz] = await Promise.all([
              brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
              gzip(bytes, { level: 9 }),
            ]);
            await fs.promises.writeFile(`${file}.br`, br);
            await fs.promises.writeFile(`${file}.gz`, gz);
          }),
      );
    },
  };
}
