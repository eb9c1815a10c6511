/**
 * A one-line progress bar on an interactive terminal (stderr), silent otherwise so logs and
 * pipes stay clean.
 */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const interactive = stream.isTTY === true;
  let shown = -1;
  return {
    update(done: number, total?: number) {
      if (!interactive || done === shown) return;
      shown = done;
      const width = 30;
      const bar =
        total === undefined
          ? ''
          : `[${'#'.repeat(Math.round((done / Math.max(total, 1)) * width)).padEnd(width, '.')}] `;
      stream.write(`\r${label} ${bar}${done}${total === undefined ? '' : `/${total}`}`);
    },
    finish() {
      if (interactive && shown >= 0) stream.write('\n');
    },
  };
}
