// A test identity provider: a small OpenID Connect provider that stands in for
// Mon dossier N.-É. / My NS Account in the tests, and when running the app locally.
// It is built on the `oidc-provider` package and keeps everything in memory.
//
// Run:
//   node end2end/oidc-provider.mjs [--port N] [--exit-with-stdin]
// The port also comes from OIDC_PROVIDER_PORT; 0 (the default) picks a free port.
// It listens on 127.0.0.1 only. The issuer is http://127.0.0.1:<port>. Once listening it
// prints exactly one line to stdout, `issuer=http://127.0.0.1:<port>`; everything else
// goes to stderr. It exits on SIGTERM or SIGINT, and with --exit-with-stdin also when
// its standard input closes.
//
// Client (confidential):
//   client_id `lampss`, client_secret `lampss-test-secret`, authenticating at the token
//   endpoint with HTTP Basic (client_secret_basic) or in the form body
//   (client_secret_post); authorization code flow; scopes openid, email, profile.
//   Redirect URI: http://127.0.0.1:<any port>/auth/callback or
//   http://localhost:<any port>/auth/callback, or the same over https.
//   Post-logout redirect URI: http://127.0.0.1:<any port>/login?signed_out=1 or the same
//   on localhost, or over https.
//   PKCE is checked whenever a code_challenge is sent (S256 only).
//   The ID token (RS256) holds iss, sub, aud, iat, exp and nonce; the email and profile
//   claims come from the userinfo endpoint (/me).
//
// Users (username / password):
//   marie / marie-2026  sub c3f1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b, marie.dupuis@example.org
//                       (verified), preferred_username mdupuis, Marie Dupuis
//   alex  / alex-2026   sub 7e8d9c0b-1a2f-4e3d-9c8b-7a6f5e4d3c2b, alex.martin@example.org
//                       (not verified), preferred_username amartin, Alex Martin
//   sam   / sam-2026    sub 2d4f6a8c-0e1b-4c3d-8f5a-6b7c8d9e0f1a, sam.leblanc@example.org
//                       (verified), preferred_username sleblanc, Sam LeBlanc
//
// Pages: a sign-in page with "Sign in" and "Cancel" (Cancel sends the browser back with
// error=access_denied); consent is given with the sign-in, so there is no consent page.
// RP-initiated logout shows a "Sign out" page.
//
// Test controls (JSON, on the same port):
//   POST /test/next-id-token  {"clock_offset_seconds": -7200} and/or
//                             {"audience": "another-client"}
//       changes the next ID token the token endpoint issues, once: its iat and exp as if
//       the provider's clock were off by that many seconds, and/or its aud. The token is
//       signed again with the provider's current key. Answers 204.
//   POST /test/rotate-keys
//       the provider signs with a new key (new kid) from now on and its JWKS holds only
//       that key. Sessions, codes and grants in progress are kept; an ID token signed with
//       an earlier key is still accepted as id_token_hint. Answers 204.

import * as crypto from 'node:crypto';
import * as http from 'node:http';

import Provider from 'oidc-provider';

// oidc-provider prints notices with console.info; stdout carries only the issuer line.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const CLIENT_ID = 'lampss';
const CLIENT_SECRET = 'lampss-test-secret';
const CLIENT_NAME = 'LaMPSS Organization contacts';
const SCOPES = ['openid', 'email', 'profile'];

const PORT_PART = '(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?';
const REDIRECT_URI = new RegExp(`^https?://(?:127\\.0\\.0\\.1|localhost)${PORT_PART}/auth/callback$`);
const POST_LOGOUT_REDIRECT_URI = new RegExp(`^https?://(?:127\\.0\\.0\\.1|localhost)${PORT_PART}/login\\?signed_out=1$`);

