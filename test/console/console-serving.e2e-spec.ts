import { ADMIN, startTestApp, type TestApp } from '../support/test-app.js';

// The console is served by the API (same origin), and its refresh token travels in a cookie.
describe('console serving and the refresh cookie', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 180_000);
  afterAll(() => app?.close());

  it('serves the console at / and at each screen URL, with a content security policy', async () => {
    for (const path of ['/', '/files/0d3b8b8e-9f39-4a49-8f0b-6d1c5bbd9f6c', '/channels']) {
      const res = await app.http().get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      // A document's preview is a blob: URL in an <img> or an <iframe>; nothing else allows blob:.
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-src 'self' blob:");
      expect(csp).toContain("object-src 'none'");
      expect(csp.match(/blob:/g)).toHaveLength(2);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const html = (await app.http().get('/')).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await app.http().get(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('leaves /api unchanged: an unknown API path is still a problem+json 404', async () => {
    const res = await app.http().get('/api/v1/no-such-route').set('Accept', 'text/html,application/json');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('keeps the refresh token in an HttpOnly, SameSite=Strict cookie scoped to the refresh route', async () => {
    const login = await app
      .http()
      .post('/api/v1/auth/login')
      .set('X-Refresh-Transport', 'cookie')
      .send({ email: ADMIN.email, password: ADMIN.password });
    expect(login.status).toBe(200);
    expect(login.body.refreshToken).toBeUndefined();
    expect(login.body.accessToken).toEqual(expect.any(String));
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^relay_refresh=[^;]+;/);
    expect(cookie).toContain('Path=/api/v1/auth/refresh');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure'); // NODE_ENV=test; production adds Secure

    const refreshed = await app
      .http()
      .post('/api/v1/auth/refresh')
      .set('X-Refresh-Transport', 'cookie')
      .set('Cookie', cookie.split(';')[0]!)
      .send({});
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const rotated = String(refreshed.headers['set-cookie']).split(';')[0]!;
    expect(rotated).not.toBe(cookie.split(';')[0]);

    // The old cookie was rotated away: presenting it again revokes the family.
    const reused = await app.http().post('/api/v1/auth/refresh').set('Cookie', cookie.split(';')[0]!).send({});
    expect(reused.status).toBe(401);
    const afterReuse = await app.http().post('/api/v1/auth/refresh').set('Cookie', rotated).send({});
    expect(afterReuse.status).toBe(401);
  });

  it('still answers clients that send the refresh token in the body, and refuses an empty refresh', async () => {
    const login = await app.http().post('/api/v1/auth/login').send({ email: ADMIN.email, password: ADMIN.password });
    expect(login.body.refreshToken).toEqual(expect.any(String));
    expect(login.headers['set-cookie']).toBeUndefined();
    const refreshed = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    const empty = await app.http().post('/api/v1/auth/refresh').send({});
    // No token in the body and no cookie: a missing field, as before the cookie existed.
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('validation_failed');
  });

  it('clears the cookie on logout', async () => {
    const login = await app
      .http()
      .post('/api/v1/auth/login')
      .set('X-Refresh-Transport', 'cookie')
      .send({ email: ADMIN.email, password: ADMIN.password });
    const out = await app
      .http()
      .post('/api/v1/auth/logout')
      .set('X-Refresh-Transport', 'cookie')
      .set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/relay_refresh=;.*Expires=Thu, 01 Jan 1970/);
  });
});
