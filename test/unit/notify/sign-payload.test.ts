import { createHmac } from 'node:crypto';
import { signPayload, verifySignature } from '../../../src/notify/sign-payload';

const secret = 'whsec_chocon_2024';
const body = '{"id":"evt_1","type":"session.live","data":{"title":"Chợ Cồn"}}';

describe('signPayload', () => {
  it('is sha256= and the hex HMAC of "<timestamp>.<raw body>"', () => {
    const expected = createHmac('sha256', secret).update(`1717758000.${body}`).digest('hex');
    expect(signPayload(secret, 1717758000, body)).toBe(`sha256=${expected}`);
    expect(signPayload(secret, '1717758000', body)).toBe(`sha256=${expected}`);
  });
});

describe('verifySignature', () => {
  const signature = signPayload(secret, 1717758000, body);

  it('accepts the signature of the same secret, timestamp and body', () => {
    expect(verifySignature(secret, '1717758000', body, signature)).toBe(true);
  });

  it('rejects another secret, timestamp or body', () => {
    expect(verifySignature('other-secret', 1717758000, body, signature)).toBe(false);
    expect(verifySignature(secret, 1717758001, body, signature)).toBe(false);
    expect(verifySignature(secret, 1717758000, `${body} `, signature)).toBe(false);
  });

  it('rejects malformed signatures without throwing', () => {
    expect(verifySignature(secret, 1717758000, body, '')).toBe(false);
    expect(verifySignature(secret, 1717758000, body, 'sha256=abc')).toBe(false);
    expect(verifySignature(secret, 1717758000, body, `${signature}00`)).toBe(false);
  });
});
