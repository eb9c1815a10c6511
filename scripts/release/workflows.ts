/**
 * The GitHub workflow files cannot run here, so they are checked as far as can be without
 * GitHub: each against the published workflow JSON schema (@action-validator/core, which also
 * checks that `paths` globs match files), and against what issue 21 asks of them: CI runs the
 * README's test command (`.ci/run`) on pull requests; the release runs changesets/action with
 * `id-token: write` and npm provenance.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

interface Workflow {
  on?: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs?: Record<
    string,
    { steps?: Array<{ run?: string; uses?: string; env?: Record<string, string> }> }
  >;
}

const steps = (workflow: Workflow) =>
  Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);

/** What each named workflow must do, beyond the schema. */
const RULES: Record<string, (workflow: Workflow) => string[]> = {
  'ci.yml': (workflow) => [
    ...(workflow.on?.pull_request === undefined ? ['does not run on pull_request'] : []),
    ...(steps(workflow).some((step) => step.run?.trim() === '.ci/run')
      ? []
      : ['does not run .ci/run (the README test command)']),
  ],
  'release.yml': (workflow) => {
    const action = steps(workflow).find((step) => step.uses?.startsWith('changesets/action@'));
    return [
      ...(action === undefined ? ['does not use changesets/action'] : []),
      ...(workflow.permissions?.['id-token'] === 'write'
        ? []
        : ['lacks permissions id-token: write']),
      ...(action?.env?.NPM_CONFIG_PROVENANCE === 'true'
        ? []
        : ['does not publish with provenance']),
    ];
  },
};

/** Every problem of the workflow files in `root/.github/workflows`, as `file: problem` lines. */
export async function workflowProblems(root: string): Promise<string[]> {
  const dir = join(root, '.github', 'workflows');
  const files = (await readdir(dir)).filter((file) => /\.ya?ml$/.test(file));
  const problems: string[] = [];
  for (const name of Object.keys(RULES))
    if (!files.includes(name)) problems.push(`.github/workflows/${name}: missing`);
  for (const file of files) {
    const source = await readFile(join(dir, file), 'utf8');
    for (const error of validateWorkflow(source).errors)
      problems.push(
        `.github/workflows/${file}: ${error.title}${'path' in error ? ` at ${error.path}` : ''}${error.detail ? ` (${error.detail})` : ''}`,
      );
    for (const problem of RULES[file]?.(parse(source) as Workflow) ?? [])
      problems.push(`.github/workflows/${file}: ${problem}`);
  }
  return problems;
}
