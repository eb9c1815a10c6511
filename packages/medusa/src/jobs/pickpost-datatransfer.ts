// Part of the Medusa plugin (built into .medusa/server/src/jobs): ticks every minute and
// delivers the DataTransfer outbox every `jobs.dataTransferEveryMinutes` of the provider options.
import { DATATRANSFER_TICK_CONFIG, dataTransferTickJob } from '@pickpost/medusa';

// biome-ignore lint/style/noDefaultExport: Medusa runs the default export of a job file.
export default dataTransferTickJob;
export const config = DATATRANSFER_TICK_CONFIG;
