// The mock Post server in a process of its own, for `pnpm bench points`.
import { createMockPostServer } from '@pickpost/mock-post-server';

const post = await createMockPostServer();
console.log(`READY ${JSON.stringify(post.baseUrls)}`);
process.on('SIGTERM', () => {
  void post.close().then(() => process.exit(0));
});
