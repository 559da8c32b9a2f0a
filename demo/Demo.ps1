#Requires -Version 7.2
<#
.SYNOPSIS
    A whole S3 Batch Operations job on the local S3 (s3rver) and the S3 Control emulator.
.DESCRIPTION
    build.ps1 Demo starts the servers, sets the AWS environment to point at them, and runs this:
    a few hundred sample objects are uploaded, a manifest is exported from a listing of the bucket,
    a copy job is created (its request shown) and waited for with progress on screen, then the
    report's summary and failed tasks are printed. A few objects are deleted after the manifest is
    made, so that their tasks fail as they would on AWS. Exits non-zero on any failure.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Demo
#>
[CmdletBinding()]
param(
    # The built module's manifest (build.ps1 passes out/S3Batch/S3Batch.psd1).
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $ObjectCount = 300,
    [int] $MissingCount = 4
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }

function Write-Heading([string] $Text) {
    Write-Host ''
    Write-Host "=== $Text ===" -ForegroundColor Cyan
}

function Show-EmulatorRequests([string] $Operation, [int] $Last = 0) {
    # What the emulator received (signed requests, as it logged them); -Last shows only the newest.
    $requests = @(@(Invoke-RestMethod -Uri "$env:AWS_ENDPOINT_URL_S3_CONTROL/_emulator/requests" | ForEach-Object { $_ }) | Where-Object operation -eq $Operation)
    if ($Last -gt 0) { $requests = @($requests | Select-Object -Last $Last) }
    foreach ($r in $requests) {
        Write-Host "$($r.method) $($r.path)" -ForegroundColor DarkGray
        if ($r.PSObject.Properties['body'] -and $r.body) {
            try { Write-Host ([System.Xml.Linq.XDocument]::Parse($r.body).ToString()) -ForegroundColor DarkGray }
            catch { Write-Host $r.body -ForegroundColor DarkGray }
        }
    }
}

