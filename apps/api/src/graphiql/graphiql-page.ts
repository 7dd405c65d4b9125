/**
 * The IDE's start-up script. It runs GraphiQL against /graphql and hands the
 * session's CSRF token to the server the way our own pages must: read with
 * the `csrfToken` query (same origin, so only our pages can read it), sent as
 * `x-csrf-token` on every request and as `csrfToken` in the graphql-ws
 * `connection_init` payload. Fetched per request, so signing in or out in the
 * IDE needs no reload.
 */
export const GRAPHIQL_START_SCRIPT = `'use strict';
(function () {
  var endpoint = new URL('/graphql', window.location.href).href;
  var subscriptionEndpoint = endpoint.replace(/^http/, 'ws');

  function currentCsrfToken() {
    return fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ csrfToken }' }),
    })
      .then(function (response) { return response.json(); })
      .then(function (body) { return (body && body.data && body.data.csrfToken) || null; })
      .catch(function () { return null; });
  }

  var baseFetcher = GraphiQL.createFetcher({
    url: endpoint,
    subscriptionUrl: subscriptionEndpoint,
    wsConnectionParams: function () {
      return currentCsrfToken().then(function (token) {
        return token ? { csrfToken: token } : {};
      });
    },
  });

  function fetcher(params, options) {
    return currentCsrfToken().then(function (token) {
      var headers = Object.assign({}, (options && options.headers) || {});
      if (token) headers['x-csrf-token'] = token;
      return baseFetcher(params, Object.assign({}, options || {}, { headers: headers }));
    });
  }

  var defaultQuery = [
    '# Sign in with the demo account, then query',
    '# models, threats, strideMatrix or checklist.',
    '# The IDE sends the CSRF token for you.',
    'mutation SignIn {',
    '  signIn(email: "demo@threatloom.local", password: "threatloom-demo") {',
    '    user { email }',
    '    csrfToken',
    '  }',
    '}',
    '',
  ].join('\\n');

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery }));
})();
`;

/** The IDE page: every script and stylesheet comes from this server. */
export const GRAPHIQL_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Threatloom GraphQL IDE</title>
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading the GraphQL IDE…</div>
  <script src="/graphiql/assets/react.production.min.js"></script>
  <script src="/graphiql/assets/react-dom.production.min.js"></script>
  <script src="/graphiql/assets/graphiql.min.js"></script>
  <script src="/graphiql/start.js"></script>
</body>
</html>
`;
