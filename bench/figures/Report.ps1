# Child of Invoke-Bench.ps1: a job's completion report read by Get-S3BatchJobReport (Module), or
# the same files read the plain way in the same process (Floor): GetObject of manifest.json, then
# of each result file it lists, read line by line by Read-BenchLine (bench/Floor), each line down
# the same pipeline into Out-Null.
# Reports the time, the rows and the peak working set.
param(
    [Parameter(Mandatory)][ValidateSet('Module', 'Floor')][string] $Mode,
    [Parameter(Mandatory)][string] $FloorAssembly,
    [Parameter(Mandatory)][string] $JobId,
    [Parameter(Mandatory)][string] $AccountId,
    [Parameter(Mandatory)][string] $Bucket,
    [Parameter(Mandatory)][string] $ManifestKey
)
$ErrorActionPreference = 'Stop'
Import-Module S3Batch
Import-Module $FloorAssembly
$module = Get-Module S3Batch
if (-not ('Amazon.S3.AmazonS3Client' -as [type])) { Add-Type -Path (Join-Path $module.ModuleBase 'AWSSDK.S3.dll') }
$config = [Amazon.S3.AmazonS3Config]::new()
$config.ServiceURL = $env:AWS_ENDPOINT_URL_S3
$config.ForcePathStyle = $true
$config.AuthenticationRegion = $env:AWS_REGION
$s3 = [Amazon.S3.AmazonS3Client]::new([Amazon.Runtime.BasicAWSCredentials]::new($env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY), $config)

$rows = 0
$clock = [Diagnostics.Stopwatch]::StartNew()
if ($Mode -eq 'Module') {
    Get-S3BatchJobReport -JobId $JobId -AccountId $AccountId | Out-Null
} else {
    $response = $s3.GetObjectAsync($Bucket, $ManifestKey).GetAwaiter().GetResult()
    try { $json = [IO.StreamReader]::new($response.ResponseStream).ReadToEnd() } finally { $response.Dispose() }
    foreach ($file in ($json | ConvertFrom-Json).Results) {
        $response = $s3.GetObjectAsync($file.Bucket, $file.Key).GetAwaiter().GetResult()
        try { Read-BenchLine $response.ResponseStream | Out-Null } finally { $response.Dispose() }
    }
}
$clock.Stop()
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
# Counted after the clock (and the peak), the same way for both: the rows are really there.
if ($Mode -eq 'Module') { $rows = (Get-S3BatchJobReport -JobId $JobId -AccountId $AccountId -Summary | Measure-Object -Property Count -Sum).Sum }
'BENCH ' + (@{ ms = $clock.Elapsed.TotalMilliseconds; peak = $peak; rows = $rows } | ConvertTo-Json -Compress)
