namespace DockerPS.HostedPowerShell;

/// <summary>
/// The NuGet engine has the Microsoft.PowerShell.Core commands only. Scripts written for pwsh (the examples) use a few
/// commands of Microsoft.PowerShell.Utility and .Management; these small stand-ins do what the scripts ask of them.
/// Under pwsh the real ones are used, and the Pester suite runs the same scripts there.
/// </summary>
public static class UtilityStandIns
{
    public const string Script = """
        function global:Write-Verbose {
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] [AllowEmptyString()] [string] $Message)
            process { $PSCmdlet.WriteVerbose($Message) }
        }
        function global:Write-Warning {
            [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] [AllowEmptyString()] [string] $Message)
            process { $PSCmdlet.WriteWarning($Message) }
        }
        function global:Join-Path {
            param([Parameter(Mandatory, Position = 0)] [string] $Path, [Parameter(Mandatory, Position = 1)] [string] $ChildPath)
            [System.IO.Path]::Combine($Path, $ChildPath)
        }
        function global:Test-Path {
            param([Parameter(Position = 0)] [string] $Path, [string] $LiteralPath)
            $p = if ($LiteralPath) { $LiteralPath } else { $Path }
            [System.IO.File]::Exists($p) -or [System.IO.Directory]::Exists($p)
        }
        function global:Start-Sleep {
            param([Parameter(Position = 0)] [double] $Seconds, [int] $Milliseconds)
            [System.Threading.Thread]::Sleep([int] ($Seconds * 1000) + $Milliseconds)
        }
        function global:Sort-Object {
            param([Parameter(ValueFromPipeline)] $InputObject)
            begin { $items = [System.Collections.Generic.List[object]]::new() }
            process { $items.Add($InputObject) }
            end { $a = $items.ToArray(); [System.Array]::Sort($a); $a }
        }
        function global:Select-Object {
            param([Parameter(ValueFromPipeline)] $InputObject, [int] $First = [int]::MaxValue)
            begin { $n = 0 }
            process { if ($n -lt $First) { $InputObject; $n++ } }
        }
        """;
}
