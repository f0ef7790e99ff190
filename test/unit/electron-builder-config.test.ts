// The installers' configuration (package.json "build"), checked without building: electron-builder downloads Electron
// and fpm from GitHub, which this machine cannot reach (README "Installers"). What can be checked here is: the config
// against electron-builder's own JSON schema, its own validation, the targets, the deb dependencies, the icons, and the
// extra resources copied by electron-builder's own file matcher.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { findMariadb } from '../../src-main/db/embedded';
import { fontDirCandidates } from '../../src-main/pdf/fonts';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const build = pkg.build;
const require = createRequire(import.meta.url);
const schemePath = join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
const scheme = JSON.parse(readFileSync(schemePath, 'utf8'));

const validatorFor = (schema: object) => new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder configuration against its schema', () => {
  const validate = validatorFor(scheme);

  it('is valid under app-builder-lib/scheme.json', () => {
    const ok = validate(build);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the same validator rejects a misspelt option and a wrongly typed one', () => {
    expect(validate({ ...build, nsis: { ...build.nsis, oneclick: false } })).toBe(false);
    expect(validate.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'oneclick' });
    expect(validate({ ...build, deb: { depends: 'mariadb-server' } })).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/deb/depends')).toBe(true);
  });

  it("passes electron-builder's own loading and validation of package.json", async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config');
    const { DebugLogger } = await import('builder-util');
    const config = await getConfig(root, null, null);
    expect(config.productName).toBe('Hospital Desk');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
});

describe('targets and packages', () => {
  it('builds AppImage and deb for Linux, an NSIS installer for Windows, a dmg for macOS', () => {
    expect(build.appId).toBe('org.hospitaldesk.app');
    expect(build.productName).toBe('Hospital Desk');
    expect(build.linux.target).toEqual(['AppImage', 'deb']);
    expect(build.win.target).toEqual(['nsis']);
    expect(build.mac.target).toEqual(['dmg']);
    expect(build.directories.output).toBe('dist');
  });

  it("the deb depends on mariadb-server and keeps every one of electron-builder's default dependencies", () => {
    // Setting deb.depends replaces electron-builder's list, so the defaults (read from its schema) must be repeated.
    const defaults: string[] = scheme.definitions.DebOptions.properties.depends.default;
    expect(defaults).toContain('libnss3');
    expect(build.deb.depends).toEqual(expect.arrayContaining([...defaults, 'mariadb-server']));
  });

  it('electron is a devDependency only, as electron-builder requires; the builder itself too', () => {
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
    expect(pkg.dependencies['electron-builder']).toBeUndefined();
  });

  it('packs the built app: the main entry lies under the files patterns, and npm run dist builds it first', () => {
    expect(pkg.main).toBe('out/main/index.js');
    expect(build.files).toEqual(['out/**', 'package.json']);
    for (const script of ['dist', 'dist:linux', 'dist:win', 'dist:mac']) {
      expect(pkg.scripts[script]).toMatch(/^electron-vite build && electron-builder --publish never\b/);
    }
  });
});

/** The chunks of a PNG, each checked against its CRC. */
function pngChunks(file: Buffer): { type: string; data: Buffer }[] {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const typeAndData = file.subarray(at + 4, at + 8 + length);
    expect(file.readUInt32BE(at + 8 + length)).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
    at += 12 + length;
  }
  expect(chunks[0].type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  return chunks;
}

/** Width and height of a valid 8-bit RGBA PNG whose pixel data inflates to exactly its rows. */
function pngSize(file: Buffer): { width: number; height: number } {
  const chunks = pngChunks(file);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([ihdr[8], ihdr[9]]).toEqual([8, 6]);
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  expect(pixels.length).toBe(height * (width * 4 + 1));
  return { width, height };
}

