#!/usr/bin/env bash
# Gives Keycloak the set-up of tests/bench/realms/bench.yaml through its admin REST API:
# realm `bench`, the confidential client `bench-app` (client_credentials, standard flow,
# service account), the public client `bench-spa` (PKCE S256), and the bench accounts.
# Refresh tokens rotate as on hpid: revokeRefreshToken on, refreshTokenMaxReuse 0.
# The password policy is left at Keycloak's default, which is Argon2id; the script prints
# the hash parameters of a stored credential to prove it.
#
# Usage: keycloak-realm.sh BASE_URL ADMIN_PASSWORD CLIENT_SECRET USERS PASSWORD
set -euo pipefail
base=$1 admin_password=$2 secret=$3 users=$4 password=$5

admin_token() {
  curl -fsS "$base/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode username=admin --data-urlencode "password=$admin_password" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

realm_json() {
  cat <<JSON
{
  "realm": "bench", "enabled": true,
  "accessTokenLifespan": 3600, "accessCodeLifespan": 60,
  "ssoSessionIdleTimeout": 1800, "ssoSessionMaxLifespan": 36000,
  "revokeRefreshToken": true, "refreshTokenMaxReuse": 0,
  "clients": [
    { "clientId": "bench-app", "enabled": true, "publicClient": false,
      "clientAuthenticatorType": "client-secret", "secret": "$secret",
      "standardFlowEnabled": true, "serviceAccountsEnabled": true,
      "directAccessGrantsEnabled": false, "implicitFlowEnabled": false,
      "redirectUris": ["http://127.0.0.1/bench/callback"],
      "attributes": { "pkce.code.challenge.method": "S256" } },
    { "clientId": "bench-spa", "enabled": true, "publicClient": true,
      "standardFlowEnabled": true, "directAccessGrantsEnabled": false, "implicitFlowEnabled": false,
      "redirectUris": ["http://127.0.0.1/bench/callback"],
      "attributes": { "pkce.code.challenge.method": "S256" } }
  ],
  "users": [
JSON
  for ((i = 1; i <= users; i++)); do
    local email
    email=$(printf 'bench%04d@bench.example' "$i")
    printf '    { "username": "%s", "email": "%s", "emailVerified": true, "enabled": true,\n' "$email" "$email"
    printf '      "firstName": "Load", "lastName": "Tester %04d",\n' "$i"
    printf '      "credentials": [{ "type": "password", "value": "%s", "temporary": false }] }%s\n' \
      "$password" "$([[ $i -lt $users ]] && echo ,)"
  done
  printf '  ]\n}\n'
}

token=$(admin_token)
realm_json | curl -fsS -X POST "$base/admin/realms" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' --data-binary @-

policy=$(curl -fsS "$base/admin/realms/bench" -H "Authorization: Bearer $token" \
  | sed -nE 's/.*"passwordPolicy":"([^"]*)".*/\1/p')
user_id=$(curl -fsS "$base/admin/realms/bench/users?username=bench0001@bench.example&exact=true" \
  -H "Authorization: Bearer $token" | sed -E 's/^\[\{"id":"([^"]+)".*/\1/')
credential=$(curl -fsS "$base/admin/realms/bench/users/$user_id/credentials" -H "Authorization: Bearer $token" \
  | sed -E 's/.*"credentialData":"(([^"\\]|\\.)*)".*/\1/' | sed 's/\\"/"/g')
echo "keycloak realm bench: passwordPolicy='${policy:-<default>}'; stored credential: $credential"
