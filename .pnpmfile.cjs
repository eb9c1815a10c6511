// better-sqlite3 is compiled from source (machines that reach only the npm registry cannot
// download its prebuilt binaries from GitHub). node-gyp would fetch Node's headers from
// nodejs.org; point it at the headers installed with Node instead. Since pnpm 11 lifecycle
// scripts see only a few environment variables, and .npmrc's `nodedir` is not read, so this
// hook is the one project-level place to set it. The same settings keep the install quiet: no
// download attempt that can only fail, no node-gyp progress log, no compiler warnings of the
// dependency's C++ (errors still print, and a failed build still fails the install).
const { existsSync } = require('node:fs');

module.exports = {
  hooks: {
    updateConfig(config) {
      if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node_version.h')) {
        config.extraEnv = {
          ...config.extraEnv,
          npm_config_nodedir: '/usr',
          npm_config_build_from_source: 'true',
          npm_config_loglevel: process.env.npm_config_loglevel ?? 'error',
          CFLAGS: process.env.CFLAGS ?? '-w',
          CXXFLAGS: process.env.CXXFLAGS ?? '-w',
        };
      }
      return config;
    },
  },
};