describe('icons in resources/', () => {
  it('the Linux icon set holds valid PNGs of the size in each name, up to 1024 px for macOS', () => {
    const dir = join(root, build.linux.icon);
    const names = readdirSync(dir).filter((n) => n.endsWith('.png'));
    expect(names).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png', '1024x1024.png']));
    for (const name of names) {
      const [, side] = /^(\d+)x\1\.png$/.exec(name) ?? [];
      expect(side, name).toBeDefined();
      expect(pngSize(readFileSync(join(dir, name)))).toEqual({ width: Number(side), height: Number(side) });
    }
    expect(pngSize(readFileSync(join(root, build.mac.icon)))).toEqual({ width: 1024, height: 1024 });
  });

  it('the Windows .ico holds a 256 px PNG image and smaller bitmaps, every entry inside the file', () => {
    const ico = readFileSync(join(root, build.win.icon));
    expect(build.nsis.installerIcon).toBe(build.win.icon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i;
      const size = ico[at] || 256;
      const bytes = ico.readUInt32LE(at + 8);
      const offset = ico.readUInt32LE(at + 12);
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      return { size, data: ico.subarray(offset, offset + bytes) };
    });
    expect(entries.map((e) => e.size)).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(pngSize(entries.find((e) => e.size === 256)!.data)).toEqual({ width: 256, height: 256 });
    for (const bitmap of entries.filter((e) => e.size < 256)) {
      // BITMAPINFOHEADER: 40 bytes, the height counts colour and mask rows, 32 bits a pixel.
      expect([bitmap.data.readUInt32LE(0), bitmap.data.readInt32LE(4), bitmap.data.readInt32LE(8), bitmap.data.readUInt16LE(14)]).toEqual([
        40,
        bitmap.size,
        bitmap.size * 2,
        32,
      ]);
    }
  });
});

describe('extra resources, copied by electron-builder’s own file matcher', () => {
  const project = mkdtempSync(join(tmpdir(), 'hd-builder-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  /** A project holding the fonts and an unpacked MariaDB archive the way its official zip lays it out. */
  const place = (path: string) => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), 'x');
  };
  for (const font of readdirSync(join(root, 'resources/fonts'))) place(`resources/fonts/${font}`);
  for (const platform of ['win', 'mac']) {
    for (const path of ['bin/mariadbd', 'bin/mariadb-install-db', 'share/english/errmsg.sys', 'lib/plugin/auth_ed25519', 'include/mysql.h', 'mysql-test/mtr', 'sql-bench/run', 'bin/mariadbd.pdb']) {
      place(`resources/mariadb/${platform}/${path}`);
    }
  }

  const listTree = (top: string): string[] => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(top, join(dir, e.name)).split(sep).join('/')]));
    return walk(top).sort();
  };
  let runs = 0;

  /** Copies the platform's extra resources into a fresh `<platform>-unpacked/resources`: that folder and its files. */
  async function copyExtraResources(platform: 'linux' | 'win' | 'mac'): Promise<{ resources: string; copied: string[] }> {
    const matcher = (await import('app-builder-lib/out/fileMatcher')) as unknown as {
      getFileMatchers: (config: object, name: string, destination: string, options: object) => unknown[] | null;
      copyFiles: (matchers: unknown[] | null, transformer: null, hardLink: boolean) => Promise<unknown>;
    };
    const destination = join(project, `${platform}-unpacked-${++runs}/resources`);
    const matchers = matcher.getFileMatchers(build, 'extraResources', destination, {
      customBuildOptions: build[platform],
      defaultSrc: project,
      globalOutDir: join(project, 'dist'),
      macroExpander: (pattern: string) => pattern,
    });
    await matcher.copyFiles(matchers, null, false);
    return { resources: destination, copied: existsSync(destination) ? listTree(destination) : [] };
  }

  it('every platform gets the PDF fonts in resources/fonts, where the PDF code looks in a packaged app', async () => {
    const { copied } = await copyExtraResources('linux');
    expect(copied).toEqual(['fonts/NotoSans-Bold.ttf', 'fonts/NotoSans-Regular.ttf', 'fonts/NotoSansDevanagari-Bold.ttf', 'fonts/NotoSansDevanagari-Regular.ttf', 'fonts/OFL.txt']);
    expect(fontDirCandidates({ moduleDir: '/nowhere/app.asar/out/main', resourcesPath: '/opt/Hospital Desk/resources' })).toContain('/opt/Hospital Desk/resources/fonts');
  });

  it.each(['win', 'mac'] as const)('%s carries its resources/mariadb/<platform> as resources/mariadb, without tests, headers or debug symbols', async (platform) => {
    const { resources, copied } = await copyExtraResources(platform);
    expect(copied.filter((p) => p.startsWith('mariadb/'))).toEqual([
      'mariadb/bin/mariadb-install-db',
      'mariadb/bin/mariadbd',
      'mariadb/lib/plugin/auth_ed25519',
      'mariadb/share/english/errmsg.sys',
    ]);
    expect(copied.filter((p) => p.startsWith('fonts/'))).toHaveLength(5);
    // The single-workstation mode finds that copy first (process.resourcesPath is the packaged resources folder).
    expect(findMariadb(resources, { PATH: '' })).toEqual({
      mariadbd: join(resources, 'mariadb/bin/mariadbd'),
      installDb: join(resources, 'mariadb/bin/mariadb-install-db'),
    });
  });

  it('Linux carries no MariaDB of its own: the deb depends on the distribution’s mariadb-server', async () => {
    expect((await copyExtraResources('linux')).copied.some((p) => p.startsWith('mariadb/'))).toBe(false);
  });
});