try {
    foreach ($name in 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_S3_CONTROL') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run the demo with 'dotnet pwsh ./build.ps1 Demo', which starts the local servers." }
    }
    Import-Module $ModulePath -Force
    $module = Get-Module S3Batch
    if (-not ('Amazon.S3.AmazonS3Client' -as [type])) { Add-Type -Path (Join-Path $module.ModuleBase 'AWSSDK.S3.dll') }

    Write-Heading "S3Batch $($module.Version) on the local S3 ($env:AWS_ENDPOINT_URL_S3) and S3 Control emulator ($env:AWS_ENDPOINT_URL_S3_CONTROL)"

    # --- sample objects -----------------------------------------------------------------------
    Write-Heading "Uploading $ObjectCount sample objects to s3://source/photos/"
    $config = [Amazon.S3.AmazonS3Config]::new()
    $config.ServiceURL = $env:AWS_ENDPOINT_URL_S3
    $config.ForcePathStyle = $true
    $config.AuthenticationRegion = if ($env:AWS_REGION) { $env:AWS_REGION } else { 'us-east-1' }
    $s3 = [Amazon.S3.AmazonS3Client]::new([Amazon.Runtime.BasicAWSCredentials]::new($env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY), $config)
    $keys = 1..$ObjectCount | ForEach-Object { 'photos/{0:D2}/img {1:D4}{2}.jpg' -f ($_ % 12 + 1), $_, $(if ($_ % 50 -eq 0) { ' (copy+1)' } else { '' }) }
    $pending = [System.Collections.Generic.List[System.Threading.Tasks.Task]]::new()
    $i = 0
    foreach ($key in $keys) {
        $put = [Amazon.S3.Model.PutObjectRequest]::new()
        $put.BucketName = 'source'
        $put.Key = $key
        $put.ContentBody = "sample object $key"
        $put.UseChunkEncoding = $false   # s3rver stores an aws-chunked body as sent
        $pending.Add($s3.PutObjectAsync($put))
        if ($pending.Count -ge 4) { [System.Threading.Tasks.Task]::WaitAll($pending.ToArray()); $pending.Clear() }
        $i++
        if ($i % 25 -eq 0) { Write-Progress -Activity 'Uploading sample objects' -Status "$i of $ObjectCount" -PercentComplete (100 * $i / $ObjectCount) }
    }
    if ($pending.Count) { [System.Threading.Tasks.Task]::WaitAll($pending.ToArray()) }
    Write-Progress -Activity 'Uploading sample objects' -Completed
    Write-Host "Uploaded $ObjectCount objects, for example '$($keys[49])'."

    # --- manifest -----------------------------------------------------------------------------
    Write-Heading 'Export-S3BatchManifest -SourceBucket source -Prefix photos/ -Bucket manifests -Key demo.csv'
    $manifest = Export-S3BatchManifest -SourceBucket source -Prefix photos/ -Bucket manifests -Key demo.csv -Verbose
    $manifest.Location | Format-List ObjectArn, ETag | Out-Host
    Write-Host "Fields: $($manifest.Spec.Fields -join ', ')"
    $head = $s3.GetObjectAsync('manifests', 'demo.csv').GetAwaiter().GetResult()
    $reader = [IO.StreamReader]::new($head.ResponseStream)
    Write-Host 'First rows of the manifest:'
    1..3 | ForEach-Object { Write-Host "  $($reader.ReadLine())" -ForegroundColor DarkGray }
    $reader.Dispose()

    $missing = $keys | Get-Random -Count $MissingCount -SetSeed 4
    Write-Host ''
    Write-Host "Deleting $MissingCount objects that the manifest lists, so that their tasks fail:"
    foreach ($key in $missing) { $null = $s3.DeleteObjectAsync('source', $key).GetAwaiter().GetResult(); Write-Host "  $key" }

    # --- job ----------------------------------------------------------------------------------
    Write-Heading 'New-S3BatchCopyOperation -TargetBucket archive | New-S3BatchJob -Manifest $manifest -RoleArn batch-operations -ReportBucket reports -ReportPrefix demo'
    $job = New-S3BatchCopyOperation -TargetBucket archive -StorageClass STANDARD_IA |
        New-S3BatchJob -Manifest $manifest -RoleArn batch-operations -ReportBucket reports -ReportPrefix demo -Description 'S3Batch demo: copy photos to archive'
    Write-Host "Created job $($job.JobId). The CreateJob request the emulator received:"
    Show-EmulatorRequests -Operation CreateJob

    Write-Heading "Wait-S3BatchJob -JobId $($job.JobId)"
    $job = $job | Wait-S3BatchJob -PollInterval 0.5 -Timeout 300
    if (-not $job) { throw 'The job did not finish.' }
    $job | Format-List JobId, Status, ProgressSummary, TerminationDate | Out-Host
    if ($job.Status -ne 'Complete') { throw "The job ended $($job.Status): $($job.FailureReasons -join '; ')" }

    # --- report -------------------------------------------------------------------------------
    Write-Heading 'Get-S3BatchJobReport -Summary'
    $summary = @($job | Get-S3BatchJobReport -Summary)
    $summary | Format-Table TaskStatus, ErrorCode, Count -AutoSize | Out-Host

    Write-Heading 'Get-S3BatchJobReport -FailedOnly'
    $failed = @($job | Get-S3BatchJobReport -FailedOnly)
    $failed | Format-Table Key, TaskStatus, ErrorCode, HttpStatusCode -AutoSize | Out-Host

    $copied = 0
    $list = [Amazon.S3.Model.ListObjectsV2Request]@{ BucketName = 'archive'; Prefix = 'photos/' }
    $copied = @($s3.ListObjectsV2Async($list).GetAwaiter().GetResult().S3Objects).Count
    Write-Host "Objects in s3://archive/photos/: $copied"

    $succeeded = ($summary | Where-Object TaskStatus -eq 'succeeded' | Measure-Object Count -Sum).Sum
    if ($failed.Count -ne $MissingCount -or $succeeded -ne $ObjectCount - $MissingCount -or $copied -ne $ObjectCount - $MissingCount) {
        throw "Expected $($ObjectCount - $MissingCount) copies and $MissingCount failed tasks; the report says $succeeded succeeded and $($failed.Count) failed, and archive holds $copied."
    }

    Write-Heading 'Re-run what failed: Get-S3BatchJobReport -FailedOnly | Export-S3BatchManifest | New-S3BatchJob'
    Write-Host "(The failed objects are put back first.)"
    foreach ($key in $missing) {
        $put = [Amazon.S3.Model.PutObjectRequest]@{ BucketName = 'source'; Key = $key; ContentBody = "sample object $key"; UseChunkEncoding = $false }
        $null = $s3.PutObjectAsync($put).GetAwaiter().GetResult()
    }
    $retry = $job | Get-S3BatchJobReport -FailedOnly |
        Export-S3BatchManifest -Bucket manifests -Key demo-retry.csv |
        ForEach-Object { New-S3BatchCopyOperation -TargetBucket archive -StorageClass STANDARD_IA | New-S3BatchJob -Manifest $_ -RoleArn batch-operations -ReportBucket reports -ReportPrefix demo } |
        Wait-S3BatchJob -PollInterval 0.5 -Timeout 300
    $retry | Get-S3BatchJobReport -Summary | Format-Table TaskStatus, ErrorCode, Count -AutoSize | Out-Host
    if ($retry.Status -ne 'Complete' -or @($retry | Get-S3BatchJobReport -FailedOnly).Count -ne 0) { throw 'The re-run did not succeed.' }

    Write-Heading 'Jobs of other kinds on the same manifest, each request as the emulator received it'
    $kinds = [ordered]@{
        'New-S3BatchTaggingOperation -Tag @{ project = ''demo''; stage = ''archived'' }' = { New-S3BatchTaggingOperation -Tag @{ project = 'demo'; stage = 'archived' } }
        'New-S3BatchLambdaOperation -FunctionArn ...:function:thumbnail -UserArgument @{ size = ''256'' }' = { New-S3BatchLambdaOperation -FunctionArn 'arn:aws:lambda:us-east-1:123456789012:function:thumbnail' -UserArgument @{ size = '256' } }
        'New-S3BatchRestoreOperation -ExpirationInDays 7 -GlacierJobTier BULK' = { New-S3BatchRestoreOperation -ExpirationInDays 7 -GlacierJobTier BULK }
        'New-S3BatchChecksumOperation -ChecksumAlgorithm SHA256 -ChecksumType FULL_OBJECT' = { New-S3BatchChecksumOperation -ChecksumAlgorithm SHA256 -ChecksumType FULL_OBJECT }
    }
    foreach ($kind in $kinds.GetEnumerator()) {
        Write-Host ''
        Write-Host "$($kind.Key) | New-S3BatchJob -Manifest `$manifest -RoleArn batch-operations -NoReport -ConfirmationRequired" -ForegroundColor Cyan
        $other = & $kind.Value | New-S3BatchJob -Manifest $manifest -RoleArn batch-operations -NoReport -ConfirmationRequired
        Show-EmulatorRequests -Operation CreateJob -Last 1
        Write-Host "Created job $($other.JobId); it waits in Suspended for Start-S3BatchJob. Cancelling it:"
        $other | Stop-S3BatchJob -Reason 'demo only' -Force -PassThru | Format-Table JobId, Status, StatusUpdateReason -AutoSize | Out-Host
    }

    Write-Heading 'Done: every object is in s3://archive/'
    exit 0
} catch {
    Write-Host ''
    Write-Host "The demo failed: $_" -ForegroundColor Red
    Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
    exit 1
}
