// Builds the explorer into dist/: the script and style sheet bundled by
// esbuild, every file named by a hash of its content (so the server can
// let browsers keep it for a year), a manifest from plain names to hashed
// ones for the server's page, and gzip and brotli copies of each file for
// clients that accept them.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = 'dist';
for (const f of readdirSync(dist)) if (f !== '.gitkeep') rmSync(join(dist, f), { recursive: true });

const res = await esbuild.build({
  entryPoints: [{ in: 'src/main.js', out: 'explorer' }, { in: 'src/explorer.css', out: 'explorer' }],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outdir: dist,
  entryNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const manifest = {};
for (const out of Object.keys(res.metafile.outputs)) {
  const name = basename(out);
  manifest[name.replace(/-[A-Z0-9]+\./, '.')] = name;
}
// The icon is copied as it is, under a name with its hash.
const icon = readFileSync('src/favicon.svg');
const iconName = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8).toUpperCase()}.svg`;
writeFileSync(join(dist, iconName), icon);
manifest['favicon.svg'] = iconName;

for (const name of Object.values(manifest)) {
  const body = readFileSync(join(dist, name));
  writeFileSync(join(dist, name + '.gz'), gzipSync(body, { level: 9 }));
  writeFileSync(join(dist, name + '.br'), brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
}
writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
const size = (n) => `${(readFileSync(join(dist, n)).length / 1024).toFixed(0)} KiB`;
for (const name of Object.values(manifest)) console.log(`${name}: ${size(name)}, gzip ${size(name + '.gz')}, brotli ${size(name + '.br')}`);
