# Sourced by ./mvnw and ./latchkey: point JAVA_HOME at a JDK 25 or newer.
# Keeps a JAVA_HOME that is already 25+; otherwise looks where JDKs are usually installed.
latchkey_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

latchkey_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" ${LATCHKEY_JDK_SEARCH:-} \
      /usr/lib/jvm/*25* /usr/lib/jvm/*-2[5-9]* /usr/lib/jvm/* \
      /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(latchkey_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      return 0
    fi
  done
  echo "latchkey: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one or set JAVA_HOME" >&2
  return 1
}

latchkey_find_jdk || exit 1
