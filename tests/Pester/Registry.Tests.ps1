#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Login, push, pull and logout against the test registry (htpasswd auth, tests/engine/setup.sh), once per test engine,
# as a user scripts them. DOCKER_CONFIG points at a temporary folder for the whole file, never the real one; every
# repository made here is named dpsreg-pester-<run>-..., and AfterAll removes the local copies with the engine's CLI.

BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $engines = @(Get-TestEngine)
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:SavedDockerConfig = $env:DOCKER_CONFIG
    $script:SavedPath = $env:PATH
    $script:Registry = $script:Endpoints.registry.address
    $script:RegistryUser = $script:Endpoints.registry.username
    $script:RegistryPassword = $script:Endpoints.registry.password
    $script:Secure = ConvertTo-SecureString $script:RegistryPassword -AsPlainText -Force
    $script:GoodCredential = [pscredential]::new($script:RegistryUser, $script:Secure)
    $script:BadCredential = [pscredential]::new($script:RegistryUser, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
}

AfterAll {
    $env:DOCKER_CONFIG = $script:SavedDockerConfig
    $env:PATH = $script:SavedPath
}

Describe 'Registry commands against <Engine>' -ForEach $engines {
    BeforeAll {
        $run = [guid]::NewGuid().ToString('n').Substring(0, 8)
        $configDir = Join-Path ([System.IO.Path]::GetTempPath()) "dpsreg-pester-$run"
        $null = New-Item -ItemType Directory -Path $configDir
        $env:DOCKER_CONFIG = $configDir
        $configFile = Join-Path $configDir 'config.json'
        $repo = "$Registry/dpsreg-pester-$run-$Engine"
        $made = [System.Collections.Generic.List[string]]::new()
    }

    AfterAll {
        foreach ($r in $made) { & $Cli -H $DockerHost rmi -f $r 2>$null | Out-Null }
        $env:DOCKER_CONFIG = $SavedDockerConfig
        $env:PATH = $SavedPath
        Remove-Item -Recurse -Force $configDir -ErrorAction SilentlyContinue
    }

    It 'refuses a wrong password with an authentication error and stores nothing' {
        { Connect-DockerRegistry -DockerHost $DockerHost $Registry -Credential $BadCredential -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryLoginFailed*'
        try { Connect-DockerRegistry -DockerHost $DockerHost $Registry -Credential $BadCredential -ErrorAction Stop } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Not -Match 'not-the-password'
        Test-Path $configFile | Should -BeFalse
    }

    It 'logs in, stores the credentials as docker login, and never shows the password' {
        $all = Connect-DockerRegistry -DockerHost $DockerHost $Registry -Credential $GoodCredential -Verbose 4>&1 3>&1
        $login = $all | Where-Object { $_ -is [DockerPS.Engine.Registry.DockerRegistryLogin] }
        $login.Status | Should -Be 'Login Succeeded'
        $login.Registry | Should -Be $Registry
        $login.Storage | Should -Be $configFile
        ($all | Out-String) | Should -Not -Match ([regex]::Escape($RegistryPassword))
        $stored = (Get-Content $configFile -Raw | ConvertFrom-Json).auths.$Registry.auth
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($stored)) | Should -Be "${RegistryUser}:$RegistryPassword"
        if (-not $IsWindows) { (Get-Item $configFile).UnixMode | Should -Be '-rw-------' }
    }

    It 'pushes, and pulls back the same digest after the local copy is removed' {
        $ref = "${repo}:v1"
        & $Cli -H $DockerHost tag busybox:latest $ref
        $made.Add($ref)
        $pushed = Invoke-DockerPush -DockerHost $DockerHost $ref
        $pushed | Should -BeOfType DockerPS.Engine.Model.DockerImage
        $pushed.Digest | Should -Match '^sha256:[0-9a-f]{64}$'

        & $Cli -H $DockerHost rmi $ref | Out-Null
        $pulled = Invoke-DockerPull -DockerHost $DockerHost $ref -Quiet
        $pulled.Reference | Should -Be $ref
        $pulled.Digest | Should -Be $pushed.Digest
    }

    It 'takes the password as a SecureString from the pipeline (docker login --password-stdin)' {
        $login = $Secure | Connect-DockerRegistry -DockerHost $DockerHost $Registry -UserName $RegistryUser -WarningAction SilentlyContinue
        $login.UserName | Should -Be $RegistryUser
    }

    It 'logs out, after which a pull fails with a clear authentication error' {
        Connect-DockerRegistry -DockerHost $DockerHost $Registry -Credential $GoodCredential -WarningAction SilentlyContinue | Disconnect-DockerRegistry
        (Get-Content $configFile -Raw | ConvertFrom-Json).auths.PSObject.Properties.Name | Should -Not -Contain $Registry

        $ref = "${repo}:v1"
        & $Cli -H $DockerHost rmi $ref 2>$null | Out-Null
        Invoke-DockerPull -DockerHost $DockerHost $ref -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'RegistryAuthenticationRequired*'
        $failed[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failed[0].TargetObject | Should -Be $ref
        $failed[0].Exception.Message | Should -Match 'Connect-DockerRegistry'
    }

    It 'stores into and reads from the credential helper that credsStore names' -Skip:$IsWindows {
        $bin = Join-Path $configDir 'bin'
        $null = New-Item -ItemType Directory -Path $bin -Force
        $helper = Join-Path $bin 'docker-credential-dpsregpester'
        # A helper speaking docker-credential-helpers' protocol: one file per server URL beside it.
        Set-Content -Path $helper -Value @'
#!/usr/bin/env bash
data="$(cd "$(dirname "$0")" && pwd)/data"; mkdir -p "$data"; input=$(cat)
key() { printf '%s' "$1" | sha256sum | cut -c1-32; }
case "$1" in
  store) url=$(printf '%s' "$input" | jq -r .ServerURL); printf '%s' "$input" >"$data/$(key "$url")" ;;
  get) f="$data/$(key "$input")"; [ -f "$f" ] || { echo "credentials not found in native keychain"; exit 1; }; cat "$f" ;;
  erase) rm -f "$data/$(key "$input")" ;;
  list) echo '{}' ;;
esac
'@
        chmod +x $helper
        $env:PATH = "$bin$([System.IO.Path]::PathSeparator)$SavedPath"
        '{ "credsStore": "dpsregpester", "psFormat": "keep-me" }' | Set-Content $configFile

        $login = Connect-DockerRegistry -DockerHost $DockerHost $Registry -Credential $GoodCredential
        $login.Storage | Should -Be 'docker-credential-dpsregpester'
        Get-Content $configFile -Raw | Should -Not -Match ([regex]::Escape($RegistryPassword))
        (Get-Content $configFile -Raw | ConvertFrom-Json).psFormat | Should -Be 'keep-me'

        $ref = "${repo}:helper"
        & $Cli -H $DockerHost tag busybox:latest $ref
        $made.Add($ref)
        (Invoke-DockerPush -DockerHost $DockerHost $ref -Quiet).Digest | Should -Match '^sha256:'

        Disconnect-DockerRegistry $Registry
        @(Get-ChildItem (Join-Path $bin 'data')).Count | Should -Be 0
    }

    It 'refuses bad references before sending anything' {
        foreach ($bad in 'UPPER/case', 'a::b', 'busybox:') {
            Invoke-DockerPull -DockerHost $DockerHost $bad -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidImageReference*'
            $failed[0].Exception.Message | Should -Match ([regex]::Escape($bad))
        }
    }
}
