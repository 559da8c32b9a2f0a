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

function Wait-EmulatorJobStatus {
    # Waits (up to 10 s) until the emulator has the job in one of $Status.
    param([Parameter(Mandatory)][string] $JobId, [Parameter(Mandatory)][string[]] $Status)
    Wait-Until -TimeoutSeconds 10 -What "job $JobId in $($Status -join '/')" -Condition { (Get-EmulatorJob $JobId).status -in $Status }
}

function Set-EmulatorStep {
    # The time between two status steps of every job (100 ms in the tests).
    param([Parameter(Mandatory)][int] $Milliseconds)
    $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ stepMs = $Milliseconds }
}
