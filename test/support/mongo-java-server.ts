import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchUntilReady, stopChild } from './child-server';
import type { MongoServer } from './ferretdb';
import { freePort } from './ports';

/**
 * mongo-java-server (an in-memory MongoDB wire-protocol server from Maven
 * Central) with its memory backend, launched from docker/mongo-java-server.
 * It has what FerretDB 1.24 lacks and the compiled MongoDB reads need:
 * $lookup with inner pipelines, $expr, $count. The compiled-read tests run on
 * it beside FerretDB, so both MongoDB read paths run against a real server.
 * Built by Maven (classpath) and javac when missing or older than its source.
 */
const SRC = resolve(__dirname, '../../docker/mongo-java-server');
const OUT = resolve(__dirname, '../../.tmp/mongo-java-server');
const FIX = 'Install a JDK 17+ and Maven (the build fetches de.bwaldvogel:mongo-java-server from Maven Central), or exclude MongoDB with TEST_BACKENDS=sqlite,postgresql.';

function build(): { classes: string; classpath: string } {
  const classpathFile = join(OUT, 'classpath.txt');
  const mainClass = join(OUT, 'Main.class');
  const stale = !existsSync(mainClass) || !existsSync(classpathFile) || ['Main.java', 'pom.xml'].some((f) => statSync(join(SRC, f)).mtimeMs > statSync(mainClass).mtimeMs);
  if (stale) {
    mkdirSync(OUT, { recursive: true });
    const run = (cmd: string, args: string[]) => {
      const res = spawnSync(cmd, args, { cwd: SRC, encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`Building mongo-java-server failed (${cmd}): ${(res.stdout + res.stderr || String(res.error)).trim().slice(-2000)}\n${FIX}`);
    };
    run('mvn', ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`]);
    run('javac', ['-cp', readFileSync(classpathFile, 'utf8').trim(), '-d', OUT, 'Main.java']);
  }
  return { classes: OUT, classpath: readFileSync(classpathFile, 'utf8').trim() };
}

export async function startMongoJavaServer(): Promise<MongoServer> {
  const { classes, classpath } = build();
  const port = await freePort();
  const child = await launchUntilReady('mongo-java-server', 'java', ['-Xmx1g', '-cp', `${classes}:${classpath}`, 'Main', String(port)], 60_000, FIX);
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    stop: () => stopChild(child),
  };
}
