#
# DockerPS module manifest. ModuleVersion is stamped by the build from Directory.Build.props (the one version
# source); the copy in out/DockerPS/ is the one PowerShell loads.
#
@{
    RootModule           = 'DockerPS.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0f7c1e-8a3d-4f3e-9a57-2f6c1d0e4b91'
    Author               = 'DockerPS contributors'
    CompanyName          = 'DockerPS contributors'
    Copyright            = '(c) DockerPS contributors'
    Description          = 'Drive the Docker Engine from PowerShell: compiled cmdlets that talk to the Engine API directly and emit typed objects.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('DockerPS.format.ps1xml')
    TypesToProcess       = @('DockerPS.types.ps1xml')
    CmdletsToExport      = @(
        'Add-DockerImageTag'
        'Connect-DockerNetwork'
        'Connect-DockerRegistry'
        'Copy-DockerContainerItem'
        'Disconnect-DockerNetwork'
        'Disconnect-DockerRegistry'
        'Enter-DockerContainer'
        'Export-DockerImage'
        'Get-DockerContainer'
        'Get-DockerContainerChange'
        'Get-DockerContainerLog'
        'Get-DockerContainerPort'
        'Get-DockerContainerProcess'
        'Get-DockerContainerStats'
        'Get-DockerImage'
        'Get-DockerImageHistory'
        'Get-DockerInfo'
        'Get-DockerNetwork'
        'Get-DockerVersion'
        'Get-DockerVolume'
        'Import-DockerImage'
        'Invoke-DockerBuild'
        'Invoke-DockerCommit'
        'Invoke-DockerExec'
        'Invoke-DockerPull'
        'Invoke-DockerPush'
        'Invoke-DockerRun'
        'New-DockerContainer'
        'New-DockerNetwork'
        'New-DockerVolume'
        'Remove-DockerContainer'
        'Remove-DockerImage'
        'Remove-DockerNetwork'
        'Remove-DockerVolume'
        'Rename-DockerContainer'
        'Restart-DockerContainer'
        'Resume-DockerContainer'
        'Start-DockerContainer'
        'Stop-DockerContainer'
        'Suspend-DockerContainer'
        'Update-DockerContainer'
        'Wait-DockerContainer'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    # Build-DockerImage is Invoke-DockerBuild's first name, kept as an alias (an [Alias] on the cmdlet class): Build is
    # an approved verb only from PowerShell 6, and Windows PowerShell 5.1 warns about it on import.
    AliasesToExport      = @(
        'Build-DockerImage'
    )
    PrivateData          = @{
        PSData = @{
            Tags       = @('Docker', 'Containers', 'Engine', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri = ''
        }
    }
}
