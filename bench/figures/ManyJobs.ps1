# Child of Invoke-Bench.ps1: 1,000 CreateJobs in one warm session, several times, taking turns:
# the module as one pipeline (1,000 operations into one New-S3BatchJob) beside its floor
# (the same 1,000 signed POSTs from one call), and the module as a runbook loop (one New-S3BatchJob
# per job) beside its floor (the same loop, one Send-BenchCreateJob per job).
# The emulator is reset (outside the timer) before each batch or chunk, so that each starts on an empty store.
param(
    [Parameter(Mandatory)][string] $FloorAssembly,
    [Parameter(Mandatory)][string] $BodyFile,
    [Parameter(Mandatory)][string] $Token,
    [Parameter(Mandatory)][string] $AccountId,
    [int] $Count = 1000,
    [int] $Runs = 9,
    [int] $WarmUpRounds = 2,
    [int] $Chunk = 100
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
    Loop      = { param($n) foreach ($o in $operations[0..($n - 1)]) { $null = $o | New-S3BatchJob @jobParameters -AccountId $AccountId } }
    LoopFloor = { param($n) foreach ($o in $operations[0..($n - 1)]) { $null = $o | Send-BenchCreateJob -Client $floor -Body $body -Token $Token } }
    Pipeline  = { param($n) $null = $operations[0..($n - 1)] | New-S3BatchJob @jobParameters -AccountId $AccountId }
    Floor     = { param($n) $null = $floor.PostMany($body, $Token, $n) }
}

function Invoke-Batch([string] $Name, [int] $Jobs) {
    # One batch of $Jobs jobs on an empty store; its time, and a check that it made exactly that many.
    Reset-Emulator
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $batches[$Name] $Jobs
    $clock.Stop()
    $created = @(Invoke-RestMethod -Uri "$env:AWS_ENDPOINT_URL_S3_CONTROL/_emulator/jobs" | ForEach-Object { $_ }).Count
    if ($created -ne $Jobs) { throw "$Name created $created jobs, not $Jobs." }
    $clock.Elapsed.TotalMilliseconds
}

# Warm up, not timed: whole batches each way until both this session and the emulator have
# compiled their hot paths to the final tier (the first batches of a session run several times
# slower, the module's and the floor's alike).
for ($w = 0; $w -lt $WarmUpRounds; $w++) {
    foreach ($name in $batches.Keys) { $null = Invoke-Batch $name $Count }
}

# Each run: the pipeline and its floor as whole batches of $Count, in turn; then the loop and its
# floor, whose calls are independent of each other, in chunks of $Chunk calls that take turns, so
# that a burst of load from elsewhere on the machine falls on both alike.
$times = @{ Loop = @(); LoopFloor = @(); Pipeline = @(); Floor = @() }
$chunks = [Math]::Max(1, [int][Math]::Ceiling($Count / $Chunk))
for ($r = 0; $r -lt $Runs; $r++) {
    foreach ($name in $(if ($r % 2) { 'Floor', 'Pipeline' } else { 'Pipeline', 'Floor' })) { $times[$name] += Invoke-Batch $name $Count }
    $loop = @{ Loop = 0.0; LoopFloor = 0.0 }
    for ($c = 0; $c -lt $chunks; $c++) {
        $calls = [Math]::Min($Chunk, $Count - $c * $Chunk)
        foreach ($name in $(if (($r + $c) % 2) { 'LoopFloor', 'Loop' } else { 'Loop', 'LoopFloor' })) { $loop[$name] += Invoke-Batch $name $calls }
    }
    $times.Loop += $loop.Loop
    $times.LoopFloor += $loop.LoopFloor
}
'BENCH ' + ($times | ConvertTo-Json -Compress)
