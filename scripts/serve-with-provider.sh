#!/usr/bin/env bash
# Serves the app as scripts/serve.sh does, signing people in with the bundled test OpenID
# provider (end2end/oidc-provider.mjs, standing in for Mon dossier N.-É.) at
# http://127.0.0.1:3900 as well as with the demo identity provider. The provider's users:
# marie / marie-2026, alex / alex-2026, sam / sam-2026; invite a contact, open the link from
# http://127.0.0.1:3000/dev/mailbox and accept with one of them. Stopping the app stops the
# provider.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
port=${OIDC_PROVIDER_PORT:-3900}
node end2end/oidc-provider.mjs --port "$port" &
provider=$!
trap 'kill $provider 2>/dev/null || true' EXIT
export OIDC_ISSUER="http://127.0.0.1:$port" OIDC_CLIENT_ID=lampss OIDC_CLIENT_SECRET=lampss-test-secret
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
cargo leptos serve --split "$@"
