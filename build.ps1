<#
.SYNOPSIS
    Builds, tests and benchmarks DockerPS from PowerShell (build.sh does the same without PowerShell).
.DESCRIPTION
    Build : builds the solution and assembles out/DockerPS, a complete module folder (manifest stamped with the
            version from Directory.Build.props, DLLs, format and type files, MAML help, private dependencies),
            then imports it and shows it working.
    Test  : Build, then (as root on Linux) brings up the test engines, runs the xunit tests and the Pester suite.
    Bench : Build, then runs the benchmark.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out/DockerPS'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Build-Module {
    Write-Host "==> dotnet build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $root 'DockerPS.sln'), '-c', $Configuration, '-nologo', '-clp:ErrorsOnly', '-warnaserror')
    $bin = Join-Path $root "src/DockerPS/bin/$Configuration/netstandard2.0"
    $version = (& dotnet msbuild (Join-Path $root 'src/DockerPS/DockerPS.csproj') -nologo -getProperty:Version).Trim()
    Write-Host "==> assembling $out (version $version)"
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    $null = New-Item -ItemType Directory -Path (Join-Path $out 'dependencies'), (Join-Path $out 'en-US') -Force
    Copy-Item (Join-Path $bin 'DockerPS.dll'), (Join-Path $bin 'DockerPS.Engine.dll'), (Join-Path $bin 'DockerPS.format.ps1xml'), (Join-Path $bin 'DockerPS.types.ps1xml') -Destination $out
    Get-ChildItem $bin -Filter *.dll |
        Where-Object Name -NotIn 'DockerPS.dll', 'DockerPS.Engine.dll' |
        Copy-Item -Destination (Join-Path $out 'dependencies')
    $manifest = (Get-Content (Join-Path $root 'DockerPS.psd1') -Raw) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`$1'$version'"
    Set-Content -Path (Join-Path $out 'DockerPS.psd1') -Value $manifest -Encoding utf8
    Write-Host '==> help (MAML)'
    Invoke-Native dotnet @('run', '--project', (Join-Path $root 'tools/DockerPS.HelpBuilder'), '-c', $Configuration, '--no-build', '--',
        (Join-Path $out 'DockerPS.dll'), (Join-Path $root 'docs/help'), (Join-Path $out 'en-US/DockerPS.dll-Help.xml'))
    $null = Test-ModuleManifest (Join-Path $out 'DockerPS.psd1')
}

function Test-Module {
    if ($IsLinux -and (& id -u) -eq '0' -and $env:DOCKERPS_ENGINE_SETUP -ne '0') {
        Write-Host '==> test engines (tests/engine/setup.sh)'
        Invoke-Native bash @((Join-Path $root 'tests/engine/setup.sh'))
    }
    $failed = $false
    foreach ($project in 'tests/DockerPS.Engine.Tests', 'tests/DockerPS.Tests', 'tests/DockerPS.Pty.Tests') {
        Write-Host "==> dotnet test $project"
        & dotnet test (Join-Path $root $project) -c $Configuration --no-build -nologo
        if ($LASTEXITCODE -ne 0) { $failed = $true }
    }
    Write-Host '==> Pester (tests/Pester)'
    & (Join-Path $root 'tests/Pester/Invoke-Tests.ps1') -ModulePath $out
    if ($LASTEXITCODE -ne 0) { $failed = $true }
    if ($failed) { throw 'Some tests failed.' }
}

switch ($Task) {
    'Build' {
        Build-Module
        Import-Module $out -Force
        Get-DockerVersion
        Get-DockerContainer -All | Format-Table
        Get-DockerImage | Format-Table
    }
    'Test' { Build-Module; Test-Module }
    'Bench' {
        Build-Module
        Invoke-Native dotnet @('run', '--project', (Join-Path $root 'bench/DockerPS.Bench'), '-c', $Configuration, '--no-build', '--', 'bench')
    }
}
