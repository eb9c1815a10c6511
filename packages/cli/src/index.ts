export { type CliIo, runCli } from './cli';
export { formatTable } from './output/table';
