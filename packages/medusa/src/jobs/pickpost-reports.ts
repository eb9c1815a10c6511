// Part of the Medusa plugin (built into .medusa/server/src/jobs): ticks every minute and fetches
// Swiss Post's DataTransfer reports every `jobs.reportsEveryMinutes` of the provider options.
import { REPORTS_TICK_CONFIG, reportsTickJob } from '@pickpost/medusa';

// biome-ignore lint/style/noDefaultExport: Medusa runs the default export of a job file.
export default reportsTickJob;
export const config = REPORTS_TICK_CONFIG;