const USERS = [
  {
    username: 'marie',
    password: 'marie-2026',
    claims: {
      sub: 'c3f1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      email: 'marie.dupuis@example.org',
      email_verified: true,
      preferred_username: 'mdupuis',
      given_name: 'Marie',
      family_name: 'Dupuis',
      name: 'Marie Dupuis',
    },
  },
  {
    username: 'alex',
    password: 'alex-2026',
    claims: {
      sub: '7e8d9c0b-1a2f-4e3d-9c8b-7a6f5e4d3c2b',
      email: 'alex.martin@example.org',
      email_verified: false,
      preferred_username: 'amartin',
      given_name: 'Alex',
      family_name: 'Martin',
      name: 'Alex Martin',
    },
  },
  {
    username: 'sam',
    password: 'sam-2026',
    claims: {
      sub: '2d4f6a8c-0e1b-4c3d-8f5a-6b7c8d9e0f1a',
      email: 'sam.leblanc@example.org',
      email_verified: true,
      preferred_username: 'sleblanc',
      given_name: 'Sam',
      family_name: 'LeBlanc',
      name: 'Sam LeBlanc',
    },
  },
];

// ---------------------------------------------------------------------------------------
// Command line

function parsePort(value, origin) {
  if (!/^[0-9]{1,5}$/.test(value ?? '') || Number(value) > 65535) {
    console.error(`oidc-provider: invalid port ${JSON.stringify(value)} (${origin})`);
    process.exit(2);
  }
  return Number(value);
}

let port = process.env.OIDC_PROVIDER_PORT ? parsePort(process.env.OIDC_PROVIDER_PORT, 'OIDC_PROVIDER_PORT') : 0;
let exitWithStdin = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--port') {
    i += 1;
    port = parsePort(args[i], '--port');
  } else if (arg.startsWith('--port=')) {
    port = parsePort(arg.slice('--port='.length), '--port');
  } else if (arg === '--exit-with-stdin') {
    exitWithStdin = true;
  } else {
    console.error(`oidc-provider: unknown argument ${JSON.stringify(arg)}`);
    console.error('usage: node end2end/oidc-provider.mjs [--port N] [--exit-with-stdin]');
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------
// Storage shared by every Provider instance, so that a key rotation (a new instance) keeps
// sessions, interactions, codes, tokens and grants.

const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);
const store = new Map(); // `${model}:${id}` -> { payload, expiresAt }
const grantMembers = new Map(); // grantId -> Set of store keys
const sessionUids = new Map(); // session uid -> session id
const userCodes = new Map(); // user code -> device code id

