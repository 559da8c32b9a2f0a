# Child of Invoke-Bench.ps1: $Count key strings from a pipeline into Export-S3BatchManifest -Path
# (Module), or the same pipeline into Out-Null (Floor). Reports the time and the peak working set.
param(
    [Parameter(Mandatory)][ValidateSet('Module', 'Floor')][string] $Mode,
    [Parameter(Mandatory)][int] $Count,
    [Parameter(Mandatory)][string] $Path
)
$ErrorActionPreference = 'Stop'
Import-Module S3Batch
$clock = [Diagnostics.Stopwatch]::StartNew()
if ($Mode -eq 'Module') {
    $null = 1..$Count | ForEach-Object { "photos/2024/$($_ % 366)/IMG_$_.jpg" } | Export-S3BatchManifest -SourceBucket source -Path $Path -Force
} else {
    1..$Count | ForEach-Object { "photos/2024/$($_ % 366)/IMG_$_.jpg" } | Out-Null
}
$clock.Stop()
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
'BENCH ' + (@{ ms = $clock.Elapsed.TotalMilliseconds; peak = $peak; bytes = $(if ($Mode -eq 'Module') { (Get-Item $Path).Length } else { 0 }) } | ConvertTo-Json -Compress)
