# Child of Invoke-Bench.ps1: 1,000 CreateJobs in one warm session, several times, alternating
# which goes first: the module as a runbook loop (one New-S3BatchJob per job), the module as one
# pipeline (1,000 operations into one New-S3BatchJob), and the floor (the same 1,000 signed POSTs).
# The emulator is reset (outside the timer) before each batch, so that each starts on an empty store.
param(
    [Parameter(Mandatory)][string] $FloorAssembly,
    [Parameter(Mandatory)][string] $BodyFile,
    [Parameter(Mandatory)][string] $Token,
    [Parameter(Mandatory)][string] $AccountId,
    [int] $Count = 1000,
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module S3Batch
Add-Type -Path $FloorAssembly
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
    Loop     = { foreach ($o in $operations) { $null = $o | New-S3BatchJob @jobParameters -AccountId $AccountId } }
    Pipeline = { $null = $operations | New-S3BatchJob @jobParameters -AccountId $AccountId }
    Floor    = { $null = $floor.PostMany($body, $Token, $Count) }
}

# Warm up: a few jobs each way (the first calls load and compile), not timed.
Reset-Emulator
$null = $operations[0..9] | New-S3BatchJob @jobParameters -AccountId $AccountId
foreach ($o in $operations[0..9]) { $null = $o | New-S3BatchJob @jobParameters -AccountId $AccountId }
$null = $floor.PostMany($body, $Token, 10)

$times = @{ Loop = @(); Pipeline = @(); Floor = @() }
$orders = @(@('Floor', 'Loop', 'Pipeline'), @('Pipeline', 'Loop', 'Floor'), @('Loop', 'Floor', 'Pipeline'))
for ($r = 0; $r -lt $Runs; $r++) {
    foreach ($name in $orders[$r % $orders.Count]) {
        Reset-Emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        & $batches[$name]
        $clock.Stop()
        $created = @(Invoke-RestMethod -Uri "$env:AWS_ENDPOINT_URL_S3_CONTROL/_emulator/jobs" | ForEach-Object { $_ }).Count
        if ($created -ne $Count) { throw "$name created $created jobs, not $Count." }
        $times[$name] += $clock.Elapsed.TotalMilliseconds
    }
}
'BENCH ' + ($times | ConvertTo-Json -Compress)
