# Child of Invoke-Bench.ps1: 1,000 CreateJobs in one warm session, several times, rotating which
# goes first: the module as one pipeline (1,000 operations into one New-S3BatchJob) beside its floor
# (the same 1,000 signed POSTs from one call), and the module as a runbook loop (one New-S3BatchJob
# per job) beside its floor (the same loop, one Send-BenchCreateJob per job).
# The emulator is reset (outside the timer) before each batch, so that each starts on an empty store.
param(
    [Parameter(Mandatory)][string] $FloorAssembly,
    [Parameter(Mandatory)][string] $BodyFile,
    [Parameter(Mandatory)][string] $Token,
    [Parameter(Mandatory)][string] $AccountId,
    [int] $Count = 1000,
    [int] $Runs = 7,
    [int] $WarmUpRounds = 2
)
$ErrorActionPreference = 'Stop'
Import-Module S3Batch
Import-Module $FloorAssembly  # RawCreateJob and Send-BenchCreateJob
. (Join-Path $PSScriptRoot 'JobInput.ps1')
$body = [IO.File]::ReadAllText($BodyFile)
$floor = [S3BatchBench.RawCreateJob]::new($env:AWS_ENDPOINT_URL_S3_CONTROL, $AccountId, $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY, $env:AWS_REGION)
$operations = [object[]]::new($Count)
for ($i = 0; $i -lt $Count; $i++) { $operations[$i] = $operation }

function Reset-Emulator {
    $base = "$env:AWS_ENDPOINT_URL_S3_CONTROL/_emulator"
    $null = Invoke-RestMethod -Method Post -Uri "$base/reset"
    $null = Invoke-RestMethod -Method Post -Uri "$base/config" -ContentType 'application/json' -Body '{"stepMs":2000000000}'
}

$batches = @{
    Loop      = { foreach ($o in $operations) { $null = $o | New-S3BatchJob @jobParameters -AccountId $AccountId } }
    LoopFloor = { foreach ($o in $operations) { $null = $o | Send-BenchCreateJob -Client $floor -Body $body -Token $Token } }
    Pipeline  = { $null = $operations | New-S3BatchJob @jobParameters -AccountId $AccountId }
    Floor     = { $null = $floor.PostMany($body, $Token, $Count) }
}

function Invoke-Batch([string] $Name) {
    # One batch on an empty store; its time, and a check that it made exactly $Count jobs.
    Reset-Emulator
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $batches[$Name]
    $clock.Stop()
    $created = @(Invoke-RestMethod -Uri "$env:AWS_ENDPOINT_URL_S3_CONTROL/_emulator/jobs" | ForEach-Object { $_ }).Count
    if ($created -ne $Count) { throw "$Name created $created jobs, not $Count." }
    $clock.Elapsed.TotalMilliseconds
}

# Warm up, not timed: whole batches each way until both this session and the emulator have
# compiled their hot paths to the final tier (the first batches of a session run several times
# slower, the module's and the floor's alike).
for ($w = 0; $w -lt $WarmUpRounds; $w++) {
    foreach ($name in $batches.Keys) { $null = Invoke-Batch $name }
}

$times = @{ Loop = @(); LoopFloor = @(); Pipeline = @(); Floor = @() }
$orders = @(@('Floor', 'Loop', 'Pipeline', 'LoopFloor'), @('Pipeline', 'LoopFloor', 'Floor', 'Loop'), @('Loop', 'Floor', 'LoopFloor', 'Pipeline'), @('LoopFloor', 'Pipeline', 'Loop', 'Floor'))
for ($r = 0; $r -lt $Runs; $r++) {
    foreach ($name in $orders[$r % $orders.Count]) { $times[$name] += Invoke-Batch $name }
}
'BENCH ' + ($times | ConvertTo-Json -Compress)
