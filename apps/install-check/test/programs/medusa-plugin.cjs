// A Medusa application's boot, as far as the plugin goes: Medusa's own plugin resolver finds
// `@pickpost/medusa` by the name a shop writes under `plugins`, and Medusa's job and API loaders
// load the jobs and routes the package ships in .medusa/server/src, the way @medusajs/medusa's
// loaders do at boot. Prints `{ jobs, routes }`: the scheduled jobs and the Express routes.
const path = require('node:path');
const { createRequire } = require('node:module');
const { configManager } = require('@medusajs/framework/config');
const { ApiLoader } = require('@medusajs/framework/http');
const { JobLoader } = require('@medusajs/framework/jobs');
const { WorkflowScheduler } = require('@medusajs/framework/orchestration');
const { asValue } = require('@medusajs/framework/awilix');
const { createMedusaContainer, getResolvedPlugins } = require('@medusajs/framework/utils');

// Medusa logs to the logger it is given; stderr keeps stdout for the result.
const logger = Object.fromEntries(
  ['info', 'warn', 'error', 'debug', 'log', 'activity', 'progress', 'success', 'failure'].map(
    (level) => [level, (...args) => console.error(level, ...args)],
  ),
);
const origin = 'http://localhost';

(async () => {
  const http = { jwtSecret: 'jwt', cookieSecret: 'cookie', storeCors: origin, adminCors: origin };
  configManager.loadConfig({
    projectConfig: { projectConfig: { http: { ...http, authCors: origin } } },
    baseDir: process.cwd(),
  });
  const plugins = await getResolvedPlugins(process.cwd(), { plugins: ['@pickpost/medusa'] });
  const container = createMedusaContainer();
  container.register({ logger: asValue(logger) });
  // The workflow engine module keeps the schedules in a real application: here, a list.
  const jobs = [];
  WorkflowScheduler.setStorage({ schedule: async (id, schedule) => jobs.push({ id, schedule }) });
  await new JobLoader(
    plugins.map((plugin) => path.join(plugin.resolve, 'jobs')),
    container,
  ).load();
  // Express as Medusa's framework has it (its own dependency).
  const express = createRequire(require.resolve('@medusajs/framework'))('express');
  const app = express();
  await new ApiLoader({
    app,
    sourceDir: plugins.map((plugin) => path.join(plugin.resolve, 'api')),
    container,
  }).load();
  const routes = (app._router ?? app.router).stack
    .filter((layer) => layer.route !== undefined)
    .map(
      (layer) => `${Object.keys(layer.route.methods).join(',').toUpperCase()} ${layer.route.path}`,
    )
    .sort();
  await new Promise((resolve) => setImmediate(resolve));
  console.log(JSON.stringify({ jobs, routes }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