function entry(key) {
  const found = store.get(key);
  if (found && found.expiresAt !== undefined && found.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return found;
}

setInterval(() => {
  for (const key of store.keys()) entry(key);
}, 60_000).unref();

class SharedMemoryAdapter {
  constructor(model) {
    this.model = model;
  }

  key(id) {
    return `${this.model}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
    store.set(key, { payload: structuredClone(payload), expiresAt });
    if (this.model === 'Session' && payload.uid) sessionUids.set(payload.uid, id);
    if (payload.userCode) userCodes.set(payload.userCode, id);
    if (GRANTABLE.has(this.model) && payload.grantId) {
      if (!grantMembers.has(payload.grantId)) grantMembers.set(payload.grantId, new Set());
      grantMembers.get(payload.grantId).add(key);
    }
  }

  async find(id) {
    const found = entry(this.key(id));
    return found ? structuredClone(found.payload) : undefined;
  }

  async findByUid(uid) {
    const id = sessionUids.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode) {
    const id = userCodes.get(userCode);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id) {
    const found = entry(this.key(id));
    if (found) found.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    const key = this.key(id);
    const found = store.get(key);
    store.delete(key);
    if (found?.payload.grantId) grantMembers.get(found.payload.grantId)?.delete(key);
  }

  async revokeByGrantId(grantId) {
    for (const key of grantMembers.get(grantId) ?? []) store.delete(key);
    grantMembers.delete(grantId);
  }
}

// ---------------------------------------------------------------------------------------
// Signing keys

async function generateSigningKey() {
  const { privateKey, publicKey } = await new Promise((resolve, reject) => {
    crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, pub, priv) => (
      err ? reject(err) : resolve({ publicKey: pub, privateKey: priv })
    ));
  });
  const jwk = privateKey.export({ format: 'jwk' });
  // The kid is the key's RFC 7638 thumbprint: a new key never reuses an old kid.
  const kid = crypto.createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url');
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' },
  };
}

let signingKey;
const retiredKeys = []; // earlier signing keys, still accepted in id_token_hint

// ---------------------------------------------------------------------------------------
// HTML

function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Test identity provider</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
label{display:block;margin-top:.75rem}input{display:block;width:100%;box-sizing:border-box;padding:.4rem}
button{margin-top:1rem;padding:.4rem 1rem}[role=alert]{color:#a00;font-weight:bold}
</style>
</head>
<body>
<main>
<h1>Test identity provider</h1>
${body}
</main>
</body>
</html>
`;
}

function loginPage(uid, clientName, { username = '', failed = false } = {}) {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return page('Sign in', `<p>Sign in to continue to <strong>${escapeHtml(clientName)}</strong>.</p>
${failed ? '<p role="alert">Invalid username or password.</p>\n' : ''}<form method="post" action="${escapeHtml(`${base}/login`)}">
<label for="login">Username</label>
<input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" value="${escapeHtml(username)}"${failed ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password"${failed ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(`${base}/abort`)}">
<button type="submit">Cancel</button>
</form>`);
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

function sendError(res, status, message) {
  sendHtml(res, status, page('Error', `<p role="alert">${escapeHtml(message)}</p>`));
}

// ---------------------------------------------------------------------------------------
// Provider

function clientName(client) {
  return client?.clientName || client?.clientId || CLIENT_NAME;
}

function findAccount(ctx, sub) {
  const user = USERS.find((u) => u.claims.sub === sub);
  if (!user) return undefined;
  return {
    accountId: sub,
    // oidc-provider keeps only the claims of the granted scopes.
    async claims() {
      return { ...user.claims };
    },
  };
}

async function logoutSource(ctx, form) {
  ctx.type = 'html';
  ctx.body = page('Sign out', `<p>Sign out of the test identity provider${ctx.oidc.client ? ` and of <strong>${escapeHtml(clientName(ctx.oidc.client))}</strong>` : ''}?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = page('Signed out', '<p>You are signed out.</p>');
}

async function renderError(ctx, out) {
  ctx.type = 'html';
  const lines = Object.entries(out)
    .map(([key, value]) => `<p><code>${escapeHtml(key)}</code>: ${escapeHtml(value)}</p>`)
    .join('\n');
  ctx.body = page('Error', `<p role="alert">The request could not be completed.</p>\n${lines}`);
}

// A change to apply to the next ID token the token endpoint issues (/test/next-id-token).
let nextIdTokenChange;

function resign(idToken, change) {
  const [header, payload] = idToken.split('.');
  const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url'));
  if (alg !== 'RS256' || kid !== signingKey.kid) {
    throw new Error(`unexpected ID token header (alg ${alg}, kid ${kid})`);
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  if (change.clock_offset_seconds !== undefined) {
    claims.iat += change.clock_offset_seconds;
    claims.exp += change.clock_offset_seconds;
  }
  if (change.audience !== undefined) {
    claims.aud = change.audience;
  }
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = crypto.sign('sha256', Buffer.from(signingInput), signingKey.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function buildProvider(issuer, key) {
  const provider = new Provider(issuer, {
    adapter: SharedMemoryAdapter,
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      client_name: CLIENT_NAME,
      application_type: 'web',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      scope: SCOPES.join(' '),
      // The registered forms; any port is accepted (see redirectUriAllowed below).
      redirect_uris: ['http://127.0.0.1/auth/callback', 'http://localhost/auth/callback'],
      post_logout_redirect_uris: ['http://127.0.0.1/login?signed_out=1', 'http://localhost/login?signed_out=1'],
    }],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    scopes: SCOPES,
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username', 'name', 'given_name', 'family_name'],
    },
    conformIdTokenClaims: true,
    findAccount,
    jwks: { keys: [key.jwk] },
    cookies: {
      // Fixed, so that every instance (and a restart) reads the same signed cookies.
      keys: ['test-identity-provider-cookie-key'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
    },
    renderError,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 300,
      IdToken: 3600,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  });

  // The app listens on a port chosen at run time: its redirect URIs are accepted on any port.
  provider.Client.prototype.redirectUriAllowed = (value) => REDIRECT_URI.test(value);
  provider.Client.prototype.postLogoutRedirectUriAllowed = (value) => POST_LOGOUT_REDIRECT_URI.test(value);

  // An ID token signed with a key in use before a rotation still names its holder as
  // id_token_hint (at logout).
  const { IdToken } = provider;
  const validate = IdToken.validate.bind(IdToken);
  IdToken.validate = async (jwt, client) => {
    try {
      return await validate(jwt, client);
    } catch (err) {
      const verified = verifyWithRetiredKey(jwt, client, issuer);
      if (verified) return verified;
      throw err;
    }
  };

  const tokenPath = provider.pathFor('token');
  provider.use(async (ctx, next) => {
    await next();
    if (
      nextIdTokenChange
      && ctx.method === 'POST'
      && ctx.path === tokenPath
      && ctx.status === 200
      && typeof ctx.body?.id_token === 'string'
    ) {
      const change = nextIdTokenChange;
      nextIdTokenChange = undefined;
      ctx.body.id_token = resign(ctx.body.id_token, change);
      console.error(`oidc-provider: changed this ID token: ${JSON.stringify(change)}`);
    }
  });

  provider.on('server_error', (ctx, err) => console.error('oidc-provider: server error', err));

  return provider;
}

function verifyWithRetiredKey(jwt, client, issuer) {
  const parts = String(jwt).split('.');
  if (parts.length !== 3) return undefined;
  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url'));
  } catch {
    return undefined;
  }
  const key = retiredKeys.find((k) => k.kid === header.kid);
  if (!key || header.alg !== 'RS256') return undefined;
  const valid = crypto.verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    key.publicKey,
    Buffer.from(parts[2], 'base64url'),
  );
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!valid || payload.iss !== issuer || !audiences.includes(client.clientId) || !payload.sub) {
    return undefined;
  }
  return { header, payload };
}

// ---------------------------------------------------------------------------------------
// Interactions (sign-in), served in front of the provider

function readBody(req, limit = 64 * 1024) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameSecret(given, expected) {
  const a = crypto.createHash('sha256').update(String(given)).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

function checkCredentials(username, password) {
  const user = USERS.find((u) => u.username === username);
  // The password is compared even for an unknown username.
  const ok = sameSecret(password, user ? user.password : '\u0000');
  return ok && user ? user : undefined;
}

// The grant of the requested scopes (and of whatever a consent prompt says is missing).
async function saveGrant(provider, interaction, accountId) {
  let grant;
  if (interaction.grantId) {
    grant = await provider.Grant.find(interaction.grantId);
    if (grant && (grant.accountId !== accountId || grant.clientId !== interaction.params.client_id)) {
      grant = undefined;
    }
  }
  grant ??= new provider.Grant({ accountId, clientId: interaction.params.client_id });

  const requested = String(interaction.params.scope ?? '').split(' ').filter((s) => SCOPES.includes(s));
  if (requested.length) grant.addOIDCScope(requested.join(' '));
  const details = interaction.prompt?.details ?? {};
  if (details.missingOIDCScope?.length) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}

async function handleInteraction(provider, req, res, uid, action) {
  let interaction;
  try {
    interaction = await provider.interactionDetails(req, res);
  } catch (err) {
    if (err.name === 'SessionNotFound') {
      sendError(res, 400, 'This sign-in request has expired or is unknown. Go back to the application and start again.');
      return;
    }
    throw err;
  }
  if (interaction.uid !== uid) {
    sendError(res, 400, 'This sign-in request has expired or is unknown. Go back to the application and start again.');
    return;
  }

  const client = await provider.Client.find(interaction.params.client_id);
  const name = clientName(client);
  const prompt = interaction.prompt?.name;

  if (action === undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'Method not allowed.');
      return;
    }
    if (prompt === 'login') {
      sendHtml(res, 200, loginPage(uid, name));
      return;
    }
    if (prompt === 'consent') {
      // Consent is always given: there is no consent page.
      const grantId = await saveGrant(provider, interaction, interaction.session.accountId);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    sendError(res, 400, `Unsupported prompt ${prompt}.`);
    return;
  }

  if (req.method !== 'POST') {
    sendError(res, 405, 'Method not allowed.');
    return;
  }

  if (action === 'abort') {
    await readBody(req);
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
    return;
  }

  // action === 'login'
  const form = new URLSearchParams(await readBody(req));
  if (prompt !== 'login') {
    sendError(res, 400, 'This sign-in request does not expect a password.');
    return;
  }
  const username = form.get('login') ?? '';
  const user = checkCredentials(username, form.get('password') ?? '');
  if (!user) {
    sendHtml(res, 200, loginPage(uid, name, { username, failed: true }));
    return;
  }
  const accountId = user.claims.sub;
  const grantId = await saveGrant(provider, interaction, accountId);
  await provider.interactionFinished(req, res, {
    login: { accountId },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

// ---------------------------------------------------------------------------------------
// Test controls

function sendJson(res, status, value) {
  if (value === undefined) {
    res.writeHead(status, { 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function handleTestControl(state, req, res, path) {
  if (path !== '/test/next-id-token' && path !== '/test/rotate-keys') {
    sendJson(res, 404, { error: 'not_found' });
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendJson(res, 405, { error: 'method_not_allowed' });
    return;
  }
  const text = await readBody(req);

  if (path === '/test/rotate-keys') {
    const previous = signingKey;
    const key = await generateSigningKey();
    const provider = buildProvider(state.issuer, key);
    retiredKeys.push(previous);
    signingKey = key;
    state.provider = provider;
    state.handle = provider.callback();
    console.error(`oidc-provider: rotated the signing key: kid ${previous.kid} -> ${key.kid}`);
    sendJson(res, 204);
    return;
  }

  let body;
  try {
    body = JSON.parse(text);
  } catch {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'the body must be JSON' });
    return;
  }
  const invalid = (description) => sendJson(res, 400, { error: 'invalid_request', error_description: description });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    invalid('the body must be a JSON object');
    return;
  }
  const unknown = Object.keys(body).filter((k) => k !== 'clock_offset_seconds' && k !== 'audience');
  if (unknown.length) {
    invalid(`unknown fields: ${unknown.join(', ')}`);
    return;
  }
  if (body.clock_offset_seconds === undefined && body.audience === undefined) {
    invalid('expected clock_offset_seconds and/or audience');
    return;
  }
  if (body.clock_offset_seconds !== undefined && !Number.isSafeInteger(body.clock_offset_seconds)) {
    invalid('clock_offset_seconds must be an integer');
    return;
  }
  if (body.audience !== undefined && (typeof body.audience !== 'string' || !body.audience)) {
    invalid('audience must be a non-empty string');
    return;
  }
  nextIdTokenChange = {
    ...(body.clock_offset_seconds !== undefined ? { clock_offset_seconds: body.clock_offset_seconds } : {}),
    ...(body.audience !== undefined ? { audience: body.audience } : {}),
  };
  console.error(`oidc-provider: the next ID token will be changed: ${JSON.stringify(nextIdTokenChange)}`);
  sendJson(res, 204);
}

// ---------------------------------------------------------------------------------------
// Server

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;

const state = { issuer: undefined, provider: undefined, handle: undefined };

const server = http.createServer((req, res) => {
  (async () => {
    if (!state.handle) {
      sendJson(res, 503, { error: 'starting' });
      return;
    }
    const path = new URL(req.url, state.issuer).pathname;
    if (path.startsWith('/test/')) {
      await handleTestControl(state, req, res, path);
      return;
    }
    const match = INTERACTION_PATH.exec(path);
    if (match) {
      await handleInteraction(state.provider, req, res, match[1], match[2]);
      return;
    }
    state.handle(req, res);
  })().catch((err) => {
    console.error('oidc-provider: request failed', err);
    if (!res.headersSent) {
      sendError(res, err.status ?? 500, err.status ? err.message : 'Internal error.');
    } else {
      res.destroy();
    }
  });
});

function shutDown() {
  server.closeAllConnections?.();
  server.close();
  process.exit(0);
}

process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);

if (exitWithStdin) {
  process.stdin.on('end', shutDown);
  process.stdin.on('close', shutDown);
  process.stdin.on('error', shutDown);
  process.stdin.resume();
}

server.on('error', (err) => {
  console.error(`oidc-provider: cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});

signingKey = await generateSigningKey();

server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address();
  state.issuer = `http://127.0.0.1:${actual}`;
  state.provider = buildProvider(state.issuer, signingKey);
  state.handle = state.provider.callback();
  process.stdout.write(`issuer=${state.issuer}\n`);
  console.error(`oidc-provider: listening, signing key kid ${signingKey.kid}`);
});
