# Runs every example of every help page (docs/en-US) against the emulator and s3rver, so that the
# help never shows an example that does not work. Examples that use AWS.Tools cmdlets run against
# the small stand-ins below (AWS.Tools is not available here); the pages say which cmdlets those are.
BeforeDiscovery {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    $script:Examples = @(& "$root/tools/Get-HelpExample.ps1" -SourcePath "$root/docs/en-US" |
            Group-Object Path, Example | ForEach-Object {
                $first = $_.Group[0]
                @{ Command = $first.Command; Title = $first.Title; Code = ($_.Group.Code -join "`n") }
            })
}

BeforeAll {
    . $PSScriptRoot/common.ps1

    # Stand-ins for the AWS.Tools cmdlets that examples use, with the same names and the
    # parameters the examples pass. They talk to s3rver or set the session variables as AWS.Tools does.
    $script:StandIns = @'
function Get-S3Object {
    param([Parameter(Mandatory)][string] $BucketName, [string] $KeyPrefix, [string] $Prefix)
    $s3 = New-TestS3Client
    $request = [Amazon.S3.Model.ListObjectsV2Request]::new()
    $request.BucketName = $BucketName
    $request.Prefix = if ($KeyPrefix) { $KeyPrefix } else { $Prefix }
    do {
        $page = $s3.ListObjectsV2Async($request).GetAwaiter().GetResult()
        foreach ($o in $page.S3Objects) { [pscustomobject]@{ BucketName = $o.BucketName; Key = $o.Key; Size = $o.Size; ETag = $o.ETag } }
        $request.ContinuationToken = $page.NextContinuationToken
    } while ($page.IsTruncated)
}
function Write-S3Object {
    param([Parameter(Mandatory)][string] $BucketName, [Parameter(Mandatory)][string] $Key, [string] $Content = '', [string] $File)
    if ($File) { $Content = Get-Content -Raw $File }
    $null = Write-TestObject -Bucket $BucketName -Key $Key -Content $Content
}
function Set-AWSCredential {
    param([string] $AccessKey, [string] $SecretKey, [string] $SessionToken, [string] $ProfileName)
    # AWS.Tools keeps a wrapper object with a Credentials property in $StoredAWSCredentials.
    $credentials = if ($AccessKey) { [Amazon.Runtime.BasicAWSCredentials]::new($AccessKey, $SecretKey) } else { [Amazon.Runtime.BasicAWSCredentials]::new($env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY) }
    $global:StoredAWSCredentials = [pscustomobject]@{ Credentials = $credentials; Name = $ProfileName }
}
function Set-DefaultAWSRegion {
    param([Parameter(Mandatory, Position = 0)][string] $Region)
    $global:StoredAWSRegion = $Region
}
'@
}
AfterAll { Stop-TestServersIfStarted }

Describe 'Help examples: <Command>, <Title>' -ForEach $script:Examples {
    It 'runs without errors within 60 seconds' {
        $workDir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $workDir | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$script:ModulePath'; Import-Module '$script:RepoRoot/tests/TestServers.psm1'; . '$script:RepoRoot/tests/pester/common.ps1'; Set-Location '$workDir'; `$ProgressPreference = 'SilentlyContinue'").AddStatement()
            $null = $ps.AddScript($script:StandIns).AddStatement()
            $null = $ps.AddScript($Code)
            $async = $ps.BeginInvoke()
            $finished = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
            if (-not $finished) { $ps.Stop() }
            $finished | Should -BeTrue -Because 'an example must finish within 60 seconds'
            $output = $ps.EndInvoke($async)
            $errors = @($ps.Streams.Error | ForEach-Object { "$_" })
            $errors | Should -BeNullOrEmpty -Because "the example's code is:`n$Code"
        } finally {
            $ps.Dispose()
            Remove-Variable StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction Ignore
        }
    }
}
