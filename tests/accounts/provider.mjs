// A real OpenID Provider for the tests: panva's oidc-provider on loopback, with one client for
// the portal and test users whose claims cover the sign-in cases. Started by tests/accounts'
// `oidc_provider` fixture, which reads the issuer from the first line printed ("READY <url>").
//
// Config (JSON in OP_CONFIG): client_id, client_secret, redirect_uris, post_logout_redirect_uris.
// For the refusal tests, POST /__test__/next-token {"aud"|"exp"|"nonce": ...} re-signs the next
// ID token the token endpoint hands out with the provider's own key and that claim changed,
// as a provider that is misconfigured or impersonated would send it; {"state": ...} changes
// the state in the next redirect back to the portal, as a tampered link would carry it.
import crypto from 'node:crypto';
import http from 'node:http';
import { URL } from 'node:url';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OP_CONFIG || '{}');
const STRONG = 'http://id.elegnamnden.se/loa/1.0/loa3';
const WEAK = 'http://id.elegnamnden.se/loa/1.0/loa2';
const PASSWORD = 'losenord';

// username -> what the directory says about them. employeeHsaId is the stable identifier.
const USERS = {
  kliniker: {
    acr: STRONG,
    claims: {
      employeeHsaId: 'SE2321000065-K001', given_name: 'Karin', family_name: 'Klinik',
      email: 'karin.klinik@kronoberg.example', groups: ['familjeombud-kliniker'],
    },
  },
  strateg: {
    acr: STRONG,
    claims: {
      employeeHsaId: 'SE2321000065-S001', given_name: 'Sara', family_name: 'Strateg',
      email: 'sara.strateg@kronoberg.example', groups: ['familjeombud-strateg'],
    },
  },
  ombud: {
    acr: STRONG,
    claims: {
      employeeHsaId: 'SE2321000065-F001', given_name: 'Filip', family_name: 'Ombud',
      email: 'filip.ombud@kronoberg.example', groups: [], healthCareUnitHsaId: 'SE2321000065-E100',
    },
  },
  utanroll: {
    acr: STRONG,
    claims: {
      employeeHsaId: 'SE2321000065-U001', given_name: 'Ulla', family_name: 'Utanroll',
      email: 'ulla.utanroll@kronoberg.example', groups: [],
    },
  },
  svag: {
    acr: WEAK,
    claims: {
      employeeHsaId: 'SE2321000065-W001', given_name: 'Wilma', family_name: 'Svag',
      email: 'wilma.svag@kronoberg.example', groups: ['familjeombud-kliniker'],
    },
  },
  utanhsa: {
    acr: STRONG,
    claims: {
      given_name: 'Hugo', family_name: 'Utan', email: 'hugo.utan@kronoberg.example',
      groups: ['familjeombud-kliniker'],
    },
  },
};

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
let tamper = null;

function b64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function resign(idToken, changes) {
  const [header, payload] = idToken.split('.').slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  const now = Math.floor(Date.now() / 1000);
  if (changes.aud) payload.aud = changes.aud;
  if (changes.nonce) payload.nonce = changes.nonce;
  if (changes.exp) { payload.iat = now - 7200; payload.exp = now - 3600; }
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = crypto.sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url');
  return `${input}.${signature}`;
}

const page = (title, body) => `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(uid, error = '') {
  return page('Regionens inloggning (test)', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="username">Användarnamn</label> <input id="username" name="username" autocomplete="username">
<label for="password">Lösenord</label> <input id="password" name="password" type="password">
<button type="submit">Logga in hos regionen</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Avbryt</button></form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: config.client_id,
      client_secret: config.client_secret,
      redirect_uris: config.redirect_uris,
      post_logout_redirect_uris: config.post_logout_redirect_uris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    acrValues: [STRONG, WEAK],
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'employeeHsaId', 'groups', 'healthCareUnitHsaId'],
      email: ['email'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Logga ut från regionens inloggning?', `${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button>
<button type="submit" form="op.logoutForm">Nej, förbli inloggad</button>`);
        },
        postLogoutSuccessSource: async (ctx) => { ctx.body = page('Utloggad', '<p>Du är utloggad.</p>'); },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Fel hos inloggningstjänsten', `<pre>${escape(JSON.stringify(out))}</pre>`);
    },
    pkce: { required: () => false },
    findAccount: async (ctx, id) => (USERS[id] ? {
      accountId: id,
      claims: async () => ({ sub: id, ...USERS[id].claims }),
    } : undefined),
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  });

  provider.use(async (ctx, next) => {
    await next();
    const location = ctx.response.get('location');
    if (tamper && tamper.state && location && config.redirect_uris.some((u) => location.startsWith(u))) {
      const target = new URL(location);
      target.searchParams.set('state', tamper.state);
      ctx.redirect(target.href);
      tamper = null;
    }
    if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, tamper) };
      tamper = null;
    }
  });

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const url = new URL(req.url, issuer);
    try {
      if (url.pathname === '/__test__/next-token' && req.method === 'POST') {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        tamper = JSON.parse(Buffer.concat(chunks).toString() || 'null');
        res.writeHead(204).end();
        return;
      }
      const match = url.pathname.match(/^\/interaction\/([^/]+)(\/login|\/abort)?$/);
      if (!match) { callback(req, res); return; }
      const details = await provider.interactionDetails(req, res);
      if (match[2] === '/abort') {
        await provider.interactionFinished(req, res, {
          error: 'access_denied', error_description: 'Användaren avbröt inloggningen',
        }, { mergeWithLastSubmission: false });
        return;
      }
      if (match[2] === '/login' && req.method === 'POST') {
        const form = await readForm(req);
        const user = USERS[form.get('username')];
        if (!user || form.get('password') !== PASSWORD) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(loginForm(details.uid, 'Fel användarnamn eller lösenord.'));
          return;
        }
        await provider.interactionFinished(req, res, {
          login: { accountId: form.get('username'), acr: user.acr, amr: ['pwd', 'otp'] },
        }, { mergeWithLastSubmission: false });
        return;
      }
      if (details.prompt.name === 'login') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid));
        return;
      }
      // The portal is the region's own service: consent is given for it, as at a real IdP.
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
    }
  });
  process.stdout.write(`READY ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
