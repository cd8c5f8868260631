import { checkHookUrl } from '../../../src/notify/check-hook-url';
import type { ResolveHost } from '../../../src/notify/check-hook-url';
import { HookRefusedError } from '../../../src/notify/hook-refused-error';

/** A resolver answering from a table; unknown names fail like the system resolver. */
function fakeResolver(table: Record<string, string[]>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) return Promise.reject(new Error(`getaddrinfo ENOTFOUND ${hostname}`));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return Object.assign(resolve, { calls });
}

const strict = (resolve: ResolveHost) => ({ allowLinkLocal: false, resolve });

describe('checkHookUrl', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.0.1:8080/',
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://0xa9fea9fe/',
    'http://[fd00:ec2::254]/',
    // IPv6 forms that carry 169.254.169.254 inside them (decoded before the check)
    'http://[::169.254.169.254]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://[64:ff9b::169.254.169.254]/',
    'http://[64:ff9b:1::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::]/',
    'http://[2001:0:a9fe:a9fe::1]/',
    'http://[2001:0:4136:e378:8000:63bf:5601:5601]/', // Teredo client 169.254.169.254 (XOR-ed)
  ])('refuses the link-local or metadata address %s without resolving', async (url) => {
    const resolve = fakeResolver({});
    await expect(checkHookUrl(url, strict(resolve))).rejects.toThrow(HookRefusedError);
    await expect(checkHookUrl(url, strict(resolve))).rejects.toThrow(/allowLinkLocal/);
    expect(resolve.calls).toEqual([]);
  });

  it.each([
    'http://metadata.google.internal/',
    'http://METADATA.Google.Internal./x',
    'http://metadata/',
  ])('refuses the metadata name %s', async (url) => {
    await expect(checkHookUrl(url, strict(fakeResolver({})))).rejects.toThrow(/metadata/);
  });

  it.each(['http://[64:ff9b::203.0.113.5]/', 'http://[2002:cb00:7105::1]/', 'http://[::ffff:10.0.0.5]/', 'http://[2001:db8::1]/'])(
    'accepts %s, whose embedded IPv4 address is routable',
    async (url) => {
      await expect(checkHookUrl(url, strict(fakeResolver({})))).resolves.toHaveLength(1);
    },
  );

  it('refuses a name that resolves to a NAT64 form of the metadata address (checked at connect time too)', async () => {
    const resolve = fakeResolver({ 'hooks.example.vn': ['64:ff9b::a9fe:a9fe'] });
    await expect(checkHookUrl('http://hooks.example.vn/', strict(resolve))).rejects.toThrow(HookRefusedError);
  });

  it('refuses a name when any of its addresses is link-local', async () => {
    const resolve = fakeResolver({ 'hooks.example.vn': ['203.0.113.5', '169.254.169.254'] });
    await expect(checkHookUrl('https://hooks.example.vn/x', strict(resolve))).rejects.toThrow(
      /169\.254\.169\.254/,
    );
  });

  it.each([
    ['http://127.0.0.1:3000/hook', '127.0.0.1'],
    ['http://[::1]/hook', '::1'],
    ['http://10.0.0.7/hook', '10.0.0.7'],
    ['http://192.168.1.20/hook', '192.168.1.20'],
    ['http://172.16.0.1/hook', '172.16.0.1'],
    ['http://[fec0::1]/hook', 'fec0::1'],
  ])('allows loopback and private address %s', async (url, address) => {
    await expect(checkHookUrl(url, strict(fakeResolver({})))).resolves.toEqual([
      { address, family: address.includes(':') ? 6 : 4 },
    ]);
  });

  it('allows a name resolving to public and private addresses', async () => {
    const resolve = fakeResolver({ 'cho.local': ['192.168.1.20', 'fd12::1'] });
    await expect(checkHookUrl('https://cho.local/hook', strict(resolve))).resolves.toHaveLength(2);
    expect(resolve.calls).toEqual(['cho.local']);
  });

  it('allows link-local and metadata targets when allowLinkLocal is set', async () => {
    const policy = {
      allowLinkLocal: true,
      resolve: fakeResolver({ 'metadata.google.internal': ['169.254.169.254'] }),
    };
    await expect(checkHookUrl('http://169.254.169.254/', policy)).resolves.toHaveLength(1);
    await expect(checkHookUrl('http://[fe80::1]/', policy)).resolves.toHaveLength(1);
    await expect(checkHookUrl('http://metadata.google.internal/', policy)).resolves.toHaveLength(1);
  });

  it.each(['ftp://hooks.example.vn/', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses the non-http scheme of %s and says which schemes work',
    async (url) => {
      await expect(checkHookUrl(url, strict(fakeResolver({})))).rejects.toThrow(
        /use http:\/\/ or https:\/\//,
      );
    },
  );

  it('refuses a URL that does not parse', async () => {
    await expect(checkHookUrl('hooks.example.vn/x', strict(fakeResolver({})))).rejects.toThrow(
      /not a valid absolute URL/,
    );
  });

  it('passes a resolver failure through as it is, not as a refusal', async () => {
    const error = await checkHookUrl('http://nowhere.invalid/', strict(fakeResolver({}))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(HookRefusedError);
  });
});
