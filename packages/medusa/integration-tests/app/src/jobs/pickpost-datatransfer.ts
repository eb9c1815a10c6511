import { dataTransferJobConfig, flushDataTransferJob } from '../../../../src';

// biome-ignore lint/style/noDefaultExport: Medusa runs the default export of a job file.
export default flushDataTransferJob;
export const config = dataTransferJobConfig({ everyMinutes: 5 });
