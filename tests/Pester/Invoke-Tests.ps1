<#
.SYNOPSIS
    Runs the Pester suite against a built module and prints "pester: N passed, N failed, N skipped".
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0')) {
    Write-Host 'pester: Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0); the Pester suite was not run.'
    exit 1
}
Import-Module Pester -MinimumVersion 5.0
$env:DOCKERPS_MODULE = (Resolve-Path $ModulePath).Path
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config
"pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
exit ([int]($result.FailedCount -gt 0))
