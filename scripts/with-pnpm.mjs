#!/usr/bin/env node
// Runs pnpm with the given arguments, installing the pinned pnpm first when it
// is missing or of another major version. Corepack is not used on purpose: its
// signature check fails on some machines, and nothing may rely on a hand install.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wanted = packageManager.replace(/^pnpm@/, '');
const wantedMajor = wanted.split('.')[0];

function installedVersion() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: false });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

let command = ['pnpm'];
const found = installedVersion();
if (found === null || found.split('.')[0] !== wantedMajor) {
  console.error(
    `[threatloom] pnpm ${wanted} not found (have ${found ?? 'none'}); installing it with npm`,
  );
  const install = spawnSync('npm', ['install', '--global', `pnpm@${wanted}`], { stdio: 'inherit' });
  if (install.status !== 0 || installedVersion() === null) {
    console.error('[threatloom] global install failed; falling back to npx');
    command = ['npx', '--yes', `pnpm@${wanted}`];
  }
}

const result = spawnSync(command[0], [...command.slice(1), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, COREPACK_ENABLE_STRICT: '0' },
});
process.exit(result.status ?? 1);
