#!/usr/bin/env bash
# Local service stack for the job portal: Elasticsearch, Redis, PostgreSQL.
#
#   bash elastic/stack.sh up        start (or reuse) ES, Redis, PostgreSQL; create databases
#   bash elastic/stack.sh down      stop the Elasticsearch node this script started
#   bash elastic/stack.sh status    print each service up/down
#   bash elastic/stack.sh es-start  the Elasticsearch part of `up` (used by tests)
#   bash elastic/stack.sh es-stop   stop the Elasticsearch node this script started (used by tests)
#
# See elastic/README.md for the environment variables.
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.19.21}"
ES_PORT="${ES_PORT:-9200}"
# The transport port is pinned too: left to its default range (9300-9399, first free) a node's
# transport can take the HTTP port another checkout's node is about to bind (9301, 9305, ...).
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}"
ES_HEAP="${ES_HEAP:-1g}"
ES_USER="${ES_USER:-elasticsearch}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"
ES_STOP_TIMEOUT="${ES_STOP_TIMEOUT:-30}"
REDIS_URL_DEFAULT="redis://127.0.0.1:6379"
DATABASE_URL_DEFAULT="postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASES=(jobportal jobportal_test)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# Where the downloaded zip lives (always inside the repo, git-ignored via .cache/).
ES_CACHE_DIR="${ES_CACHE_DIR:-$REPO_ROOT/.cache/elasticsearch}"
# Records which runtime directory (install, data, logs, pid) `up` chose.
ES_BASE_POINTER="$ES_CACHE_DIR/runtime-dir"
ES_MAVEN_URL="https://repo.maven.apache.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
# Our stable analysis plugin (elastic/plugin, Maven) and the files copied into <install>/config/analysis/.
ES_PLUGIN_NAME="jobportal-analysis"
ES_PLUGIN_SRC="$SCRIPT_DIR/plugin"
ES_SYNONYMS_SRC="$SCRIPT_DIR/synonyms"

# Filled in by the functions below.
ES_BASE=""
ES_RESULT=""      # started | reused | external
ES_URL_OUT=""
REDIS_RESULT=""
REDIS_URL_OUT=""
PG_RESULT=""
PG_URL_OUT=""
PG_TEST_URL_OUT=""

