#!/usr/bin/env bash
# The packages as a new user gets them: packs SpanMarshal, SpanMarshal.Testing and SpanMarshal.Hosting into a local
# feed, then builds the project in .ci/consumer (net8.0 + net10.0, warnings as errors,
# AnalysisLevel latest-all) in a temporary folder outside the repository, referencing the
# packages by version, and runs it: it sends spans to the test agent and exits non-zero unless
# each member arrived as sent. Also checks what the packages contain, and that the package's
# suppressions are what keeps the consumer's build clean.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "pack-and-consume: $*" >&2; exit 1; }

# A pre-release of the declared version that no earlier run used, so the consumer can only
# restore the packages packed here.
version="$(dotnet msbuild "$repo/runtime/SpanMarshal" -getProperty:Version)-ci.$(date -u +%Y%m%d%H%M%S).$$"
repository="$(dotnet msbuild "$repo/runtime/SpanMarshal" -getProperty:RepositoryUrl)"
work="$(mktemp -d)"
cleanup() {
  rm -rf "$work"
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/spanmarshal*/"$version"
}
trap cleanup EXIT

feed="$work/feed"
for project in runtime/SpanMarshal runtime/SpanMarshal.Testing runtime/SpanMarshal.Hosting; do
  dotnet pack "$repo/$project" -c Release -o "$feed" -p:Version="$version" -nologo -v:q
done
echo "Packed $version:"
ls -1 "$feed"

# What each package must carry.
for id in SpanMarshal SpanMarshal.Testing SpanMarshal.Hosting; do
  nupkg="$feed/$id.$version.nupkg"
  [[ -f "$feed/$id.$version.snupkg" ]] || fail "$id has no symbol package"
  files="$(unzip -Z1 "$nupkg")"
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
  for f in README.md lib/net8.0/$id.dll lib/net10.0/$id.dll; do
    grep -qx "$f" <<<"$files" || fail "$id lacks $f"
  done
  for element in '<readme>README.md</readme>' "<repository type=\"git\" url=\"$repository\" commit=\"" \
                 "<projectUrl>$repository</projectUrl>" '<tags>' '<releaseNotes>'; do
    grep -qF "$element" <<<"$nuspec" || fail "$id.nuspec lacks $element"
  done
  # SourceLink: the PDBs map the sources to the declared repository at the built commit.
  pdbs="$work/pdb-$id"
  unzip -q -o "$feed/$id.$version.snupkg" -d "$pdbs"
  for pdb in "$pdbs"/lib/*/"$id".pdb; do
    grep -aq "https://raw.githubusercontent.com/${repository#https://github.com/}/[0-9a-f]\{40\}/\*" "$pdb" || fail "$pdb has no SourceLink to $repository"
  done
done
files="$(unzip -Z1 "$feed/SpanMarshal.$version.nupkg")"
for analyzer in SpanMarshal.Generator SpanMarshal.CodeFixes; do
  grep -qx "analyzers/dotnet/cs/$analyzer.dll" <<<"$files" || fail "SpanMarshal lacks analyzers/dotnet/cs/$analyzer.dll"
done

# The consumer, outside the repository: its own nuget.config (this repository's registry plus the
# local feed) and an empty-but-for-the-version Directory.Build.props so nothing of the repo applies.
consumer="$work/consumer"
cp -r "$repo/.ci/consumer" "$consumer"
cp "$repo/nuget.config" "$consumer/nuget.config"
dotnet nuget add source "$feed" --name local --configfile "$consumer/nuget.config" >/dev/null
cat > "$consumer/Directory.Build.props" <<EOF
<Project>
  <PropertyGroup>
    <SpanMarshalVersion>$version</SpanMarshalVersion>
  </PropertyGroup>
</Project>
EOF
echo '<Project />' > "$consumer/Directory.Build.targets"

cd "$consumer"
dotnet build -c Release -nologo -v:q
dotnet "bin/Release/net10.0/Consumer.dll"
runtimes="$(dotnet --list-runtimes)"
if grep -q '^Microsoft\.NETCore\.App 8\.' <<<"$runtimes"; then
  dotnet "bin/Release/net8.0/Consumer.dll"
else
  echo "No .NET 8 runtime here: net8.0 was built, not run."
fi

# With the package's suppressions turned off (NoWarn on their ids) the same build must fail on
# each warning they suppress; otherwise the consumer no longer exercises them. --no-incremental:
# MSBuild does not take a NoWarn change as a reason to compile again.
if dotnet build -c Release -f net10.0 -nologo -v:q --no-restore --no-incremental -p:WithoutSpanMarshalSuppressions=true > "$work/unsuppressed.log" 2>&1; then
  fail "the consumer builds without the package's suppressions, so it does not exercise them"
fi
for id in CS0169 CS0414 IDE0051 IDE0052 CA1823 CA1822; do
  grep -q "error $id:" "$work/unsuppressed.log" || { cat "$work/unsuppressed.log"; fail "without the suppressions, $id was not reported"; }
done
echo "Without the package's suppressions the consumer fails as expected (CS0169 CS0414 IDE0051 IDE0052 CA1823 CA1822)."
echo "pack-and-consume: OK"
