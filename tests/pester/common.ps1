# Dot-sourced by every Pester file in BeforeAll: imports the BUILT module (out/S3Batch, or
# $env:S3BATCH_MODULE_PATH that build.ps1 sets) and the test-server helpers. build.ps1 Test starts
# the emulator and s3rver once for the whole run; a file run on its own starts them itself
# (see Start-TestServersIfNeeded) and stops them in AfterAll.

$script:RepoRoot = (Resolve-Path "$PSScriptRoot/../..").Path
$script:ModulePath = if ($env:S3BATCH_MODULE_PATH) { $env:S3BATCH_MODULE_PATH } else { Join-Path $script:RepoRoot 'out/S3Batch/S3Batch.psd1' }
if (-not (Test-Path $script:ModulePath)) { throw "The module is not built at $script:ModulePath: run ./build.ps1 Build first." }
Import-Module $script:ModulePath -Force
Import-Module (Join-Path $script:RepoRoot 'tests/TestServers.psm1') -Force
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }

$script:TestAccountId = '123456789012'
$script:StartedServers = $null
if (-not $env:S3BATCH_TEST_ENDPOINT) {
    $script:StartedServers = Start-TestServers
} else {
    Set-TestEnvironment
}

function Stop-TestServersIfStarted {
    if ($script:StartedServers) { Stop-TestServers $script:StartedServers; $script:StartedServers = $null; Remove-Item Env:S3BATCH_TEST_ENDPOINT, Env:S3BATCH_TEST_S3_ENDPOINT -ErrorAction Ignore }
}

function Get-EmulatorRequests {
    # The signed requests the emulator received, oldest first; -Operation filters.
    param([string] $Operation)
    # Invoke-RestMethod writes a JSON array as one object: enumerate it.
    $all = @(Invoke-Emulator -Path 'requests' | ForEach-Object { $_ })
    if ($Operation) { $all | Where-Object operation -eq $Operation } else { $all }
}

function Get-EmulatorJobs { @(Invoke-Emulator -Path 'jobs' | ForEach-Object { $_ }) }

function Get-EmulatorJob {
    # The emulator's own record of one job (status, priority, tags), read without the module.
    param([Parameter(Mandatory)][string] $JobId)
    Get-EmulatorJobs | Where-Object jobId -eq $JobId
}

function Set-EmulatorFault {
    # Queues a fault: the next -Times calls of -Operation get -Kind (http500, slowDown, throttle, resetBefore,
    # resetAfter, delay with -DelayMs, truncate, or body with -Status and -Body).
    param([Parameter(Mandatory)][string] $Operation, [Parameter(Mandatory)][string] $Kind, [int] $Times = 1,
        [int] $DelayMs = 0, [int] $Status = 200, [string] $Body = '')
    $null = Invoke-Emulator -Path 'faults' -Method Post -Body @(@{ operation = $Operation; kind = $Kind; times = $Times; delayMs = $DelayMs; status = $Status; body = $Body })
}

function Set-EnvValue([string] $Name, $Value) {
    # Sets or restores an environment variable; $null removes it ([Environment]::SetEnvironmentVariable would get '' from PowerShell).
    if ($null -eq $Value) { Remove-Item "Env:$Name" -ErrorAction Ignore } else { Set-Item "Env:$Name" $Value }
}

function Get-WhatIfText {
    # What -WhatIf printed (it goes to the host, not to a stream): runs $Script under a transcript.
    param([Parameter(Mandatory)][scriptblock] $Script)
    $file = Join-Path ([IO.Path]::GetTempPath()) "s3batch-whatif-$([guid]::NewGuid().ToString('N')).txt"
    $null = Start-Transcript -Path $file
    try { $null = & $Script } finally { $null = Stop-Transcript }
    try { (Get-Content -Raw $file) -replace "`e\[[0-9;]*m", '' } finally { Remove-Item $file -ErrorAction Ignore }
}

function Reset-Emulator { $null = Invoke-Emulator -Path 'reset' -Method Post }

function Write-TestObject {
    # Puts an object on s3rver; returns its ETag without quotes.
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string] $Key, [string] $Content = 'x')
    $response = (New-TestS3Client).PutObjectAsync((New-PlainPutRequest $Bucket $Key $Content)).GetAwaiter().GetResult()
    $response.ETag.Trim('"')
}

function New-TestManifest {
    # A CSV manifest of $Keys in source/, uploaded to manifests/<Name>; returns New-S3BatchManifest's object.
    param([string] $Name = "m-$([guid]::NewGuid().ToString('N')).csv", [string[]] $Keys = @('a.txt', 'b.txt'))
    foreach ($k in $Keys) { $null = Write-TestObject -Bucket source -Key $k -Content "content of $k" }
    $csv = ($Keys | ForEach-Object { "source,$([uri]::EscapeDataString($_) -replace '%2F', '/')" }) -join "`n"
    $null = Write-TestObject -Bucket manifests -Key $Name -Content $csv
    New-S3BatchManifest -Bucket manifests -Key $Name
}
