#!/usr/bin/env bash
# Starts, stops and reports a local Azurite table service (the Azure Storage emulator, npm package
# `azurite`, pinned in package.json / package-lock.json beside this script) for CareGrid's durable mode.
#
#   bash infra/azurite/azurite.sh start  [options]   start azurite-table on 127.0.0.1 and wait until it answers
#   bash infra/azurite/azurite.sh stop   [options]   stop it by its recorded PID (TERM, then KILL after the timeout)
#   bash infra/azurite/azurite.sh status [options]   exit 0 when running, 3 when not
#
# Options (each also read from the environment variable in brackets):
#   --port N          table service port on 127.0.0.1 [AZURITE_TABLE_PORT], default 10002
#   --in-memory       keep data in memory only (--inMemoryPersistence): lost when Azurite stops
#   --location DIR    keep data on disk in DIR [AZURITE_LOCATION], default <state dir>/data
#   --state-dir DIR   where the PID file and the log go [AZURITE_STATE_DIR], default infra/azurite/.azurite
#   --timeout SEC     how long start waits for the port and stop waits for the exit [AZURITE_TIMEOUT], default 30
#
# Only the table service runs (grain state, membership, reminders and read models are all tables).
# On first use the script installs Azurite from the lock file (`npm ci`); node_modules is not committed.
# With the default port the service's connection string is `UseDevelopmentStorage=true`; with another
# port use the explicit form that `start` prints.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command="${1:-}"
[[ $# -gt 0 ]] && shift

port="${AZURITE_TABLE_PORT:-10002}"
state_dir="${AZURITE_STATE_DIR:-$here/.azurite}"
location="${AZURITE_LOCATION:-}"
in_memory=0
timeout="${AZURITE_TIMEOUT:-30}"

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    --in-memory) in_memory=1; shift ;;
    --location) location="$2"; shift 2 ;;
    --location=*) location="${1#*=}"; shift ;;
    --state-dir) state_dir="$2"; shift 2 ;;
    --state-dir=*) state_dir="${1#*=}"; shift ;;
    --timeout) timeout="$2"; shift 2 ;;
    --timeout=*) timeout="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "azurite.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  echo "azurite.sh: --port must be a TCP port number, got '$port'" >&2
  exit 2
fi
if ! [[ "$timeout" =~ ^[0-9]+$ ]] || (( timeout < 1 )); then
  echo "azurite.sh: --timeout must be a whole number of seconds, got '$timeout'" >&2
  exit 2
fi

pid_file="$state_dir/azurite.pid"
log_file="$state_dir/azurite.log"

# The PID recorded by `start`, when that process is still alive and is Azurite (a recycled PID is ignored).
running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q azurite; then
    return 1
  fi
  echo "$pid"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

connection_string() {
  if [[ "$port" == 10002 ]]; then
    echo "UseDevelopmentStorage=true"
  else
    echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
  fi
}

ensure_installed() {
  if [[ -x "$here/node_modules/.bin/azurite-table" ]]; then
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "azurite.sh: npm is not on PATH. Install Node.js 20+ (with npm), then run this script again." >&2
    exit 1
  fi
  echo "Installing Azurite from infra/azurite/package-lock.json (npm ci) ..."
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
}

start() {
  local pid
  if pid="$(running_pid)"; then
    echo "Azurite is already running (PID $pid, state in $state_dir)."
    return 0
  fi
  if port_open "$port"; then
    echo "azurite.sh: something already listens on 127.0.0.1:$port; choose another --port or stop it." >&2
    exit 1
  fi
  ensure_installed
  mkdir -p "$state_dir"
  local args=(--tableHost 127.0.0.1 --tablePort "$port" --skipApiVersionCheck --loose --disableTelemetry --silent)
  if (( in_memory )); then
    args+=(--inMemoryPersistence)
  else
    location="${location:-$state_dir/data}"
    mkdir -p "$location"
    args+=(--location "$location")
  fi

  # The background job execs node directly, so $! is Azurite's own PID; setsid detaches it from this
  # shell's session so that it outlives the terminal or test that started it until `stop`.
  setsid "$here/node_modules/.bin/azurite-table" "${args[@]}" </dev/null >"$log_file" 2>&1 &
  pid=$!
  echo "$pid" > "$pid_file"

  # Poll the port (bounded) until Azurite accepts connections; give up early if it exited.
  local deadline=$((SECONDS + timeout))
  until port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "azurite.sh: Azurite exited during start-up. Its log ($log_file):" >&2
      cat "$log_file" >&2 || true
      rm -f "$pid_file"
      exit 1
    fi
    if (( SECONDS >= deadline )); then
      echo "azurite.sh: Azurite did not answer on 127.0.0.1:$port within ${timeout}s; stopping it. Log ($log_file):" >&2
      cat "$log_file" >&2 || true
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pid_file"
      exit 1
    fi
    sleep 0.2
  done

  echo "Azurite table service is running on http://127.0.0.1:$port (PID $pid, $( (( in_memory )) && echo in-memory || echo "data in $location"))."
  echo "Connection string: $(connection_string)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "Azurite is not running (no live PID in $pid_file)."
    rm -f "$pid_file"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      echo "Azurite (PID $pid) did not stop within ${timeout}s of TERM; sending KILL."
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pid_file"
  echo "Azurite (PID $pid) stopped."
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "Azurite is running (PID $pid, state in $state_dir)."
    return 0
  fi
  echo "Azurite is not running."
  return 3
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  -h|--help|help) usage ;;
  *) echo "azurite.sh: expected start, stop or status" >&2; usage >&2; exit 2 ;;
esac
