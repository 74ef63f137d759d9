# Shared by the Pester suites: imports the built module and reads the test engines' endpoints file.
Import-Module $env:DOCKERPS_MODULE -Force

$script:EndpointsFile = if ($env:DOCKERPS_TEST_ENV) { $env:DOCKERPS_TEST_ENV } else { '/var/lib/dockerps-ci/endpoints.json' }
$script:HasEngines = Test-Path $script:EndpointsFile
$script:Endpoints = if ($script:HasEngines) { Get-Content $script:EndpointsFile -Raw | ConvertFrom-Json } else { $null }

function Get-TestEngine {
    # Every engine test runs once per engine: @{ Engine = 'engine20'; DockerHost = 'unix://...'; Cli = ...; ApiVersion = '1.41' }, ...
    if (-not $script:HasEngines) { return @() }
    foreach ($e in $script:Endpoints.engines) { @{ Engine = $e.name; DockerHost = $e.host; Cli = $e.cli; ApiVersion = $e.apiVersion } }
}
