#!/usr/bin/env bash
# Runs the whole vitest suite inside a private D-Bus session with an unlocked gnome-keyring, so
# the keychain tests talk to a real Secret Service. Without dbus-run-session (a developer machine
# without the packages), the suite still runs and the keychain tests report themselves skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  exec dbus-run-session -- bash -c '
    # A throwaway keyring in a temp dir, never the user'"'"'s own login keyring (whose password we
    # do not know), and a throwaway password: an empty one would make the daemon ask through a
    # GUI prompt.
    keyring_home="$(mktemp -d)"
    trap '"'"'rm -rf "$keyring_home"'"'"' EXIT
    eval "$(printf "throwaway-test-password" |
      XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
    export SCIM_COMPANION_KEYRING=available
    bash test/vitest-with-summary.sh "$@"
  ' bash "$@"
fi
exec bash test/vitest-with-summary.sh "$@"
