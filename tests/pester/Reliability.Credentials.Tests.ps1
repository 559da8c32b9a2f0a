# Issue 7: credentials that change. A profile whose credential_process hands out short-lived keys
# (each registered with the emulator, which refuses it with ExpiredToken 4 seconds later): one
# Wait-S3BatchJob of about ten seconds keeps working because the module asks the credentials
# object before every request, and AWSSDK.Core runs the process again when the keys are due
# (a minute before their Expiration; the process says 62 seconds, so after about 2).
# The clock-skew half of the issue's item 4 is in Reliability.Faults.Tests.ps1.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1   # New-TestJob
    $script:Saved = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE') {
        $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "s3batch-credproc-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Dir | Out-Null
}
AfterAll {
    foreach ($name in $script:Saved.Keys) { Set-EnvValue $name $script:Saved[$name] }
    Get-Job -ErrorAction Ignore | Where-Object Name -eq 's3batch-resume' | Remove-Job -Force
    Remove-Item $script:Dir -Recurse -Force -ErrorAction Ignore
    Stop-TestServersIfStarted
}

Describe 'Temporary credentials from credential_process during a long Wait-S3BatchJob' -Skip:($IsWindows) {
    It 'refreshes the keys from their source while waiting, and each key is refused once it expired' {
        Reset-Emulator
        $job = New-TestJob
        Wait-Until -TimeoutSeconds 10 -What 'Active' -Condition { (Get-EmulatorJob $job.JobId).status -eq 'Active' }
        $null = Invoke-Emulator -Path "jobs/$($job.JobId)/pause" -Method Post

        # The credential_process: registers fresh keys (valid 4 s at the emulator), prints them with
        # an Expiration 62 s ahead, and logs each run.
        $script = Join-Path $script:Dir 'creds.sh'
        $runs = Join-Path $script:Dir 'runs.log'
        Set-Content -Path $script -Value @"
#!/bin/sh
n=`$(( `$(wc -l < '$runs' 2>/dev/null || echo 0) + 1 ))
ak="ASIAPROC`$(date +%s)N`$n"
sk="procsecret-`$n-`$`$"
tok="proctoken-`$n-`$`$"
curl -sf -X POST '$($env:S3BATCH_TEST_ENDPOINT)/_emulator/credentials' -H 'Content-Type: application/json' \
  -d "{\"accessKey\":\"`$ak\",\"secretKey\":\"`$sk\",\"sessionToken\":\"`$tok\",\"accountId\":\"123456789012\",\"expiresInSeconds\":4}" > /dev/null || exit 1
echo "`$ak `$sk `$tok" >> '$runs'
exp=`$(date -u -d "@`$(( `$(date +%s) + 62 ))" +%Y-%m-%dT%H:%M:%SZ)
printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "%s", "Expiration": "%s"}' "`$ak" "`$sk" "`$tok" "`$exp"
"@
        & chmod +x $script
        $credentials = Join-Path $script:Dir 'credentials'
        Set-Content -Path $credentials -Value "[proc]`ncredential_process = $script`n"
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN -ErrorAction Ignore
        $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
        $env:AWS_PROFILE = 'proc'

        # Resume the job 9 seconds from now, while Wait-S3BatchJob polls (0.5 s, growing by 1.5).
        $resume = "$($env:S3BATCH_TEST_ENDPOINT)/_emulator/jobs/$($job.JobId)/resume"
        $null = Start-ThreadJob -Name 's3batch-resume' -ScriptBlock { Start-Sleep -Seconds 9; Invoke-RestMethod -Method Post -Uri $using:resume }
        $before = @(Get-EmulatorRequests -Operation DescribeJob).Count
        $started = [Diagnostics.Stopwatch]::StartNew()
        $done = $job | Wait-S3BatchJob -PollInterval 0.5 -Timeout 40 -ErrorVariable failed -WarningAction SilentlyContinue
        $elapsed = $started.Elapsed
        foreach ($name in 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY') { Set-EnvValue $name $script:Saved[$name] }
        Get-Job -Name 's3batch-resume' | Wait-Job -Timeout 15 | Remove-Job -Force

        $failed | Should -BeNullOrEmpty
        $done.Status | Should -Be 'Complete'
        $elapsed.TotalSeconds | Should -BeGreaterThan 8

        # The process ran again and again during the one wait, and its new keys signed the polls.
        $issued = @(Get-Content $runs | ForEach-Object { ($_ -split ' ')[0] })
        $issued.Count | Should -BeGreaterOrEqual 3
        $polls = @(Get-EmulatorRequests -Operation DescribeJob | Select-Object -Skip $before)
        $used = @($polls | ForEach-Object { if ($_.headers.Authorization -match 'Credential=(ASIAPROC\w+)/') { $Matches[1] } } | Select-Object -Unique)
        $used.Count | Should -BeGreaterOrEqual 3
        $used | ForEach-Object { $_ | Should -BeIn $issued }
        # Every poll carried the session token of its key.
        $polls | ForEach-Object { $_.headers.'X-Amz-Security-Token' | Should -Match '^proctoken-' }

        # And the first key, used now, is refused: without the refreshes the wait would have failed.
        $first = (Get-Content $runs | Select-Object -First 1) -split ' '
        $null = Get-S3BatchJob -JobId $job.JobId -AccountId 123456789012 -AccessKey $first[0] -SecretKey $first[1] -SessionToken $first[2] -ErrorVariable expired -ErrorAction SilentlyContinue
        $expired[0].FullyQualifiedErrorId | Should -BeLike 'GetS3BatchJobExpiredToken,*'
    }
}
