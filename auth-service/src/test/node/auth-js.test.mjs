// The real @supabase/auth-js against a running auth-service (GoTrue-compatible surface under /auth/v1).
// Run by dev.tenantcore.auth.SupabaseAuthJsTest with AUTH_URL set; sign-up confirmation is off in that context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { AuthClient, AuthWeakPasswordError, isAuthApiError } from '@supabase/auth-js';

const url = process.env.AUTH_URL;
assert.ok(url, 'AUTH_URL must point at the service, e.g. http://127.0.0.1:8081/auth/v1');

function client() {
  // As supabase-js does: the anon key travels as apikey and as the bearer token of anonymous calls.
  return new AuthClient({
    url,
    headers: { apikey: 'anon-key', Authorization: 'Bearer anon-key' },
    persistSession: false,
    autoRefreshToken: false,
    detectSessionInUrl: false,
  });
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totp(secret, offset = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0x0f;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

const password = 'correct horse battery staple';

test('settings are served in GoTrue shape', async () => {
  const response = await fetch(`${url}/settings`);
  assert.equal(response.status, 200);
  const settings = await response.json();
  assert.equal(settings.external.email, true);
  assert.equal(settings.mailer_autoconfirm, true);
});

test('auth-js flows: signUp, signIn, getUser, getClaims, refresh, updateUser, MFA, resetPassword, signOut', async () => {
  const auth = client();
  const email = `node-${randomUUID().slice(0, 8)}@example.test`;

  const signUp = await auth.signUp({ email, password, options: { data: { plan: 'free' } } });
  assert.equal(signUp.error, null, `signUp: ${signUp.error?.message}`);
  assert.ok(signUp.data.session, 'signUp returns a session when confirmation is off');
  assert.equal(signUp.data.user.email, email);
  assert.equal(signUp.data.user.user_metadata.plan, 'free');

  const signIn = await auth.signInWithPassword({ email, password });
  assert.equal(signIn.error, null, `signInWithPassword: ${signIn.error?.message}`);
  const session = signIn.data.session;
  assert.equal(session.token_type, 'bearer');
  assert.ok(session.expires_at > Date.now() / 1000);
  assert.equal(signIn.data.user.aud, 'authenticated');
  assert.equal(signIn.data.user.role, 'authenticated');
  assert.ok(signIn.data.user.email_confirmed_at);

  const me = await auth.getUser();
  assert.equal(me.error, null, `getUser: ${me.error?.message}`);
  assert.equal(me.data.user.id, signIn.data.user.id);
  assert.equal(me.data.user.email, email);

  // getClaims() verifies the access token in the client against the JWKS (WebCrypto: ES256 or RS256 only).
  const claims = await auth.getClaims();
  assert.equal(claims.error, null, `getClaims: ${claims.error?.message}`);
  assert.equal(claims.data.header.alg, 'ES256');
  assert.equal(claims.data.claims.sub, signIn.data.user.id);
  const [head, body, sig] = session.access_token.split('.');
  const tampered = `${head}.${body}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
  const refused = await auth.getClaims(tampered);
  assert.equal(refused.data, null);
  assert.equal(refused.error?.name, 'AuthInvalidJwtError', 'a changed signature fails the in-client check');

  const refreshed = await auth.refreshSession();
  assert.equal(refreshed.error, null, `refreshSession: ${refreshed.error?.message}`);
  assert.notEqual(refreshed.data.session.refresh_token, session.refresh_token);
  assert.equal(refreshed.data.user.id, signIn.data.user.id);

  const updated = await auth.updateUser({ data: { name: 'Ada' } });
  assert.equal(updated.error, null, `updateUser: ${updated.error?.message}`);
  assert.equal(updated.data.user.user_metadata.name, 'Ada');
  const newPassword = 'another long passphrase';
  const changed = await auth.updateUser({ password: newPassword });
  assert.equal(changed.error, null, `updateUser(password): ${changed.error?.message}`);

  // MFA: enroll, challenge, verify (code computed here), then the session is aal2.
  const enrolled = await auth.mfa.enroll({ factorType: 'totp', friendlyName: 'node' });
  assert.equal(enrolled.error, null, `mfa.enroll: ${enrolled.error?.message}`);
  assert.equal(enrolled.data.type, 'totp');
  assert.match(enrolled.data.totp.uri, /^otpauth:\/\/totp\//);
  const factorId = enrolled.data.id;
  const challenge = await auth.mfa.challenge({ factorId });
  assert.equal(challenge.error, null, `mfa.challenge: ${challenge.error?.message}`);
  assert.ok(challenge.data.expires_at > Date.now() / 1000);
  const wrong = await auth.mfa.verify({ factorId, challengeId: challenge.data.id, code: totp(enrolled.data.totp.secret, 7) });
  assert.ok(isAuthApiError(wrong.error), 'a wrong code fails');
  assert.equal(wrong.error.code, 'mfa_verification_failed');
  const verified = await auth.mfa.challengeAndVerify({ factorId, code: totp(enrolled.data.totp.secret) });
  assert.equal(verified.error, null, `mfa.verify: ${verified.error?.message}`);
  const aal = await auth.mfa.getAuthenticatorAssuranceLevel();
  assert.equal(aal.data.currentLevel, 'aal2');
  assert.ok(aal.data.currentAuthenticationMethods.some((m) => m === 'totp' || m.method === 'totp'));
  const factors = await auth.mfa.listFactors();
  assert.equal(factors.error, null, `mfa.listFactors: ${factors.error?.message}`);
  assert.equal(factors.data.totp.length, 1);

  // A new password login reaches aal1 only, and knows aal2 is next.
  const other = client();
  const second = await other.signInWithPassword({ email, password: newPassword });
  assert.equal(second.error, null, `signIn after password change: ${second.error?.message}`);
  const level = await other.mfa.getAuthenticatorAssuranceLevel();
  assert.equal(level.data.currentLevel, 'aal1');
  assert.equal(level.data.nextLevel, 'aal2');

  const reset = await auth.resetPasswordForEmail(email);
  assert.equal(reset.error, null, `resetPasswordForEmail: ${reset.error?.message}`);

  const accessToken = (await auth.getSession()).data.session.access_token;
  const out = await auth.signOut();
  assert.equal(out.error, null, `signOut: ${out.error?.message}`);
  assert.equal((await auth.getSession()).data.session, null);
  const after = await auth.getUser(accessToken);
  assert.ok(after.error, 'the signed-out token no longer works');
});

test('errors arrive as auth-js error classes with GoTrue codes', async () => {
  const auth = client();
  const wrong = await auth.signInWithPassword({ email: `nobody-${randomUUID()}@example.test`, password });
  assert.ok(isAuthApiError(wrong.error));
  assert.equal(wrong.error.status, 400);
  assert.equal(wrong.error.code, 'invalid_credentials');

  const weak = await auth.signUp({ email: `weak-${randomUUID().slice(0, 8)}@example.test`, password: 'short' });
  assert.ok(weak.error instanceof AuthWeakPasswordError, `weak password: ${weak.error?.name}`);
  assert.equal(weak.error.code, 'weak_password');

  const badRefresh = await auth.refreshSession({ refresh_token: 'not-a-token' });
  assert.ok(badRefresh.error);
  assert.equal(badRefresh.error.code, 'refresh_token_not_found');
});