log()  { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die()  { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- Elasticsearch

# Prints the version number if $1 answers like Elasticsearch. The integ-test-zip has no
# `rest-root` module, so `GET /` answers 405 there; ask the nodes info API in that case.
es_version_at() {
  local url="${1%/}" body v
  body="$(curl -s --max-time 5 "$url/" 2>/dev/null | tr -d '\n')" || body=""
  if printf '%s' "$body" | grep -q '"cluster_name"'; then
    v="$(printf '%s' "$body" | sed -nE 's/.*"number"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p')"
    [ -n "$v" ] && { printf '%s' "$v"; return 0; }
  fi
  body="$(curl -s --max-time 5 "$url/_nodes/_local?filter_path=cluster_name,nodes.*.version" 2>/dev/null | tr -d '\n')" || return 1
  printf '%s' "$body" | grep -q '"cluster_name"' || return 1
  v="$(printf '%s' "$body" | sed -nE 's/.*"version"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p')"
  [ -n "$v" ] || return 1
  printf '%s' "$v"
}

local_es_url() { printf 'http://127.0.0.1:%s' "$ES_PORT"; }

# Decide where install/data/logs/pid live. The ES user must be able to reach them:
# a repo under /root (mode 700) is not reachable, so fall back to /var/tmp.
resolve_es_base() {
  if [ -n "${ES_BASE_DIR:-}" ]; then ES_BASE="$ES_BASE_DIR"; return; fi
  if [ -f "$ES_BASE_POINTER" ]; then
    ES_BASE="$(cat "$ES_BASE_POINTER")"
    [ -n "$ES_BASE" ] && return
  fi
  ES_BASE="$ES_CACHE_DIR"
}

choose_es_base() {
  mkdir -p "$ES_CACHE_DIR"
  is_root && create_es_user
  if [ -n "${ES_BASE_DIR:-}" ]; then
    ES_BASE="$ES_BASE_DIR"
    if [ ! -e "$ES_BASE" ]; then
      mkdir -p "$ES_BASE"
    elif is_root && [ "$(stat -c %U "$ES_BASE")" != "$ES_USER" ] && [ -n "$(ls -A "$ES_BASE")" ]; then
      die "ES_BASE_DIR=$ES_BASE must be a dedicated folder (missing, empty, or owned by '$ES_USER'); it will be handed to that user"
    fi
  elif ! is_root || runuser -u "$ES_USER" -- test -x "$ES_CACHE_DIR" 2>/dev/null; then
    ES_BASE="$ES_CACHE_DIR"
  else
    local hash
    hash="$(printf '%s' "$REPO_ROOT" | sha1sum | cut -c1-12)"
    ES_BASE="/var/tmp/jobportal-es/$hash"
    log "user '$ES_USER' cannot reach $ES_CACHE_DIR (a parent folder is private); using $ES_BASE for install, data and logs"
    # Our own folders only: world-traversable, not writable by others.
    install -d -m 755 /var/tmp/jobportal-es "$ES_BASE"
  fi
  mkdir -p "$ES_BASE"
  [ -n "${ES_BASE_DIR:-}" ] || printf '%s\n' "$ES_BASE" > "$ES_BASE_POINTER"
}

es_home()     { printf '%s/elasticsearch-%s' "$ES_BASE" "$ES_VERSION"; }
es_pidfile()  { printf '%s/es.pid' "$ES_BASE"; }
es_datadir()  { printf '%s/data' "$ES_BASE"; }
es_logdir()   { printf '%s/logs' "$ES_BASE"; }
# path.repo: where fs snapshot repositories may live (npm run backup; ES_SNAPSHOT_LOCATION under it).
es_repodir()  { printf '%s/snapshots' "$ES_BASE"; }

# Prints the pid of the node this script started, if it is still running.
es_our_pid() {
  local pidfile pid
  resolve_es_base
  pidfile="$(es_pidfile)"
  [ -f "$pidfile" ] || return 1
  pid="$(tr -dc '0-9' < "$pidfile")"
  [ -n "$pid" ] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'org.elasticsearch' || return 1
  printf '%s' "$pid"
}

create_es_user() {
  if ! id "$ES_USER" >/dev/null 2>&1; then
    have useradd || die "running as root but 'useradd' is missing; cannot create the '$ES_USER' user (Elasticsearch refuses to run as root)"
    log "creating system user '$ES_USER' (Elasticsearch refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" 2>/dev/null \
      || id "$ES_USER" >/dev/null 2>&1 \
      || die "could not create user '$ES_USER'"
  fi
  have runuser || die "running as root but 'runuser' is missing (package util-linux)"
}

java_major() {
  local out
  out="$("$1" -version 2>&1 | head -n 1)" || return 1
  out="$(printf '%s' "$out" | sed -nE 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p')"
  [ -n "$out" ] || return 1
  set -- $out
  if [ "$1" = "1" ]; then printf '%s' "${2:-0}"; else printf '%s' "$1"; fi
}

# Sets JAVA_FOR_ES to a JDK home. ES 8.19 runs on 17..24; 17 and 21 preferred.
pick_jdk() {
  local java_bin major candidates=() home best="" best_rank=99 rank
  if [ -n "${ES_JAVA_HOME:-}" ]; then
    [ -x "$ES_JAVA_HOME/bin/java" ] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
    major="$(java_major "$ES_JAVA_HOME/bin/java" || echo '?')"
    if [ "$major" = "?" ] || [ "$major" -lt 17 ] || [ "$major" -gt 24 ]; then
      warn "ES_JAVA_HOME is Java $major; Elasticsearch $ES_VERSION supports 17..24 (using it anyway as asked)"
    fi
    JAVA_FOR_ES="$ES_JAVA_HOME"; JAVA_FOR_ES_MAJOR="$major"; return
  fi
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] && candidates+=("$(cd "$home" && pwd -P)")
  done
  if have java; then
    java_bin="$(readlink -f "$(command -v java)")"
    candidates+=("$(dirname "$(dirname "$java_bin")")")
  fi
  for home in "${candidates[@]}"; do
    major="$(java_major "$home/bin/java" 2>/dev/null)" || continue
    [ "$major" -ge 17 ] && [ "$major" -le 24 ] || continue
    case "$major" in 17|21) rank=0 ;; *) rank=1 ;; esac
    if [ "$rank" -lt "$best_rank" ]; then best="$home"; best_rank="$rank"; JAVA_FOR_ES_MAJOR="$major"; fi
  done
  [ -n "$best" ] || die "no suitable JDK for Elasticsearch $ES_VERSION (needs Java 17..24; found: ${candidates[*]:-none}). Install one, e.g. 'apt-get install -y openjdk-17-jre-headless', or set ES_JAVA_HOME."
  JAVA_FOR_ES="$best"
}

