import { describe, expect, it } from 'vitest';
import { HANS_MUSTER_CUSTOMER as person } from '../../test/fixtures';
import { createPostClient } from './post-client';

/** A fetch that answers every token request and records every request it saw. */
function recordingFetch() {
  const seen: Array<{ url: string; scope?: string | null }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = init?.body;
    const scope = body instanceof URLSearchParams ? body.get('scope') : undefined;
    seen.push({ url, ...(scope === undefined ? {} : { scope }) });
    if (scope !== undefined) {
      return Response.json({
        access_token: `token-${seen.length}`,
        token_type: 'Bearer',
        expires_in: 60,
      });
    }
    return Response.json({ id: 'PT011227', verified: 'NONE' });
  };
  return { fetch, seen };
}

describe('the PickPost web service endpoint', () => {
  it('is the documented WEDEC one by default: its host, its token endpoint and WEDEC_PICKPOST', async () => {
    const { fetch, seen } = recordingFetch();
    const post = createPostClient({ clientId: 'shop', clientSecret: 'shop-secret', fetch });
    await post.pickpost.registerUser(person);
    await post.authorise('barcode');
    expect(seen).toEqual([
      { url: 'https://wedec.post.ch/WEDECOAuth/token', scope: 'WEDEC_PICKPOST' },
      { url: 'https://wedec.post.ch/api/pickpost/v1/users' },
      { url: 'https://api.post.ch/OAuth/token', scope: 'DCAPI_BARCODE_READ' },
    ]);
  });

  it('takes its tokens from the configured token endpoint once the PickPost endpoint is moved, unless pickpostToken says otherwise', async () => {
    const moved = recordingFetch();
    await createPostClient({
      clientId: 'shop',
      clientSecret: 'shop-secret',
      fetch: moved.fetch,
      baseUrls: {
        token: 'https://int.example/OAuth/token',
        pickpost: 'https://int.example/pickpost/v1',
      },
      scopes: { pickpost: 'DCAPI_PICKPOST' },
    }).pickpost.registerUser(person);
    expect(moved.seen).toEqual([
      { url: 'https://int.example/OAuth/token', scope: 'DCAPI_PICKPOST' },
      { url: 'https://int.example/pickpost/v1/users' },
    ]);

    const own = recordingFetch();
    await createPostClient({
      clientId: 'shop',
      clientSecret: 'shop-secret',
      fetch: own.fetch,
      baseUrls: {
        pickpost: 'https://wedecint.post.ch/api/pickpost/v1',
        pickpostToken: 'https://wedecint.post.ch/WEDECOAuth/token',
      },
    }).pickpost.registerUser(person);
    expect(own.seen.map((request) => request.url)).toEqual([
      'https://wedecint.post.ch/WEDECOAuth/token',
      'https://wedecint.post.ch/api/pickpost/v1/users',
    ]);
  });
});
