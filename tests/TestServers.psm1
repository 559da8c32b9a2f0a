# Starts and stops the local servers the tests and the demo use: s3rver (a real S3-compatible
# server from npm) and the project's S3 Control emulator, both on 127.0.0.1 and free ports.
# Start-TestServers also sets the environment the module reads, so that nothing on the machine
# (real credentials, instance metadata) leaks in.

$script:Root = Split-Path $PSScriptRoot -Parent

# The test identity: s3rver checks signatures with its fixed keys S3RVER/S3RVER, so the emulator
# is given the same pair (for account 123456789012) and one identity serves both servers.
$script:TestAccessKey = 'S3RVER'
$script:TestSecretKey = 'S3RVER'
$script:TestAccountId = '123456789012'
$script:TestBuckets = @('manifests', 'source', 'archive', 'reports', 'lists', 'inventory-bucket', 'archive-bucket', 'report-bucket')

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-Until {
    param([scriptblock] $Condition, [int] $TimeoutSeconds = 30, [string] $What)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) { return }
        Start-Sleep -Milliseconds 100
    }
    throw "Timed out after $TimeoutSeconds s waiting for $What."
}

function Start-TestServers {
    <#
    .SYNOPSIS
        Starts s3rver and the emulator; returns an object for Stop-TestServers and sets $env:S3BATCH_TEST_*.
    #>
    [CmdletBinding()]
    param([int] $StepMilliseconds = 100)

    $dataDir = Join-Path ([IO.Path]::GetTempPath()) "s3batch-s3rver-$([Guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $dataDir | Out-Null
    $s3Port = Get-FreePort
    $s3rver = Join-Path $script:Root 'tests/s3/node_modules/s3rver/bin/s3rver.js'
    # s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 20) has only in its legacy provider.
    $s3Args = @('--openssl-legacy-provider', $s3rver, '-d', $dataDir, '-a', '127.0.0.1', '-p', $s3Port, '--silent')
    foreach ($bucket in $script:TestBuckets) { $s3Args += @('--configure-bucket', $bucket) }
    $s3Log = Join-Path $dataDir 's3rver.log'
    $s3Process = Start-Process -FilePath 'node' -ArgumentList $s3Args -PassThru -RedirectStandardOutput $s3Log -RedirectStandardError "$s3Log.err"
    $s3Url = "http://127.0.0.1:$s3Port"

    $emulatorDll = if ($env:S3BATCH_EMULATOR_DLL) { $env:S3BATCH_EMULATOR_DLL } else { Join-Path $script:Root 'tests/S3ControlEmulator/bin/Release/net10.0/S3ControlEmulator.dll' }
    if (-not (Test-Path $emulatorDll)) { throw "The emulator is not built: $emulatorDll. Run ./build.ps1 Test." }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($emulatorDll, '--port', '0', '--s3-endpoint', $s3Url, '--step-ms', $StepMilliseconds, '--parent-pid', $PID,
            '--credential', "$($script:TestAccessKey):$($script:TestSecretKey):$($script:TestAccountId)")) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $emulator = [System.Diagnostics.Process]::Start($start)
    $readLine = $emulator.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds(30)) -or $readLine.Result -notmatch '^Listening on (http://127\.0\.0\.1:\d+)') {
        $emulator.Kill($true)
        $s3Process.Kill()
        throw "The emulator did not start: $($readLine.Result) $($emulator.StandardError.ReadToEnd())"
    }
    $controlUrl = $Matches[1]
    # Keep reading its output so that the pipe never fills up.
    $emulator.BeginErrorReadLine()
    $null = $emulator.StandardOutput.ReadToEndAsync()

    Wait-Until -What "s3rver on $s3Url" -Condition {
        try { $null = Invoke-WebRequest -Uri "$s3Url/" -Method Get -TimeoutSec 2 -SkipHttpErrorCheck; $true } catch { $false }
    }

    $env:S3BATCH_TEST_ENDPOINT = $controlUrl
    $env:S3BATCH_TEST_S3_ENDPOINT = $s3Url
    Set-TestEnvironment
    [pscustomobject]@{ S3Process = $s3Process; Emulator = $emulator; DataDir = $dataDir; EndpointUrl = $controlUrl; S3EndpointUrl = $s3Url }
}

function Set-TestEnvironment {
    <#
    .SYNOPSIS
        Points the AWS environment at the local servers and the test identity, with no files of the machine's own.
    #>
    # One folder per test process, so that two runs at once do not write over each other's files.
    $awsDir = Join-Path ([IO.Path]::GetTempPath()) "s3batch-test-aws-$PID"
    New-Item -ItemType Directory -Path $awsDir -Force | Out-Null
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $awsDir 'credentials'
    $env:AWS_CONFIG_FILE = Join-Path $awsDir 'config'
    Set-Content -Path $env:AWS_SHARED_CREDENTIALS_FILE -Value ''
    Set-Content -Path $env:AWS_CONFIG_FILE -Value ''
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $env:AWS_ACCESS_KEY_ID = $script:TestAccessKey
    $env:AWS_SECRET_ACCESS_KEY = $script:TestSecretKey
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_DEFAULT_REGION -ErrorAction Ignore
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_ENDPOINT_URL_S3_CONTROL = $env:S3BATCH_TEST_ENDPOINT
    $env:AWS_ENDPOINT_URL_STS = $env:S3BATCH_TEST_ENDPOINT
    $env:AWS_ENDPOINT_URL_S3 = $env:S3BATCH_TEST_S3_ENDPOINT
    $env:S3BATCH_RETRY_BASE_DELAY_MS = '10'
}