fetch_es_zip() {
  local zip="$ES_CACHE_DIR/elasticsearch-$ES_VERSION.zip" tmp
  [ -s "$zip" ] && return 0
  mkdir -p "$ES_CACHE_DIR"
  if have mvn; then
    log "fetching Elasticsearch $ES_VERSION (integ-test-zip) with Maven ..."
    if mvn -q -B -Dstyle.color=never dependency:copy \
        "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        "-DoutputDirectory=$ES_CACHE_DIR" >"$ES_CACHE_DIR/mvn.log" 2>&1 && [ -s "$zip" ]; then
      return 0
    fi
    tail -n 20 "$ES_CACHE_DIR/mvn.log" >&2 || true
    warn "Maven could not fetch the Elasticsearch zip (log: $ES_CACHE_DIR/mvn.log); trying curl"
  fi
  if have curl; then
    log "downloading $ES_MAVEN_URL ..."
    tmp="$zip.part.$$"
    if curl -fsSL --retry 3 --connect-timeout 20 -o "$tmp" "$ES_MAVEN_URL"; then
      mv -f "$tmp" "$zip"; return 0
    fi
    rm -f "$tmp"
  fi
  die "cannot get Elasticsearch $ES_VERSION: neither Maven ('mvn', e.g. 'apt-get install -y maven') nor a curl download from Maven Central worked. Install Maven, place elasticsearch-$ES_VERSION.zip in $ES_CACHE_DIR, or set ES_URL to a running Elasticsearch 8.x."
}

