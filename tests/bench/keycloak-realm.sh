#!/usr/bin/env bash
# Gives Keycloak the set-up of tests/bench/realms/bench.yaml through its admin REST API:
# realm `bench`, the confidential client `bench-app` (client_credentials, standard flow,
# service account), the public client `bench-spa` (PKCE S256), and the bench accounts.
# Refresh tokens rotate as on hpid: revokeRefreshToken on, refreshTokenMaxReuse 0.
# The password policy is left at Keycloak's default, which is Argon2id; the script prints
# the hash parameters of a stored credential to prove it.
#
# VNeID as on hpid's `vneid` upstream (docs/keycloak-extension.md): the identity provider
# `vneid` of the hpid-keycloak-vneid jar pointed at the same stand-in with the same client,
# secret and relying-party key; the first-login flow "vneid first login" with its one step,
# link by verified personal ID number (never by e-mail); sync mode force with the attribute
# mappers, so every sign-in refreshes the verified attributes as hpid does; a user profile
# that declares those attributes (admin-edited only) and requires nothing a VNeID sign-in
# cannot give, so no profile page interrupts it; the acr-to-level map of the extension.
#
# Usage: keycloak-realm.sh BASE_URL ADMIN_PASSWORD CLIENT_SECRET USERS PASSWORD \
#          VNEID_BASE_URL VNEID_CLIENT_SECRET RP_KEY_PEM_FILE
set -euo pipefail
base=$1 admin_password=$2 secret=$3 users=$4 password=$5 vneid=$6 vneid_secret=$7 rp_key_file=$8

admin_token() {
  curl -fsS "$base/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode username=admin --data-urlencode "password=$admin_password" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# A string as a JSON string literal (for the PEM's newlines and the profile's quotes).
json_string() {
  printf '"%s"' "$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')"
}

vneid_attribute_mapper() {
  printf '{ "name": "%s", "identityProviderAlias": "vneid", "identityProviderMapper": "hpid-vneid-attribute-mapper",
      "config": { "source": "%s", "syncMode": "FORCE" } }' "$1" "$1"
}

realm_json() {
  local profile
  profile=$(json_string <<'PROFILE'
{"unmanagedAttributePolicy":"ADMIN_VIEW","attributes":[
 {"name":"username","displayName":"${username}","permissions":{"view":["admin","user"],"edit":["admin","user"]}},
 {"name":"email","displayName":"${email}","permissions":{"view":["admin","user"],"edit":["admin","user"]}},
 {"name":"firstName","displayName":"${firstName}","permissions":{"view":["admin","user"],"edit":["admin"]}},
 {"name":"lastName","displayName":"${lastName}","permissions":{"view":["admin","user"],"edit":["admin"]}},
 {"name":"personal_id_number","permissions":{"view":["admin","user"],"edit":["admin"]}},
 {"name":"full_name","permissions":{"view":["admin","user"],"edit":["admin"]}},
 {"name":"birth_date","permissions":{"view":["admin","user"],"edit":["admin"]}},
 {"name":"gender","permissions":{"view":["admin","user"],"edit":["admin"]}},
 {"name":"vneid_level","permissions":{"view":["admin","user"],"edit":["admin"]}}]}
PROFILE
)
  cat <<JSON
{
  "realm": "bench", "enabled": true,
  "accessTokenLifespan": 3600, "accessCodeLifespan": 60,
  "ssoSessionIdleTimeout": 1800, "ssoSessionMaxLifespan": 36000,
  "revokeRefreshToken": true, "refreshTokenMaxReuse": 0,
  "attributes": { "acr.loa.map": "{\"urn:hpid:acr:vneid:level1\":1,\"urn:hpid:acr:vneid:level2\":2}" },
  "identityProviders": [
    { "alias": "vneid", "displayName": "VNeID", "providerId": "vneid", "enabled": true,
      "trustEmail": false, "storeToken": false, "firstBrokerLoginFlowAlias": "vneid first login",
      "config": { "authorizationUrl": "$vneid/oauth/authorize", "tokenUrl": "$vneid/oauth/token",
        "userInfoUrl": "$vneid/oauth/userinfo", "clientId": "bench-vneid", "clientSecret": "$vneid_secret",
        "rpPrivateKeyPem": $(json_string <"$rp_key_file"), "syncMode": "FORCE" } }
  ],
  "identityProviderMappers": [
    $(vneid_attribute_mapper full_name), $(vneid_attribute_mapper birth_date),
    $(vneid_attribute_mapper gender), $(vneid_attribute_mapper vneid_level)
  ],
  "authenticationFlows": [
    { "alias": "vneid first login", "providerId": "basic-flow", "topLevel": true, "builtIn": false,
      "description": "One account per citizen: link by verified personal ID number",
      "authenticationExecutions": [
        { "authenticator": "hpid-link-by-personal-id", "requirement": "REQUIRED", "priority": 10,
          "authenticatorFlow": false, "userSetupAllowed": false } ] }
  ],
  "components": { "org.keycloak.userprofile.UserProfileProvider": [
    { "providerId": "declarative-user-profile", "subComponents": {},
      "config": { "kc.user.profile.config": [$profile] } } ] },
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
