#!/usr/bin/env bash
# DockerPS build without PowerShell (CI has none). build.ps1 is the same for PowerShell users.
#   ./build.sh [build]   build the module into out/DockerPS and show it working against the engine
#   ./build.sh test      build, bring the test engines up (as root), run the xunit tests and, with pwsh, Pester
#   ./build.sh bench     the benchmark (bench/DockerPS.Bench); figures go to docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
task=${1:-build}
config=${CONFIGURATION:-Release}
out=$root/out/DockerPS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*"; }

build_module() {
    say "dotnet build ($config)"
    dotnet build "$root/DockerPS.sln" -c "$config" -nologo -clp:ErrorsOnly -warnaserror
    local bin=$root/src/DockerPS/bin/$config/netstandard2.0
    local version
    version=$(dotnet msbuild "$root/src/DockerPS/DockerPS.csproj" -nologo -getProperty:Version)
    say "assembling $out (version $version)"
    rm -rf "$out"
    mkdir -p "$out/dependencies" "$out/en-US"
    cp "$bin/DockerPS.dll" "$bin/DockerPS.Engine.dll" "$bin/DockerPS.format.ps1xml" "$bin/DockerPS.types.ps1xml" "$out/"
    # Private dependencies stay in their own folder: PowerShell 7.4+ has them in the box, and on Windows
    # PowerShell 5.1 the module's resolver hands them out (see src/DockerPS/Infrastructure/ModuleInitializer.cs).
    for dll in "$bin"/*.dll; do
        case "$(basename "$dll")" in DockerPS.dll|DockerPS.Engine.dll) ;; *) cp "$dll" "$out/dependencies/" ;; esac
    done
    sed "s/^\(\s*ModuleVersion\s*=\s*\)'[^']*'/\1'$version'/" "$root/DockerPS.psd1" > "$out/DockerPS.psd1"
    grep -q "ModuleVersion *= *'$version'" "$out/DockerPS.psd1" || { echo "could not stamp the version into DockerPS.psd1" >&2; exit 1; }
    say "help (MAML)"
    dotnet run --project "$root/tools/DockerPS.HelpBuilder" -c "$config" --no-build -- \
        "$out/DockerPS.dll" "$root/docs/help" "$out/en-US/DockerPS.dll-Help.xml"
}

show_it_working() {
    if command -v pwsh >/dev/null 2>&1; then
        say "Import-Module $out; Get-DockerVersion; Get-DockerContainer -All; Get-DockerImage"
        pwsh -NoProfile -NonInteractive -Command "Import-Module '$out' -ErrorAction Stop; Get-DockerVersion; Get-DockerContainer -All | Format-Table; Get-DockerImage | Format-Table"
    else
        say "pwsh is not on PATH: the module cannot be imported here. The same engine calls, through DockerPS.Engine:"
        dotnet run --project "$root/bench/DockerPS.Bench" -c "$config" --no-build -- demo
    fi
}

run_tests() {
    if [ "$(id -u)" = 0 ] && [ "${DOCKERPS_ENGINE_SETUP:-1}" != 0 ]; then
        say "test engines (tests/engine/setup.sh)"
        bash "$root/tests/engine/setup.sh"
    else
        say "not root (or DOCKERPS_ENGINE_SETUP=0): using the engines in ${DOCKERPS_TEST_ENV:-/var/lib/dockerps-ci/endpoints.json} if they are up"
    fi
    local passed=0 failed=0 skipped=0 status=0 log
    for project in tests/DockerPS.Engine.Tests tests/DockerPS.Tests tests/DockerPS.Pty.Tests; do
        say "dotnet test $project"
        log=$(mktemp)
        set +e
        dotnet test "$root/$project" -c "$config" --no-build -nologo 2>&1 | tee "$log"
        local rc=${PIPESTATUS[0]}
        set -e
        [ "$rc" = 0 ] || status=1
        # "Passed!  - Failed:     0, Passed:   135, Skipped:     0, Total:   135" (or "Failed!  - ...")
        local line
        line=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)
        if [ -z "$line" ]; then
            echo "no test summary from $project" >&2
            status=1
        else
            failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")))
            passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")))
            skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$line")))
        fi
        rm -f "$log"
    done
    if command -v pwsh >/dev/null 2>&1; then
        say "Pester (tests/Pester) under $(pwsh -NoProfile -Command '$PSVersionTable.PSVersion.ToString()')"
        local result
        set +e
        result=$(pwsh -NoProfile -NonInteractive -File "$root/tests/Pester/Invoke-Tests.ps1" -ModulePath "$out")
        local rc=$?
        set -e
        echo "$result"
        [ "$rc" = 0 ] || status=1
        local counts
        counts=$(grep -E '^pester: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' <<<"$result" | tail -n 1 || true)
        if [ -n "$counts" ]; then
            read -r _ p _ f _ s _ <<<"${counts//,/}"
            passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
        else
            status=1
        fi
    else
        say "Pester: pwsh is not on PATH, so the Pester suite (tests/Pester) was NOT run. Install PowerShell 7.4+ and Pester 5 to run it."
    fi
    echo "tests: $passed passed, $failed failed, $skipped skipped"
    return $status
}

case "$task" in
    build) build_module; show_it_working ;;
    test) build_module; run_tests ;;
    bench) build_module; dotnet run --project "$root/bench/DockerPS.Bench" -c "$config" --no-build -- bench "${@:2}" ;;
    *) echo "usage: ./build.sh [build|test|bench]" >&2; exit 2 ;;
esac
