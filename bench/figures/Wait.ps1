# Child of Invoke-Bench.ps1: Wait-S3BatchJob on jobs that stay New, until -Timeout. Reports the
# elapsed time, the errors (one Timeout per job expected) and the intervals it announced (-Debug).
param(
    [Parameter(Mandatory)][string] $JobIdFile,
    [Parameter(Mandatory)][string] $AccountId,
    [double] $Timeout = 60
)
$ErrorActionPreference = 'Stop'
Import-Module S3Batch
$ids = Get-Content $JobIdFile
$clock = [Diagnostics.Stopwatch]::StartNew()
$errors = $null
# The intervals it announces are debug messages (not -Debug: that would also ask to continue at each).
$DebugPreference = 'Continue'
$debugLines = $ids | Wait-S3BatchJob -Timeout $Timeout -AccountId $AccountId -ErrorAction SilentlyContinue -ErrorVariable errors 5>&1 |
    Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message
$clock.Stop()
$delays = @($debugLines | Where-Object { $_ -match '^Next poll in ([\d.]+) s' } | ForEach-Object { [double]$Matches[1] })
'BENCH ' + (@{ ms = $clock.Elapsed.TotalMilliseconds; errors = @($errors | ForEach-Object { $_.FullyQualifiedErrorId }); messages = @($errors | Select-Object -First 2 | ForEach-Object { "$_" }); delays = $delays } | ConvertTo-Json -Compress)
