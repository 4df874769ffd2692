#!/usr/bin/env bash
# The training run behind the start-up cache (the Dockerfile's AOT cache; bench/startup.sh):
# starts the application with the command given, walks the path users take (sign-in, every
# page, a cart item added and removed, preferences, a saved and a placed order, the session
# panel and its "Start over", sign-out)
# a few times, then stops it with SIGTERM. The JVM writes the cache it was asked for as it
# exits (-XX:AOTCacheOutput on Java 25, -XX:ArchiveClassesAtExit on 17), so the cache holds
# what serving a page needs, not only what starting the context needs. Needs bash and curl.
# Every step is bounded: a start that takes over 5 minutes, a request over 30 s or an exit
# over 5 minutes fails the run instead of hanging a build.
#
#   deploy/training-run.sh 8080 java -XX:AOTCacheOutput=app.aot -jar application.jar
#
# The command must serve http://127.0.0.1:PORT (pass --server.port when PORT is not 8080).
set -euo pipefail

port=$1; shift
site="http://127.0.0.1:$port"
fail() { echo "training run: $*" >&2; exit 1; }
# Another server on the port would be trained instead of this one.
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && fail "port $port is already taken"

cookies="$(mktemp)"
"$@" &
app=$!
# However the run ends, the application is stopped and waited for (at most 60 s).
stop_app() {
  kill -TERM "$app" 2>/dev/null || return 0
  local deadline=$((SECONDS + 60))
  while kill -0 "$app" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL "$app" 2>/dev/null || true
}
trap 'stop_app; rm -f "$cookies"' EXIT

deadline=$((SECONDS + 300))
until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$site/login")" = 200 ]; do
  kill -0 "$app" 2>/dev/null || fail "the application exited before serving"
  ((SECONDS < deadline)) || fail "the application did not serve $site/login within 5 minutes"
  sleep 0.2
done

page() { curl -sSf -m 30 -c "$cookies" -b "$cookies" "$site$1"; }
# Posts a form with the CSRF token of the page it is on.
post() {  # form-page action field=value...
  local form token field fields=()
  form=$(page "$1")
  token=$(grep -o -m1 'name="_csrf" value="[^"]*"' <<<"$form" | sed 's/.*value="//;s/"$//')
  [ -n "$token" ] || fail "no CSRF token on $1"
  for field in "${@:3}"; do fields+=(--data-urlencode "$field"); done
  curl -sSf -m 30 -o /dev/null -c "$cookies" -b "$cookies" --data-urlencode "_csrf=$token" "${fields[@]}" "$site$2"
}

for round in 1 2 3 4 5; do
  post /login /login "name=Trainee $round"
  for path in / /shop /preferences /checkout /session /assets/css/app.css; do page "$path" >/dev/null; done
  curl -s -m 30 -o /dev/null "$site/no-such-page"  # the error page
  post /shop /shop/add product=notebook
  post /shop /shop/add product=mug
  post /shop /shop/remove product=mug
  post /preferences /preferences theme=DARK language=de
  post /checkout /checkout action=save "fullName=Ada Lovelace" "street=1 Main Street"
  post /checkout /checkout action=place "fullName=Ada Lovelace" "street=1 Main Street" postcode=12345 city=London
  page /checkout/done >/dev/null
  post /session /session/start-over
  post / /logout
  page / >/dev/null
done

# SIGTERM: the application shuts down gracefully and the JVM writes the cache as it exits.
kill -TERM "$app"
deadline=$((SECONDS + 300))
while kill -0 "$app" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
kill -0 "$app" 2>/dev/null && fail "the application did not exit within 5 minutes of SIGTERM"
wait "$app" || true  # the JVM's exit status after SIGTERM is 143
trap 'rm -f "$cookies"' EXIT