extract_es() {
  local home zip tmp
  home="$(es_home)"
  if [ -x "$home/bin/elasticsearch" ]; then
    # An install that once started without xpack.security.enabled=false got TLS and
    # passwords auto-configured into config/; start again from a clean copy.
    if grep -q 'BEGIN SECURITY AUTO CONFIGURATION' "$home/config/elasticsearch.yml" 2>/dev/null; then
      log "removing the security auto-configuration left in $home (re-extracting)"
    else
      return 0
    fi
  fi
  fetch_es_zip
  zip="$ES_CACHE_DIR/elasticsearch-$ES_VERSION.zip"
  tmp="$ES_BASE/.extract.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  log "unpacking $(basename "$zip") into $ES_BASE ..."
  if have unzip; then
    unzip -q "$zip" -d "$tmp"
  elif have python3; then
    python3 -m zipfile -e "$zip" "$tmp"
  elif have jar; then
    (cd "$tmp" && jar xf "$zip")
  else
    rm -rf "$tmp"
    die "cannot unpack $zip: install 'unzip' (apt-get install -y unzip) or python3"
  fi
  [ -d "$tmp/elasticsearch-$ES_VERSION" ] || { rm -rf "$tmp"; die "unexpected zip layout in $zip"; }
  chmod +x "$tmp/elasticsearch-$ES_VERSION"/bin/* 2>/dev/null || true
  rm -rf "$home"
  mv "$tmp/elasticsearch-$ES_VERSION" "$home"
  rm -rf "$tmp"
}

# ---------------------------------------------------------------- analysis plugin

# The integ-test-zip lacks the analysis-common module (no asciifolding, stemmers, synonyms,
# edge n-grams); elastic/plugin provides them as `jp_*` token filters (see elastic/README.md).

es_plugin_zip() { printf '%s/target/%s-%s.zip' "$ES_PLUGIN_SRC" "$ES_PLUGIN_NAME" "$ES_VERSION"; }
es_plugin_stamp() { printf '%s/%s.sha1' "$ES_BASE" "$ES_PLUGIN_NAME"; }

# Builds the plugin zip with Maven unless it is newer than pom.xml and every source file.
es_plugin_build() {
  local zip buildlog
  zip="$(es_plugin_zip)"
  if [ -s "$zip" ] && [ -z "$(find "$ES_PLUGIN_SRC/pom.xml" "$ES_PLUGIN_SRC/src" -newer "$zip" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  have mvn || die "building the $ES_PLUGIN_NAME plugin needs Maven ('apt-get install -y maven'); the integ-test-zip has no analysis-common module without it"
  [ -n "${JAVA_FOR_ES:-}" ] || pick_jdk
  mkdir -p "$ES_CACHE_DIR"
  buildlog="$ES_CACHE_DIR/plugin-build.log"
  log "building the $ES_PLUGIN_NAME analysis plugin (Maven) ..."
  # Offline first (fast, no network once ~/.m2 holds the artifacts), then online.
  local -a mvn_cmd=(mvn -q -B -Dstyle.color=never -f "$ES_PLUGIN_SRC/pom.xml" "-Des.version=$ES_VERSION" package)
  if ! JAVA_HOME="$JAVA_FOR_ES" "${mvn_cmd[@]}" -o >"$buildlog" 2>&1 \
      && ! JAVA_HOME="$JAVA_FOR_ES" "${mvn_cmd[@]}" >"$buildlog" 2>&1; then
    tail -n 30 "$buildlog" >&2 || true
    die "building the $ES_PLUGIN_NAME plugin failed (log: $buildlog)"
  fi
  [ -s "$zip" ] || die "the plugin build did not produce $zip (log: $buildlog)"
  touch "$zip"
}

# Builds the plugin if needed; returns 0 when the install at $(es_home) lacks this exact zip.
es_plugin_needs_install() {
  local home zip sum
  home="$(es_home)"
  es_plugin_build
  zip="$(es_plugin_zip)"
  sum="$(sha1sum "$zip" | cut -c1-40)"
  [ -d "$home/plugins/$ES_PLUGIN_NAME" ] && [ "$(cat "$(es_plugin_stamp)" 2>/dev/null)" = "$sum" ] && return 1
  return 0
}

# (Re)installs the plugin into $(es_home). The node must not be running.
es_plugin_install() {
  local home zip out
  home="$(es_home)"; zip="$(es_plugin_zip)"
  [ -n "${JAVA_FOR_ES:-}" ] || pick_jdk
  if [ -d "$home/plugins/$ES_PLUGIN_NAME" ]; then
    log "replacing the $ES_PLUGIN_NAME plugin in $home (sources changed) ..."
    rm -rf "$home/plugins/$ES_PLUGIN_NAME"
  else
    log "installing the $ES_PLUGIN_NAME plugin into $home ..."
  fi
  if ! out="$(cd "$home" && env -u ES_JAVA_OPTS "ES_JAVA_HOME=$JAVA_FOR_ES" "ES_PATH_CONF=$home/config" \
      "$home/bin/elasticsearch-plugin" install --batch "file://$zip" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "installing $zip failed"
  fi
  if is_root; then
    chown -R "$ES_USER:" "$home/plugins/$ES_PLUGIN_NAME"
  fi
  sha1sum "$zip" | cut -c1-40 > "$(es_plugin_stamp)"
}

# Copies elastic/synonyms/*.txt into <install>/config/analysis/ when they differ (every `up`).
# Indices read them when created; existing ones: POST <index>/_reload_search_analyzers.
es_sync_config_files() {
  local home dest f target changed=0 replaced=0
  home="$(es_home)"; dest="$home/config/analysis"
  [ -d "$ES_SYNONYMS_SRC" ] || return 0
  for f in "$ES_SYNONYMS_SRC"/*.txt; do
    [ -f "$f" ] || continue
    target="$dest/$(basename "$f")"
    if [ -f "$target" ]; then
      cmp -s "$f" "$target" && continue
      replaced=1
    fi
    mkdir -p "$dest"
    cp -f "$f" "$target.tmp.$$" && chmod 644 "$target.tmp.$$" && mv -f "$target.tmp.$$" "$target"
    log "copied $(basename "$f") to $dest/"
    changed=1
  done
  if [ "$changed" = 1 ] && is_root; then
    chown -R "$ES_USER:" "$dest"
  fi
  if [ "$replaced" = 1 ] && es_our_pid >/dev/null; then
    log "synonyms changed: new indices use them; for existing ones run: curl -XPOST '$(local_es_url)/<index>/_reload_search_analyzers'"
  fi
  return 0
}

# Warns when an Elasticsearch this script did not start lacks the plugin (index creation would fail).
es_check_plugin_remote() {
  local url="$1" body
  body="$(curl -s --max-time 5 "${url%/}/_nodes/plugins?filter_path=nodes.*.plugins.name" 2>/dev/null)" || return 0
  case "$body" in
    *"\"$ES_PLUGIN_NAME\""*) ;;
    *"\"nodes\""*|"{}") warn "the Elasticsearch at $url has no '$ES_PLUGIN_NAME' plugin: elastic/indices/postings.json needs it (see elastic/README.md)" ;;
  esac
}

es_log_tail() {
  local logdir; logdir="$(es_logdir)"
  log "last lines of the Elasticsearch log:"
  for f in "$logdir/jobportal.log" "$logdir/startup.out"; do
    [ -s "$f" ] && { echo "---- $f"; tail -n 40 "$f"; }
  done
  return 0
}

es_start_local() {
  local home pidfile datadir logdir repodir
  local -a runner=()
  choose_es_base
  home="$(es_home)"; pidfile="$(es_pidfile)"; datadir="$(es_datadir)"; logdir="$(es_logdir)"; repodir="$(es_repodir)"
  pick_jdk
  log "Java for Elasticsearch: $JAVA_FOR_ES (Java $JAVA_FOR_ES_MAJOR)"
  if is_root && ! runuser -u "$ES_USER" -- test -x "$JAVA_FOR_ES/bin/java"; then
    die "user '$ES_USER' cannot run $JAVA_FOR_ES/bin/java (a parent folder is private); use a JDK under /usr/lib/jvm or /opt"
  fi
  extract_es
  es_sync_config_files
  if es_plugin_needs_install; then es_plugin_install; fi
  mkdir -p "$datadir" "$logdir" "$repodir"
  rm -f "$pidfile"
  : > "$logdir/startup.out"
  mkdir -p "$ES_BASE/tmp"
  local -a cmd=(env "ES_JAVA_HOME=$JAVA_FOR_ES" "ES_TMPDIR=$ES_BASE/tmp" "ES_JAVA_OPTS=-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}"
    "$home/bin/elasticsearch" -d -p "$pidfile"
    -E discovery.type=single-node
    -E network.host=127.0.0.1
    -E "http.port=$ES_PORT"
    -E "transport.port=$ES_TRANSPORT_PORT"
    -E cluster.routing.allocation.disk.threshold_enabled=false
    -E "path.data=$datadir"
    -E "path.logs=$logdir"
    -E "path.repo=$repodir"
    -E cluster.name=jobportal
    -E action.destructive_requires_name=false
    -E xpack.security.enabled=false)
  if is_root; then
    # Install (config/ gets a keystore at first start), data, logs and the pid file's folder.
    local d
    for d in "$home" "$datadir" "$logdir" "$repodir" "$ES_BASE/tmp"; do
      if [ -n "$(find "$d" ! -user "$ES_USER" -print -quit)" ]; then
        chown -R "$ES_USER:" "$d"
      fi
    done
    chown "$ES_USER:" "$ES_BASE"
    runuser -u "$ES_USER" -- test -w "$datadir" \
      || die "user '$ES_USER' cannot write $datadir (check the permissions of its parent folders, or set ES_BASE_DIR)"
    runner=(runuser -u "$ES_USER" --)
    log "starting Elasticsearch $ES_VERSION on 127.0.0.1:$ES_PORT as user '$ES_USER' (heap $ES_HEAP) ..."
  else
    log "starting Elasticsearch $ES_VERSION on 127.0.0.1:$ES_PORT (heap $ES_HEAP) ..."
  fi
  # `elasticsearch -d` returns once the node has started (or failed); run it in the background
  # so the wait below can show progress and enforce the timeout.
  (cd "$home" && exec "${runner[@]}" "${cmd[@]}" </dev/null >>"$logdir/startup.out" 2>&1 9>&-) &
  es_wait_ready "$!"
}

# Waits for yellow health. $1: pid of the `elasticsearch -d` launcher, if one is running.
es_wait_ready() {
  local launcher="${1:-}" url start
  url="$(local_es_url)"
  start=$SECONDS
  printf '[stack] waiting for Elasticsearch (up to %ss) ' "$ES_START_TIMEOUT"
  while :; do
    if [ -n "$launcher" ] && ! kill -0 "$launcher" 2>/dev/null; then
      if ! wait "$launcher"; then
        printf ' failed\n'
        es_log_tail
        die "Elasticsearch failed to start (see above)"
      fi
      launcher=""
    fi
    if curl -s --max-time 5 "$url/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null \
        | grep -qE '"status":"(yellow|green)"'; then
      printf ' ready after %ss\n' "$((SECONDS - start))"
      [ -z "$launcher" ] || wait "$launcher" || true
      return 0
    fi
    if [ $((SECONDS - start)) -ge "$ES_START_TIMEOUT" ]; then
      printf ' timeout\n'
      es_log_tail
      die "Elasticsearch did not become ready within ${ES_START_TIMEOUT}s (it may still be starting: 'bash elastic/stack.sh status'; stop it with 'bash elastic/stack.sh down')"
    fi
    # Without a launcher to watch: once the pid file exists, a dead process means a failed start.
    if [ -z "$launcher" ] && [ -f "$(es_pidfile)" ] && ! es_our_pid >/dev/null; then
      printf ' died\n'
      es_log_tail
      die "Elasticsearch exited during startup"
    fi
    printf '.'
    sleep 2
  done
}

# Our node runs: refresh the synonym files, and when the plugin is missing or outdated install it
# and restart the node (plugins are loaded at startup only). Sets ES_RESULT.
es_reuse_ours() {
  es_sync_config_files
  if es_plugin_needs_install; then
    log "Elasticsearch: restarting the node to load the $ES_PLUGIN_NAME plugin (indices and data are kept)"
    es_stop
    es_start_local
    ES_RESULT="restarted (plugin $ES_PLUGIN_NAME installed)"
  else
    ES_RESULT="reused"
  fi
}

# The Elasticsearch part of `up`.
es_up() {
  local v url
  if [ -n "${ES_URL:-}" ]; then
    if v="$(es_version_at "$ES_URL")" && [ -n "$v" ]; then
      log "Elasticsearch: using ES_URL=$ES_URL (version $v)"
      es_check_plugin_remote "$ES_URL"
      [ "${v%%.*}" = "${ES_VERSION%%.*}" ] || warn "ES_URL runs version $v; the client is built for ${ES_VERSION%%.*}.x"
      ES_RESULT="external"; ES_URL_OUT="$ES_URL"; return 0
    fi
    warn "ES_URL=$ES_URL does not answer like Elasticsearch; starting a local node instead"
  fi
  url="$(local_es_url)"
  if v="$(es_version_at "$url")" && [ -n "$v" ]; then
    if es_our_pid >/dev/null; then
      log "Elasticsearch: reusing the node this script started (pid $(es_our_pid), version $v) at $url"
      es_wait_ready
      es_reuse_ours
    else
      log "Elasticsearch: something else already serves $url (version $v); reusing it"
      ES_RESULT="reused (not started by this script)"
      es_check_plugin_remote "$url"
    fi
    [ "$v" = "$ES_VERSION" ] || warn "the node at $url runs $v, not the pinned $ES_VERSION"
    ES_URL_OUT="$url"; return 0
  fi
  if es_our_pid >/dev/null; then
    # Started but not answering yet (e.g. a concurrent `up`, or a restart in progress).
    log "Elasticsearch: our node (pid $(es_our_pid)) is running but not answering yet"
    es_wait_ready
    es_reuse_ours
    ES_URL_OUT="$url"; return 0
  fi
  if curl -s --max-time 3 -o /dev/null "$url/" 2>/dev/null; then
    die "port $ES_PORT answers HTTP but not as Elasticsearch; free it or set ES_PORT"
  fi
  es_start_local
  ES_RESULT="started"; ES_URL_OUT="$url"
}

# Stop only the node this script started. Returns 0 if stopped or not running.
es_stop() {
  local pid i
  if ! pid="$(es_our_pid)"; then
    rm -f "$(es_pidfile)" 2>/dev/null || true
    if es_version_at "$(local_es_url)" >/dev/null 2>&1; then
      warn "an Elasticsearch answers on 127.0.0.1:$ES_PORT but was not started by this script (no live pid file in $ES_BASE); leaving it alone"
      return 3
    fi
    log "Elasticsearch: not running (nothing to stop)"
    return 0
  fi
  log "stopping Elasticsearch (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < ES_STOP_TIMEOUT; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "Elasticsearch did not stop within ${ES_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$(es_pidfile)" 2>/dev/null || true
  log "Elasticsearch stopped"
}

# ---------------------------------------------------------------- Redis

# Parses redis://[user[:pass]@]host[:port][/db] into R_HOST R_PORT.
parse_redis_url() {
  local rest="${1#*://}"
  rest="${rest#*@}"; rest="${rest%%/*}"; rest="${rest%%\?*}"
  if [[ "$rest" == \[*\]* ]]; then
    R_HOST="${rest%%]*}"; R_HOST="${R_HOST#[}"; rest="${rest#*]}"; R_PORT="${rest#:}"
  else
    R_HOST="${rest%%:*}"; R_PORT="${rest#"$R_HOST"}"; R_PORT="${R_PORT#:}"
  fi
  R_HOST="${R_HOST:-127.0.0.1}"; R_PORT="${R_PORT:-6379}"
}

redis_ping() {
  local url="$1" reply
  if have redis-cli; then
    reply="$(timeout 5 redis-cli -u "$url" --no-auth-warning ping 2>/dev/null || true)"
    [ "$reply" = "PONG" ] && return 0
    return 1
  fi
  parse_redis_url "$url"
  reply="$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "PING\r\n" >&3 && head -c 7 <&3' "$R_HOST" "$R_PORT" 2>/dev/null || true)"
  [[ "$reply" == +PONG* ]]
}

redis_up() {
  local url="${REDIS_URL:-$REDIS_URL_DEFAULT}" i
  if redis_ping "$url"; then
    log "Redis: reusing $url"
    REDIS_RESULT="reused"; REDIS_URL_OUT="$url"; return 0
  fi
  parse_redis_url "$url"
  if [ -n "${REDIS_URL:-}" ] && [ "$R_HOST" != "127.0.0.1" ] && [ "$R_HOST" != "localhost" ]; then
    die "Redis at REDIS_URL=$REDIS_URL does not answer PING (remote host; not starting one)"
  fi
  if ! have redis-server; then
    die "Redis is not reachable at $url and 'redis-server' is not installed. Install it ('apt-get install -y redis-server') or set REDIS_URL to a running Redis."
  fi
  log "Redis: not answering at $url; starting redis-server on 127.0.0.1:$R_PORT ..."
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$R_PORT" --save "" --appendonly no >/dev/null \
    || die "redis-server failed to start"
  for ((i = 0; i < 20; i++)); do
    redis_ping "$url" && { REDIS_RESULT="started"; REDIS_URL_OUT="$url"; return 0; }
    sleep 0.5
  done
  die "redis-server was started but does not answer PING at $url"
}

# ---------------------------------------------------------------- PostgreSQL

# Splits a postgres URL into PG_BASE (scheme://user@host:port) and PG_QUERY ("?..." or "").
parse_pg_url() {
  local url="$1" scheme rest
  PG_QUERY=""
  case "$url" in *\?*) PG_QUERY="?${url#*\?}"; url="${url%%\?*}" ;; esac
  scheme="${url%%://*}"; rest="${url#*://}"
  PG_BASE="$scheme://${rest%%/*}"
}

pg_answers() {
  local url="$1"
  if have pg_isready; then
    pg_isready -q -t 5 -d "$url" >/dev/null 2>&1 && return 0
  fi
  have psql && timeout 10 psql "$url" -XtAc 'select 1' >/dev/null 2>&1
}

pg_up() {
  local url="${DATABASE_URL:-$DATABASE_URL_DEFAULT}" admin i ver db exists
  parse_pg_url "$url"
  admin="$PG_BASE/postgres$PG_QUERY"
  if pg_answers "$admin" || pg_answers "$url"; then
    log "PostgreSQL: reusing ${PG_BASE}"
    PG_RESULT="reused"
  else
    local hostport host port cluster=""
    hostport="${PG_BASE#*://}"; hostport="${hostport##*@}"
    host="${hostport%:*}"; port="${hostport##*:}"
    [ "$host" = "$hostport" ] && port=5432
    case "$host" in 127.0.0.1|localhost|::1|\[::1\]|"") ;; *)
      die "PostgreSQL at $PG_BASE does not answer (remote host; not starting one). Check DATABASE_URL." ;;
    esac
    if have pg_lsclusters; then
      # Ver Cluster Port Status ...: the local cluster configured for this port.
      cluster="$(pg_lsclusters -h 2>/dev/null | awk -v p="$port" '$3 == p { print $1 " " $2; exit }')"
    elif [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
      cluster="$(ls /etc/postgresql | sort -V | tail -n 1) main"
    fi
    if [ -n "$cluster" ] && have pg_ctlcluster; then
      log "PostgreSQL: not answering at $PG_BASE; starting cluster ${cluster/ //} ..."
      # shellcheck disable=SC2086
      pg_ctlcluster --skip-systemctl-redirect $cluster start \
        || warn "pg_ctlcluster $cluster start failed"
      for ((i = 0; i < 30; i++)); do
        pg_answers "$admin" && break
        sleep 1
      done
      pg_answers "$admin" || die "PostgreSQL cluster ${cluster/ //} was started but $PG_BASE does not answer"
      PG_RESULT="started"
    else
      die "PostgreSQL is not reachable at $PG_BASE and no local cluster for port $port is installed. Install it ('apt-get install -y postgresql'), start it, or set DATABASE_URL to a running server."
    fi
  fi
  have psql || die "'psql' is missing; cannot create the databases (apt-get install -y postgresql-client)"
  for db in "${PG_DATABASES[@]}"; do
    exists="$(psql "$admin" -XtAc "select 1 from pg_database where datname = '$db'" 2>/dev/null || true)"
    if [ "$exists" != "1" ]; then
      if psql "$admin" -Xq -c "create database \"$db\"" >/dev/null 2>&1; then
        log "PostgreSQL: created database $db"
      else
        exists="$(psql "$admin" -XtAc "select 1 from pg_database where datname = '$db'" 2>/dev/null || true)"
        [ "$exists" = "1" ] || die "could not create database $db on $PG_BASE"
      fi
    fi
  done
  PG_URL_OUT="$PG_BASE/jobportal$PG_QUERY"
  PG_TEST_URL_OUT="$PG_BASE/jobportal_test$PG_QUERY"
}

# ---------------------------------------------------------------- commands

with_lock() {
  # Serialise concurrent `up`/`es-start`/`es-stop` calls from parallel tests.
  mkdir -p "$ES_CACHE_DIR"
  if have flock; then
    exec 9>"$ES_CACHE_DIR/.lock"
    flock -w 600 9 || die "could not get the lock $ES_CACHE_DIR/.lock"
  fi
}

cmd_up() {
  local t0=$SECONDS
  with_lock
  es_up
  redis_up
  pg_up
  cat <<EOF
[stack] ------------------------------------------------------------------
[stack] Elasticsearch  $ES_RESULT
[stack]   ES_URL=$ES_URL_OUT
[stack] Redis          $REDIS_RESULT
[stack]   REDIS_URL=$REDIS_URL_OUT
[stack] PostgreSQL     $PG_RESULT (databases: ${PG_DATABASES[*]})
[stack]   DATABASE_URL=$PG_URL_OUT
[stack]   TEST_DATABASE_URL=$PG_TEST_URL_OUT
[stack] ready in $((SECONDS - t0))s
[stack] ------------------------------------------------------------------
EOF
}

cmd_down() {
  with_lock
  resolve_es_base
  es_stop || true
  log "Redis and PostgreSQL are shared system services: left running (stop them yourself if you want)"
}

cmd_status() {
  local v url pid rurl purl
  resolve_es_base
  if [ -n "${ES_URL:-}" ] && v="$(es_version_at "$ES_URL")" && [ -n "$v" ]; then
    log "Elasticsearch  up    $ES_URL (version $v, external ES_URL)"
  fi
  url="$(local_es_url)"
  if v="$(es_version_at "$url")" && [ -n "$v" ]; then
    if pid="$(es_our_pid)"; then
      log "Elasticsearch  up    $url (version $v, pid $pid, started by this script, home $(es_home))"
    else
      log "Elasticsearch  up    $url (version $v, not started by this script)"
    fi
  elif pid="$(es_our_pid)"; then
    log "Elasticsearch  starting  $url (pid $pid, not answering yet)"
  else
    log "Elasticsearch  down  $url"
  fi
  rurl="${REDIS_URL:-$REDIS_URL_DEFAULT}"
  if redis_ping "$rurl"; then log "Redis          up    $rurl"; else log "Redis          down  $rurl"; fi
  parse_pg_url "${DATABASE_URL:-$DATABASE_URL_DEFAULT}"
  purl="$PG_BASE/postgres$PG_QUERY"
  if pg_answers "$purl"; then log "PostgreSQL     up    $PG_BASE"; else log "PostgreSQL     down  $PG_BASE"; fi
}

cmd_es_start() {
  with_lock
  es_up
  log "ES_URL=$ES_URL_OUT ($ES_RESULT)"
}

cmd_es_stop() {
  with_lock
  resolve_es_base
  es_stop
}

main() {
  case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    es-start) cmd_es_start ;;
    es-stop) cmd_es_stop ;;
    -h|--help|help|"")
      sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      [ -n "${1:-}" ] ;;
    *) die "unknown command '$1' (use up | down | status | es-start | es-stop)" ;;
  esac
}

main "$@"
