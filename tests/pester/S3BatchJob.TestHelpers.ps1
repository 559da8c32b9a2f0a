# Dot-sourced after common.ps1 by the job cmdlets' Pester files (Get/Wait/Start/Stop-S3BatchJob,
# Set-S3BatchJobPriority, S3BatchJobTag): makes jobs on the emulator and reads its state.

function New-TestJob {
    # One copy job on the emulator (two objects); -ConfirmationRequired leaves it in Suspended.
    param([switch] $ConfirmationRequired, [string] $Description, [int] $Priority = 10, [hashtable] $Tag)
    if (-not $script:TestJobManifest) { $script:TestJobManifest = New-TestManifest }
    $params = @{ Manifest = $script:TestJobManifest; RoleArn = 'batch-role'; NoReport = $true; ConfirmationRequired = $ConfirmationRequired; Priority = $Priority }
    if ($Description) { $params.Description = $Description }
    if ($Tag) { $params.Tag = $Tag }
    New-S3BatchCopyOperation -TargetBucket archive | New-S3BatchJob @params
}

function Get-EmulatorJob {
    # The emulator's own record of a job (status, priority, tags), read without the module.
    param([Parameter(Mandatory)][string] $JobId)
    # Invoke-RestMethod outputs the JSON array as one object: unroll it.
    foreach ($job in (Invoke-Emulator -Path 'jobs')) { if ($job.jobId -eq $JobId) { $job } }
}

function Wait-EmulatorJobStatus {
    # Waits (up to 10 s) until the emulator has the job in one of $Status.
    param([Parameter(Mandatory)][string] $JobId, [Parameter(Mandatory)][string[]] $Status)
    Wait-Until -TimeoutSeconds 10 -What "job $JobId in $($Status -join '/')" -Condition { (Get-EmulatorJob $JobId).status -in $Status }
}

function Set-EmulatorFault {
    # Injects a fault: the next -Times calls of -Operation fail with -Kind (http500, resetBefore, resetAfter, throttle, ...).
    param([Parameter(Mandatory)][string] $Operation, [Parameter(Mandatory)][string] $Kind, [int] $Times = 1)
    $null = Invoke-Emulator -Path 'faults' -Method Post -Body @{ operation = $Operation; kind = $Kind; times = $Times }
}

function Get-WhatIfText {
    # What -WhatIf printed (it goes to the host, not to a stream): runs $Script under a transcript.
    param([Parameter(Mandatory)][scriptblock] $Script)
    $file = Join-Path ([IO.Path]::GetTempPath()) "s3batch-whatif-$([guid]::NewGuid().ToString('N')).txt"
    $null = Start-Transcript -Path $file
    try { $null = & $Script } finally { $null = Stop-Transcript }
    try { (Get-Content -Raw $file) -replace "`e\[[0-9;]*m", '' } finally { Remove-Item $file -ErrorAction Ignore }
}

function Set-EmulatorStep {
    # The time between two status steps of every job (100 ms in the tests).
    param([Parameter(Mandatory)][int] $Milliseconds)
    $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ stepMs = $Milliseconds }
}
