/**
 * A plain-text table for terminals and logs: columns padded to their widest cell, a rule under
 * the header. No colours, so it reads the same in CI logs.
 *
 * @example
 * formatTable(['call', 'count'], [['token', '1'], ['barcode', '3']]);
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}
