import { fork } from 'node:child_process';
import path from 'node:path';
import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';

/** Another Medusa process serving the same database: its base URL, and how to stop it. */
export interface SecondMedusa {
  url: string;
  stop(): Promise<void>;
}

/**
 * Boots the test application in a child process on the database `container`'s Medusa uses (the
 * runner's test database, and the same PickPost store schema). Stop it before the test ends:
 * Medusa's runner resets that database between tests.
 */
export function startSecondMedusa(container: MedusaContainer): Promise<SecondMedusa> {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as {
    projectConfig: { databaseUrl: string };
  };
  const child = fork(path.join(__dirname, 'serve.ts'), [], {
    execArgv: ['--conditions=@pickpost/source', '--import', 'tsx'],
    env: { ...process.env, PICKPOST_APP_DATABASE_URL: config.projectConfig.databaseUrl },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors = `${errors}${chunk}`.slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the second Medusa exited (${code}) before listening:\n${errors}`)),
    );
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: async () => {
          child.send('stop');
          const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