// electron-builder's deb target hands the package to fpm, which it would download from GitHub. Here a stand-in on
// CUSTOM_FPM_PATH (electron-builder's own switch for a local fpm) records what it is handed, and electron-builder's real
// deb target runs on an app folder given as already packaged (--prepackaged), the step that needs Electron's binary.
describe.skipIf(process.platform === 'win32')('the deb as electron-builder hands it to fpm', () => {
  const work = mkdtempSync(join(tmpdir(), 'hd-deb-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function debArguments(): Promise<{ args: string[]; desktop: string }> {
    const record = join(work, 'record.json');
    const fpm = join(work, 'fpm');
    writeFileSync(
      fpm,
      [
        '#!/usr/bin/env node',
        "const fs = require('node:fs');",
        'const args = process.argv.slice(2);',
        "const desktop = args.find((a) => a.endsWith('.desktop')).split('=')[0];",
        "fs.writeFileSync(process.env.HD_FPM_RECORD, JSON.stringify({ args, desktop: fs.readFileSync(desktop, 'utf8') }));",
      ].join('\n'),
      { mode: 0o755 },
    );
    const app = join(work, 'linux-unpacked');
    mkdirSync(join(app, 'resources'), { recursive: true });
    writeFileSync(join(app, 'hospital-desk'), '');
    const saved = { fpm: process.env.CUSTOM_FPM_PATH, record: process.env.HD_FPM_RECORD };
    process.env.CUSTOM_FPM_PATH = fpm;
    process.env.HD_FPM_RECORD = record;
    try {
      const { build: runBuilder, Platform, Arch } = await import('electron-builder');
      await runBuilder({
        projectDir: root,
        targets: Platform.LINUX.createTarget('deb', Arch.x64),
        prepackaged: app,
        publish: 'never',
        config: { directories: { output: join(work, 'dist') } },
      });
    } finally {
      for (const [key, value] of [['CUSTOM_FPM_PATH', saved.fpm], ['HD_FPM_RECORD', saved.record]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    return JSON.parse(readFileSync(record, 'utf8'));
  }

  it('depends on mariadb-server and the Electron libraries, installs into /opt with the icons and a menu entry', async () => {
    const { args, desktop } = await debArguments();
    const depends = args.flatMap((a, i) => (a === '-d' ? [args[i + 1]] : []));
    expect(depends).toEqual([...scheme.definitions.DebOptions.properties.depends.default, 'mariadb-server']);
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect([option('-t'), option('--name'), option('--version'), option('--architecture')]).toEqual(['deb', 'hospital-desk', pkg.version, 'amd64']);
    expect(option('--package')).toBe(join(work, 'dist', `hospital-desk_${pkg.version}_amd64.deb`));
    expect(args).toContain(`${join(work, 'linux-unpacked')}/=/opt/Hospital Desk`);
    for (const side of [16, 32, 48, 256, 512]) {
      expect(args).toContain(`${join(root, 'resources/icons', `${side}x${side}.png`)}=/usr/share/icons/hicolor/${side}x${side}/apps/hospital-desk.png`);
    }
    expect(desktop).toContain('Name=Hospital Desk\n');
    expect(desktop).toContain('Exec="/opt/Hospital Desk/hospital-desk" %U\n');
    expect(desktop).toContain('Icon=hospital-desk\n');
    expect(desktop).toContain('StartupWMClass=hospital-desk\n');
  });
});
