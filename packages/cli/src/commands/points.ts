import type { PickupPointKind } from '@pickpost/core';
import { createPostClient, postClientOptions } from '@pickpost/core/post';
import { loadCliConfig } from '../config-file';
import { formatTable } from '../output/table';

/** `pickpost points <zip> [--kinds pickpost,mypost24] [--limit n] [--config file]`. */
export async function runPoints(
  zip: string,
  options: { kinds?: string; limit?: string; config?: string },
  print: (line: string) => void,
): Promise<number> {
  // The location search needs no credentials; a configuration adds its URLs, timeout and retry.
  const post = createPostClient(
    options.config === undefined
      ? {}
      : postClientOptions((await loadCliConfig(options.config)).config),
  );
  const kinds =
    options.kinds === undefined
      ? undefined
      : (options.kinds.split(',').map((kind) => kind.trim()) as PickupPointKind[]);
  const points = await post.locations.search({
    zip,
    ...(kinds === undefined ? {} : { kinds }),
    ...(options.limit === undefined ? {} : { limit: Number(options.limit) }),
  });
  if (points.length === 0) {
    print(`No PickPost point or My Post 24 terminal found near ${zip}.`);
    return 0;
  }
  print(
    formatTable(
      ['id', 'kind', 'name', 'address', 'distance'],
      points.map((point) => [
        point.id,
        point.kind === 'mypost24' ? 'My Post 24' : 'PickPost',
        point.name,
        `${point.street}${point.houseNo === undefined ? '' : ` ${point.houseNo}`}, ${point.zip} ${point.city}`,
        `${(point.distanceMeters / 1000).toFixed(1)} km`,
      ]),
    ),
  );
  return 0;
}
