// The system tools the tests need, and how a fresh Debian machine gets them. `pnpm test`
// provisions what is missing before anything runs (Debian packages through apt-get, as root or
// with sudo, with a one-line notice), or stops at once with the exact command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each tool: how to tell it is there, and the Debian package that brings it. */
export const SYSTEM_TOOLS = [
  {
    name: 'xmllint',
    why: 'DataTransfer files are checked against an XSD',
    package: 'libxml2-utils',
    present: () => onPath('xmllint'),
  },
  {
    name: 'chromium',
    why: 'the checkout widget and example shop run in a real browser',
    package: 'chromium',
    present: () => existsSync('/usr/bin/chromium'),
  },
  {
    name: 'pdftoppm',
    why: 'labels are rasterised and read back by an independent reader',
    package: 'poppler-utils',
    present: () => onPath('pdftoppm'),
  },
  {
    name: 'php',
    why: 'the WordPress plugin (packages/woocommerce/wordpress-plugin) is PHP: linted with php -l, tested with PHPUnit',
    package: 'php-cli',
    present: () => onPath('php'),
  },
  {
    name: 'phpunit',
    why: 'the WordPress plugin is tested with PHPUnit (php-xml and php-mbstring come with it)',
    package: 'phpunit',
    present: () => onPath('phpunit'),
  },
  {
    name: 'php zip',
    why: "the WordPress plugin's installable zip is built with PHP's ZipArchive",
    package: 'php-zip',
    present: () => phpHas('ZipArchive'),
  },
  {
    name: 'wordpress',
    why: "the WordPress plugin is activated in a real WordPress (6.1, the plugin's minimum)",
    package: 'wordpress',
    present: () => existsSync('/usr/share/wordpress/wp-settings.php'),
  },
  {
    name: 'mariadbd',
    why: 'that WordPress runs on a private MariaDB started by the test',
    package: 'mariadb-server',
    present: () => existsSync('/usr/sbin/mariadbd') && onPath('mariadb-install-db'),
  },
  {
    name: 'php mysqli',
    why: "WordPress reaches MariaDB through PHP's mysqli",
    package: 'php-mysql',
    present: () => phpHas('mysqli'),
  },
];

function phpHas(className) {
  return (
    onPath('php') &&
    spawnSync('php', ['-r', `exit(class_exists('${className}') ? 0 : 1);`], { stdio: 'ignore' })
      .status === 0
  );
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The command that installs `packages`, and whether this process may run it. */
function installCommand(packages) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo =
    !asRoot &&
    onPath('sudo') &&
    spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const prefix = asRoot ? [] : ['sudo'];
  return {
    runnable: (asRoot || sudo) && onPath('apt-get'),
    update: [...prefix, 'apt-get', 'update', '-qq'],
    install: [...prefix, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
    text: `${asRoot ? '' : 'sudo '}apt-get update && ${asRoot ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`,
  };
}

/**
 * Installs the missing tools, or returns the message that says how. `undefined` when every
 * tool is there (afterwards).
 */
export function provisionSystemTools(log = console.log) {
  const missing = SYSTEM_TOOLS.filter((tool) => !tool.present());
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map((tool) => tool.package))];
  const command = installCommand(packages);
  const what = missing.map((tool) => `${tool.name} (${tool.why})`).join('; ');
  if (!command.runnable) {
    return `The tests need ${what}. Install ${packages.length === 1 ? 'it' : 'them'} with:\n  ${command.text}\nthen run pnpm test again.`;
  }
  log(
    `▶ installing ${packages.join(', ')} for the tests (${missing.map((tool) => tool.name).join(', ')} missing)`,
  );
  for (const step of [command.update, command.install]) {
    const result = spawnSync(step[0], step.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0)
      return `Installing ${packages.join(' ')} failed; run:\n  ${command.text}`;
  }
  const still = SYSTEM_TOOLS.filter((tool) => !tool.present());
  return still.length === 0
    ? undefined
    : `After installing, still missing: ${still.map((tool) => tool.name).join(', ')}`;
}
