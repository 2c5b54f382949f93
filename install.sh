#!/usr/bin/env bash
# Install Podium on a Debian 12 machine, as root: Docker, the language toolchains, a running
# Docker engine, the judge image and the Python environment in .venv. Idempotent: a second
# run installs nothing and only checks that the engine answers.
#
# ./install.sh --judge-host NAME [NAME...]: set up an extra judge machine instead. The same
# toolchains and Docker, and a dockerd that also listens on tcp port 2376 with TLS (only a
# client holding the certificate made here may drive it); NAMEs are the host names or
# addresses the server reaches it by. It prints the `podium engine add` line for the
# server and the folder to copy there. Nothing else: the server sends the judge image, the
# runner and the data over the Docker API.
set -euo pipefail
cd "$(dirname "$0")"

judge_host=()
if [ "${1:-}" = "--judge-host" ]; then
  shift
  judge_host=("$@")
  if [ "${#judge_host[@]}" -eq 0 ]; then
    echo "install.sh: --judge-host needs the host names or addresses the server uses" >&2
    exit 2
  fi
fi
HOST_CERTS=/etc/podium/judge-host

# Toolchains for judge/languages.toml (keep the two in step), Docker, and what Podium needs.
PACKAGES=(
  docker.io python3 python3-venv ca-certificates tmux chromium
  fonts-dejavu-core cups-client  # printouts: the PDF's font, `lp` to a CUPS printer
  wrk  # the HTTP load generator bench/workers.py and bench/front.py run
  libseccomp-dev  # DMOJ's judge builds against it (bench/setup_dmoj.sh, bench/vs_dmoj.py)
  gcc g++ pypy3 openjdk-17-jdk-headless kotlin golang-go rustc nodejs ruby
  mono-mcs mono-runtime ghc ocaml-nox fp-compiler php-cli lua5.4 perl gfortran gdc
  swi-prolog-nox
  # what icpctools' `contest` client (tests/fixtures/clients/icpctools-cli) builds with
  golang-github-spf13-cobra-dev golang-github-spf13-viper-dev golang-golang-x-term-dev
  golang-github-mattn-go-isatty-dev
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run me as root (I install Debian packages and start dockerd)" >&2
  exit 2
fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${#judge_host[@]}" -gt 0 ]; then
  # The certificates first (Python's cryptography, from Debian), then dockerd with TLS.
  dpkg-query -W -f='${Status}' python3-cryptography 2>/dev/null | grep -q "ok installed" \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-cryptography
  names=(); for name in "${judge_host[@]}"; do names+=(--name "$name"); done
  setup=$(/usr/bin/python3 -m judge.host_setup "${names[@]}" --out "$HOST_CERTS")
  if docker info >/dev/null 2>&1 && ! ss -ltn | grep -q ':2376 '; then
    echo "install.sh: dockerd runs without its TLS port; stop it (kill \$(cat /var/run/docker.pid))" \
         "and run me again" >&2
    exit 1
  fi
fi
dockerd_flags=(--iptables=false --bridge=none)
if [ "${#judge_host[@]}" -gt 0 ]; then
  dockerd_flags+=(-H unix:///var/run/docker.sock -H tcp://0.0.0.0:2376 --tlsverify
    "--tlscacert=$HOST_CERTS/ca.pem" "--tlscert=$HOST_CERTS/server-cert.pem"
    "--tlskey=$HOST_CERTS/server-key.pem")
fi
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (no network needed: judging runs with --network none)"
  nohup dockerd "${dockerd_flags[@]}" >/var/log/podium-dockerd.log 2>&1 &
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    echo "install.sh: dockerd did not start; see /var/log/podium-dockerd.log:" >&2
    tail -n 20 /var/log/podium-dockerd.log >&2
    exit 1
  fi
fi

if [ "${#judge_host[@]}" -gt 0 ]; then
  say "judge host ready: $(docker version --format '{{.Server.Version}}') with TLS on port 2376"
  printf '%s\n' "$setup"
  exit 0
fi

if [ ! -x .venv/bin/python ] || [ ! -x .venv/bin/pip ]; then
  say "creating .venv"
  /usr/bin/python3 -m venv .venv
fi
stamp=.venv/.podium-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing Podium into .venv"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[test]'
  echo "$want" >"$stamp"
fi

# Checktestdata (.ctd input validators): PyPI's pure-Python reimplementation (MIT), put
# where the sandbox sees it (/usr) and its python3 imports it (judge/validator_languages.toml).
CHECKTESTDATA=2026.9.2
ctd_dir=/usr/local/lib/podium/checktestdata
if [ "$(cat "$ctd_dir/.podium-version" 2>/dev/null)" != "$CHECKTESTDATA" ]; then
  say "installing checktestdata $CHECKTESTDATA into $ctd_dir"
  rm -rf "$ctd_dir"
  .venv/bin/pip install -q --no-deps --no-compile --target "$ctd_dir" "checktestdata==$CHECKTESTDATA"
  chmod -R a+rX "$ctd_dir"
  echo "$CHECKTESTDATA" >"$ctd_dir/.podium-version"
fi

# Clients of other projects that the tests run unchanged against a server (xcpcio's
# clics-archiver and clics-server), in a venv of their own inside .venv: their dependencies
# never mix with Podium's.
XCPCIO=0.85.4
clients=.venv/clients
if [ "$(cat "$clients/.podium-xcpcio" 2>/dev/null)" != "$XCPCIO" ]; then
  say "installing xcpcio $XCPCIO into $clients"
  /usr/bin/python3 -m venv "$clients"
  "$clients/bin/pip" install -q "xcpcio==$XCPCIO"
  echo "$XCPCIO" >"$clients/.podium-xcpcio"
fi

.venv/bin/podium image >/dev/null
say "ready: .venv/bin/podium serve --demo   |   .venv/bin/pytest"
