/**
 * The Dockerfile, .dockerignore and docker-compose.yml, checked without a Docker daemon: the
 * stages and their commands exist and name real npm scripts and files, the image runs as a
 * non-root user with an exec-form CMD (SIGTERM reaches node), its HEALTHCHECK works against a real
 * /healthz, and compose builds every LiveCue service from it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from '@balena/dockerignore';
import { DockerfileParser } from 'dockerfile-ast';
import type { Copy, Instruction } from 'dockerfile-ast';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../../config/load-config';
import { SHUTDOWN_OVERRUN_MS } from '../../../src/lifecycle/shut-down';
import { findFreePort } from '../../../src/shared/private-redis';
import { startSandbox } from '../../../src/sandbox/server';
import { createSystemClock } from '../../../src/shared/clock';

const ROOT = join(__dirname, '..', '..', '..');
const read = (name: string): string => readFileSync(join(ROOT, name), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const dockerfile = DockerfileParser.parse(read('Dockerfile'));
const dockerignore = ignore().add(read('.dockerignore').split('\n'));

interface Stage { name: string | null; image: string | null; instructions: Instruction[] }

/** The Dockerfile's stages in order, each with its instructions (FROM excluded). */
function readStages(): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
      stages.push({ name: from?.getBuildStage() ?? null, image: from?.getImage() ?? null, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const argsOf = (i: Instruction): string[] => i.getArguments().map((a) => a.getValue());
const runsOf = (stage: Stage): string[] => stage.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => argsOf(i).join(' '));
/** The JSON array after an instruction's keyword (and, for HEALTHCHECK, after `CMD`). */
function execFormOf(i: Instruction): string[] {
  const text = (i.getArgumentsContent() ?? '').replace(/\\\n/g, ' ');
  const json = i.getKeyword() === 'HEALTHCHECK' ? text.slice(text.indexOf('CMD') + 3) : text;
  const parsed: unknown = JSON.parse(json.trim());
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(`${i.getKeyword()} is not in exec form: ${json}`);
  return parsed;
}
/** `node dist/x/y.js …` runs what the build compiles from x/y.ts. */
function expectCompiledEntry(command: string[]): void {
  expect(command[0]).toBe('node');
  const entry = command[1] ?? '';
  expect(entry).toMatch(/^dist\/(src|workers|config)\/.+\.js$/);
  expect(existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
}

describe('Dockerfile', () => {
  const stages = readStages();
  const build = stages[0]!;
  const runtime = stages.at(-1)!;

  it('builds with every dependency in one node:20-slim stage and runs from another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.image).toBe('node:20-slim');
    expect(build.name).toBe('build');
    expect(runsOf(build)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci(?!.*--omit=dev)/), 'npm run build']));
    expect(runsOf(runtime)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci --omit=dev/)]));
    expect(runsOf(runtime).join(' ')).not.toMatch(/npm run build|tsx|tsc/);
  });

  it('runs only npm scripts that package.json defines', () => {
    const named = stages.flatMap(runsOf).flatMap((cmd) => [...cmd.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(Object.keys(scripts)).toContain(script);
  });

  it('copies only files that exist and that .dockerignore lets through, and dist/ from the build stage', () => {
    for (const stage of stages) {
      for (const copy of stage.instructions.filter((i) => i.getKeyword() === 'COPY')) {
        const from = (copy as Copy).getFromFlag()?.getValue();
        const sources = argsOf(copy).slice(0, -1);
        if (from) {
          expect(stages.map((s) => s.name)).toContain(from);
          continue;
        }
        for (const source of sources) {
          expect(existsSync(join(ROOT, source))).toBe(true);
          if (source !== '.') expect(dockerignore.ignores(source)).toBe(false);
        }
      }
    }
    const fromBuild = runtime.instructions.filter((i) => i.getKeyword() === 'COPY' && (i as Copy).getFromFlag()?.getValue() === build.name);
    expect(fromBuild.map(argsOf)).toContainEqual(['/app/dist', './dist']);
  });

  it('runs as a non-root user', () => {
    const users = runtime.instructions.filter((i) => i.getKeyword() === 'USER').map((i) => argsOf(i)[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
  });

  it('starts node itself with an exec-form CMD naming a compiled entry', () => {
    const cmd = runtime.instructions.filter((i) => i.getKeyword() === 'CMD').at(-1)!;
    expectCompiledEntry(execFormOf(cmd));
    expect(runtime.instructions.some((i) => i.getKeyword() === 'ENTRYPOINT')).toBe(false);
  });

  it('has a HEALTHCHECK that passes on a live /healthz and fails when nothing answers', async () => {
    const check = execFormOf(runtime.instructions.find((i) => i.getKeyword() === 'HEALTHCHECK')!);
    expect(check[0]).toBe('node');
    const runCheck = (port: number): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, check.slice(1), { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
        child.once('exit', (code) => { resolve(code); });
      });
    const sandbox = await startSandbox({ port: 0, clock: createSystemClock() });
    try {
      expect(await runCheck(Number(new URL(sandbox.baseUrl).port))).toBe(0);
    } finally {
      await sandbox.close();
    }
    expect(await runCheck(await findFreePort())).toBe(1);
  });
});

describe('.dockerignore', () => {
  it('keeps the host node_modules, dist, secrets and git out of the build context', () => {
    for (const path of ['node_modules', 'node_modules/bullmq/package.json', 'dist/src/main.js', '.env', '.git/config', 'test/support/app.ts']) {
      expect([path, dockerignore.ignores(path)]).toEqual([path, true]);
    }
  });

  it('lets through everything npm run build reads', () => {
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/ensure-built.mjs', 'src/main.ts', 'src/ops/board/index.html', 'workers/start-workers.ts', 'config/schema.ts']) {
      expect([path, dockerignore.ignores(path)]).toEqual([path, false]);
    }
  });
});

interface ComposeService { build?: { context?: string; target?: string }; command?: string[]; volumes?: string[]; stop_grace_period?: string; environment?: Record<string, string>; profiles?: string[]; image?: string }

/** A compose duration ("30s", "1m30s", "500ms") in milliseconds. */
function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0) throw new Error(`not a duration: ${text}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (units[unit!] ?? NaN), 0);
}

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
  const runtimeStage = readStages().at(-1)!.name;

  it.each(['api', 'worker', 'sandbox'])('builds %s from the Dockerfile instead of mounting the tree', (name) => {
    const service = compose.services[name]!;
    expect(service.build?.context).toBe('.');
    expect(service.build?.target).toBe(runtimeStage);
    expect((service.volumes ?? []).filter((v) => v.startsWith('.:') || v.startsWith('./:'))).toEqual([]);
    expectCompiledEntry(service.command ?? []);
  });

  it('keeps the sandbox in its profile', () => {
    expect(compose.services.sandbox?.profiles).toEqual(['sandbox']);
  });

  it.each(['api', 'worker'])('gives %s a stop_grace_period above the longest stop (LIVECUE_SHUTDOWN_GRACE_MS + the forced steps)', (name) => {
    const service = compose.services[name]!;
    const configured = service.environment?.LIVECUE_SHUTDOWN_GRACE_MS;
    const graceMs = configured ? Number(configured) : loadConfig({ PLATFORM_MODE: 'sandbox' }).shutdownGraceMs;
    expect(durationMs(service.stop_grace_period ?? '10s')).toBeGreaterThan(graceMs + SHUTDOWN_OVERRUN_MS);
  });
});
