// better-sqlite3 is compiled from source when no prebuilt binary can be downloaded (as on
// machines that reach only the npm registry). node-gyp would then fetch Node's headers from
// nodejs.org; point it at the headers installed with Node instead. Since pnpm 11 lifecycle
// scripts see only a few environment variables, and .npmrc's `nodedir` is not read, so this
// hook is the one project-level place to set it.
const { existsSync } = require('node:fs');

module.exports = {
  hooks: {
    updateConfig(config) {
      if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node_version.h')) {
        config.extraEnv = { ...config.extraEnv, npm_config_nodedir: '/usr' };
      }
      return config;
    },
  },
};