function Stop-TestServers {
    param([Parameter(Mandatory)] $Servers)
    foreach ($p in @($Servers.Emulator, $Servers.S3Process)) {
        if ($p -and -not $p.HasExited) {
            try { $p.Kill($true) } catch { }
            $null = $p.WaitForExit(5000)
        }
    }
    Remove-Item $Servers.DataDir -Recurse -Force -ErrorAction Ignore
}

function New-TestS3Client {
    <#
    .SYNOPSIS
        An AWSSDK.S3 client for s3rver (keys S3RVER/S3RVER), for tests to put and read objects.
        Load the module first, so that AWSSDK.S3 is loaded from its folder.
    #>
    $module = Get-Module S3Batch
    if (-not $module) { throw 'Import the S3Batch module first.' }
    if (-not ('Amazon.S3.AmazonS3Config' -as [type])) { Add-Type -Path (Join-Path $module.ModuleBase 'AWSSDK.S3.dll') }
    $config = [Amazon.S3.AmazonS3Config]::new()
    $config.ServiceURL = $env:S3BATCH_TEST_S3_ENDPOINT
    $config.ForcePathStyle = $true
    $config.AuthenticationRegion = 'us-east-1'
    [Amazon.S3.AmazonS3Client]::new([Amazon.Runtime.BasicAWSCredentials]::new('S3RVER', 'S3RVER'), $config)
}

function New-PlainPutRequest {
    <#
    .SYNOPSIS
        A PutObject of text (-Content) or of a file (-FilePath) with a plain body: s3rver stores
        aws-chunked framing as sent. Send it with New-TestS3Client.
    #>
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string] $Key, [string] $Content, [string] $FilePath)
    $request = [Amazon.S3.Model.PutObjectRequest]::new()
    $request.BucketName = $Bucket
    $request.Key = $Key
    if ($FilePath) { $request.FilePath = $FilePath } else { $request.ContentBody = $Content }
    $request.UseChunkEncoding = $false
    $request
}

function Invoke-Emulator {
    <#
    .SYNOPSIS
        Calls the emulator's control API (/_emulator/...), for tests.
    #>
    param([Parameter(Mandatory)][string] $Path, [string] $Method = 'Get', $Body)
    $uri = "$env:S3BATCH_TEST_ENDPOINT/_emulator/$Path"
    if ($PSBoundParameters.ContainsKey('Body')) {
        Invoke-RestMethod -Uri $uri -Method $Method -Body (ConvertTo-Json -InputObject $Body -Depth 10) -ContentType 'application/json'
    } else {
        Invoke-RestMethod -Uri $uri -Method $Method
    }
}

function Start-FaultProxy {
    <#
    .SYNOPSIS
        Starts tests/FaultProxy (a fault-injecting proxy) in front of -Target (s3rver); returns an
        object with Url (the proxy's S3 endpoint) and Process, for Invoke-FaultProxy and Stop-FaultProxy.
    #>
    param([Parameter(Mandatory)][string] $Target)
    $start = [System.Diagnostics.ProcessStartInfo]::new('node')
    foreach ($a in @((Join-Path $script:Root 'tests/FaultProxy/proxy.js'), '--target', $Target, '--port', '0', '--parent-pid', $PID)) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds(15)) -or $readLine.Result -notmatch '^Listening on (http://127\.0\.0\.1:\d+)') {
        try { $process.Kill($true) } catch { }
        throw "The fault proxy did not start: $($readLine.Result) $($process.StandardError.ReadToEnd())"
    }
    $url = $Matches[1]
    $process.BeginErrorReadLine()
    $null = $process.StandardOutput.ReadToEndAsync()
    [pscustomobject]@{ Url = $url; Process = $process; Target = $Target }
}

function Stop-FaultProxy {
    param([Parameter(Mandatory)] $Proxy)
    if ($Proxy.Process -and -not $Proxy.Process.HasExited) {
        try { $Proxy.Process.Kill($true) } catch { }
        $null = $Proxy.Process.WaitForExit(5000)
    }
}

function Invoke-FaultProxy {
    <#
    .SYNOPSIS
        Calls the fault proxy's control API (/_proxy/...): faults, requests, reset.
    #>
    param([Parameter(Mandatory)] $Proxy, [Parameter(Mandatory)][string] $Path, [string] $Method = 'Get', $Body)
    $uri = "$($Proxy.Url)/_proxy/$Path"
    if ($PSBoundParameters.ContainsKey('Body')) {
        Invoke-RestMethod -Uri $uri -Method $Method -Body (ConvertTo-Json -InputObject $Body -Depth 10) -ContentType 'application/json'
    } else {
        Invoke-RestMethod -Uri $uri -Method $Method
    }
}

Export-ModuleMember -Function Start-TestServers, Stop-TestServers, Set-TestEnvironment, New-TestS3Client, New-PlainPutRequest, Invoke-Emulator, Wait-Until, Get-FreePort, Start-FaultProxy, Stop-FaultProxy, Invoke-FaultProxy
