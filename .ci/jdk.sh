# shellcheck shell=bash disable=SC2034  # JDK_MAJOR is read by the scripts that source this file
# Chooses the JDK for building and running the system: JAVA_HOME when it is a JDK 21 or newer,
# otherwise the newest JDK >= 21 installed in the usual places. Sourced by ./dev and .ci/run.
#
#   choose_jdk   exports JAVA_HOME and puts its bin/ first on PATH; sets JDK_MAJOR;
#                prints what to install and returns 1 when there is no suitable JDK.

MIN_JAVA_MAJOR=21
JDK_MAJOR=""

# The major version of the JDK at $1 (java and javac present), or nothing.
jdk_major() {
  local home=$1 version=""
  if [[ ! -x "$home/bin/java" || ! -x "$home/bin/javac" ]]; then
    return 0
  fi
  if [[ -f "$home/release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = //p')
  fi
  version=${version#1.} # 1.8 -> 8
  version=${version%%[._+-]*}
  if [[ $version =~ ^[0-9]+$ ]]; then
    echo "$version"
  fi
}

# Directories that may hold a JDK, one per line.
jdk_candidates() {
  local dir java
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [[ -d $dir ]]; then
      echo "$dir"
    fi
  done
  if [[ -x /usr/libexec/java_home ]]; then # macOS
    /usr/libexec/java_home -v "$MIN_JAVA_MAJOR+" 2>/dev/null || true
  fi
  java=$(command -v java 2>/dev/null || true)
  if [[ -n $java ]]; then
    java=$(readlink -f "$java" 2>/dev/null || true)
    if [[ -n $java ]]; then
      dirname "$(dirname "$java")"
    fi
  fi
}

choose_jdk() {
  local home major best="" best_major=0
  if [[ -n ${JAVA_HOME:-} ]]; then
    major=$(jdk_major "$JAVA_HOME")
    if [[ -n $major ]] && ((major >= MIN_JAVA_MAJOR)); then
      JDK_MAJOR=$major
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    echo "note: JAVA_HOME=$JAVA_HOME is ${major:+JDK }${major:-not a JDK}; looking for a JDK $MIN_JAVA_MAJOR or newer" >&2
  fi
  while IFS= read -r home; do
    major=$(jdk_major "$home")
    if [[ -n $major ]] && ((major > best_major)); then
      best=$home
      best_major=$major
    fi
  done < <(jdk_candidates)
  if ((best_major >= MIN_JAVA_MAJOR)); then
    JDK_MAJOR=$best_major
    export JAVA_HOME=$best PATH="$best/bin:$PATH"
    return 0
  fi
  cat >&2 <<EOF
error: this project needs a JDK $MIN_JAVA_MAJOR or newer, and none was found.
  looked at: JAVA_HOME (${JAVA_HOME:-unset}), java on PATH, /usr/lib/jvm, /usr/java, /opt,
             ~/.sdkman, /Library/Java/JavaVirtualMachines
  newest JDK found: ${best:-none}${best:+ (JDK $best_major)}
  install Eclipse Temurin 21 (or newer), for example:
    Debian/Ubuntu  apt-get install temurin-21-jdk   (Adoptium apt repository: https://adoptium.net/installation/linux/)
    Fedora/RHEL    dnf install temurin-21-jdk       (Adoptium rpm repository, same page)
    macOS          brew install --cask temurin@21
    any system     sdk install java 21-tem          (SDKMAN!, https://sdkman.io)
  then run this again, or set JAVA_HOME to the JDK's directory.
EOF
  return 1
}
