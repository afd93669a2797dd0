#!/usr/bin/env bash
# End-to-end check of the DeepImaging.Interactive package in the REAL dotnet-interactive kernel, through Jupyter:
# build the package (into artifacts/packages), execute extension-e2e.ipynb with `jupyter nbconvert --execute`
# (its first cell is #r "nuget: DeepImaging.Interactive, 0.1.0-*", resolved through the repository's nuget.config),
# then check every output with check_outputs.py. The executed copy goes to a temporary folder; the committed
# notebook keeps no outputs. Needs root for apt-get the first time (or the Debian Jupyter packages already installed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export PATH="$PATH:$HOME/.dotnet/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1

# 1. The real kernel (same build as the Microsoft.DotNet.Interactive packages the extension compiles against) and Jupyter.
if ! dotnet tool list -g | grep -qi '^microsoft.dotnet-interactive *1.0.712001'; then
    dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001
fi
if ! command -v jupyter-nbconvert >/dev/null || ! /usr/bin/python3 -c 'import nbclient, ipykernel' 2>/dev/null; then
    apt-get update
    apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
fi
# The repository pins the tool (.config/dotnet-tools.json): inside it, `dotnet interactive` needs the restore.
(cd "$root" && dotnet tool restore)
if ! jupyter kernelspec list 2>/dev/null | grep -q '\.net-csharp'; then
    dotnet interactive jupyter install
fi

# 2. A fresh package: every build gets a newer version, which the notebook's 0.1.0-* picks without cache cleaning.
dotnet build "$root/src/DeepImaging.Interactive" --nologo -v quiet
package="$(ls "$root"/artifacts/packages/DeepImaging.Interactive.*.nupkg | LC_ALL=C sort | tail -n 1)"
version="$(basename "$package" .nupkg)"
version="${version#DeepImaging.Interactive.}"
echo "package: $package"

# 3. Run the notebook through the .net-csharp kernel (its working folder is the notebook's, so nuget.config applies).
out="$(mktemp -d)"
jupyter nbconvert --to notebook --execute "$here/extension-e2e.ipynb" --output-dir "$out" \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600

# 4. Check the outputs.
/usr/bin/python3 "$here/check_outputs.py" "$out/extension-e2e.ipynb" "$version"
echo "end-to-end check passed ($out/extension-e2e.ipynb)"
