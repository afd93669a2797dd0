#!/usr/bin/env bash
# Everything the course needs on top of a Jupyter base image, in one script. binder/Dockerfile runs it (the system
# part as root, the rest as the notebook user) and .ci/run runs all of it as root, so CI exercises the same recipe.
#
#   bash binder/setup.sh [system|user|all]      (default: all as root, user otherwise)
#
# system (root): the libraries the .NET SDK needs and the .NET 10 SDK itself, each only if missing.
# user:          the dotnet-interactive kernel (the version .config/dotnet-tools.json pins) as a global tool, registered
#                with Jupyter as .net-csharp; the course extension installed for notebooks in any folder (deepimaging
#                install); and the NuGet restore of a course notebook's first cell warmed through the real kernel.
# Every step checks before it changes anything, so running the script again is quick and harmless.
# (No `grep -q` at the end of a pipe: under pipefail it can fail the pipe by closing it early.)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet_root="${DOTNET_ROOT:-/usr/share/dotnet}"

step() { printf '\n== setup: %s\n' "$*"; }

has_sdk10() { command -v dotnet >/dev/null && dotnet --list-sdks 2>/dev/null | grep '^10\.' >/dev/null; }

system_part() {
    if [ "$(id -u)" != 0 ]; then
        echo "binder/setup.sh system: run this part as root (it installs system packages and the .NET SDK)" >&2
        exit 2
    fi
    step "system libraries for .NET (ICU, certificates)"
    if ldconfig -p | grep 'libicuuc\.so' >/dev/null && [ -e /etc/ssl/certs/ca-certificates.crt ] && command -v curl >/dev/null; then
        echo "already there"
    else
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        icu="$(apt-cache search --names-only '^libicu[0-9]+$' | awk '{print $1}' | sort -V | tail -n 1)"
        apt-get install -y -q --no-install-recommends ca-certificates curl "$icu"
        rm -rf /var/lib/apt/lists/*
    fi
    step ".NET 10 SDK"
    if has_sdk10; then
        dotnet --list-sdks | grep '^10\.'
    else
        curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
        bash /tmp/dotnet-install.sh --channel 10.0 --quality GA --install-dir "$dotnet_root"
        rm /tmp/dotnet-install.sh
        ln -sf "$dotnet_root/dotnet" /usr/local/bin/dotnet
        dotnet --list-sdks
    fi
}

user_part() {
    if ! has_sdk10; then
        echo "binder/setup.sh: the .NET 10 SDK is missing; run 'binder/setup.sh system' as root first" >&2
        exit 2
    fi
    if ! command -v jupyter >/dev/null; then
        echo "binder/setup.sh: Jupyter is missing (a Jupyter image has it; on Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)" >&2
        exit 2
    fi
    local version
    version="$(sed -n '/"microsoft.dotnet-interactive"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' "$repo/.config/dotnet-tools.json")"
    step "dotnet-interactive $version (the Jupyter kernel)"
    if dotnet tool list -g | grep -iE "^microsoft\.dotnet-interactive +$version( |$)" >/dev/null; then
        echo "already installed"
    else
        dotnet tool uninstall -g Microsoft.dotnet-interactive >/dev/null 2>&1 || true
        dotnet tool install -g Microsoft.dotnet-interactive --version "$version"
    fi
    # The same version as a local tool, so `dotnet interactive` inside the repository is the pinned one too.
    (cd "$repo" && dotnet tool restore)

    step "register the .NET kernels with Jupyter"
    dotnet interactive jupyter install
    jupyter kernelspec list

    step "deepimaging install (the course extension, for notebooks in any folder)"
    dotnet run --project "$repo/src/DeepImaging.Notebooks" -- install

    step "warm the NuGet restore through the real kernel, outside the repository"
    local warm
    warm="$(mktemp -d)"
    python3 - "$repo/notebooks/course.json" "$warm/warm.ipynb" <<'PY'
import json, os, sys
plan = json.load(open(sys.argv[1]))
first = json.load(open(os.path.join(os.path.dirname(sys.argv[1]), plan["notebooks"][0]["file"])))
cell = first["cells"][0]   # the course's #r "nuget: DeepImaging.Interactive, ..." cell
check = {"cell_type": "code", "execution_count": None, "id": "warm-check", "metadata": {}, "outputs": [],
         "source": ["Console.WriteLine($\"retina {string.Join('x', Datasets.LoadRetina().Shape)}\");"]}
first["cells"] = [cell, check]
json.dump(first, open(sys.argv[2], "w"))
PY
    (cd "$warm" && jupyter nbconvert --to notebook --execute warm.ipynb --output executed.ipynb \
        --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 >"$warm/log.txt" 2>&1) || {
        tail -n 30 "$warm/log.txt" >&2
        echo "binder/setup.sh: the warm-up notebook failed in the real kernel (log above)" >&2
        exit 1
    }
    if ! grep -q 'retina 3x1411x1411' "$warm/executed.ipynb"; then
        echo "binder/setup.sh: the warm-up notebook ran but did not load the course data by name" >&2
        exit 1
    fi
    echo "a notebook outside the repository loaded DeepImaging.Interactive and its data through the .net-csharp kernel"
    rm -rf "$warm"
}

part="${1:-}"
if [ -z "$part" ]; then
    if [ "$(id -u)" = 0 ]; then part=all; else part=user; fi
fi
case "$part" in
    system) system_part ;;
    user) user_part ;;
    all) system_part; user_part ;;
    *) echo "usage: bash binder/setup.sh [system|user|all]" >&2; exit 2 ;;
esac
