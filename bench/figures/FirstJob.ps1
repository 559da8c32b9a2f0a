# Child of Invoke-Bench.ps1: the first CreateJob of a fresh session, by the module or by the floor.
# Both modes do the same before the timer (import the module, load the floor, build the operation
# and the manifest, make the floor's client), so the sessions differ only in the timed call.
param(
    [Parameter(Mandatory)][ValidateSet('Module', 'Floor')][string] $Mode,
    [Parameter(Mandatory)][string] $FloorAssembly,
    [Parameter(Mandatory)][string] $BodyFile,
    [Parameter(Mandatory)][string] $Token,
    [Parameter(Mandatory)][string] $AccountId
)
$ErrorActionPreference = 'Stop'
Import-Module S3Batch
Add-Type -Path $FloorAssembly
. (Join-Path $PSScriptRoot 'JobInput.ps1')
$body = [IO.File]::ReadAllText($BodyFile).Replace($Token, [guid]::NewGuid().ToString())
$floor = [S3BatchBench.RawCreateJob]::new($env:AWS_ENDPOINT_URL_S3_CONTROL, $AccountId, $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY, $env:AWS_REGION)

$clock = [Diagnostics.Stopwatch]::StartNew()
if ($Mode -eq 'Module') {
    $job = $operation | New-S3BatchJob @jobParameters -AccountId $AccountId
    $jobId = $job.JobId
} else {
    $jobId = $floor.Post($body)
}
$clock.Stop()
if (-not $jobId) { throw 'No job was created.' }
'BENCH ' + (@{ ms = $clock.Elapsed.TotalMilliseconds; jobId = $jobId } | ConvertTo-Json -Compress)
