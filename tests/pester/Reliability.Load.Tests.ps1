# Issue 7: load. 200 New-S3BatchJob calls from 16 runspaces at once, with faults among them: every
# call succeeds, the jobs are 200 distinct ones and none is lost or made twice. The state the
# runspaces share (the account id cache, credentials, the one HttpClient, the learned clock skew)
# is exercised from all of them at once.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:SavedAttempts = $env:AWS_MAX_ATTEMPTS
}
AfterAll {
    Set-EnvValue AWS_MAX_ATTEMPTS $script:SavedAttempts
    $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ stepMs = 100 }
    Stop-TestServersIfStarted
}

Describe 'New-S3BatchJob under load' {
    It 'creates 200 distinct jobs from ForEach-Object -Parallel -ThrottleLimit 16, none lost, with faults among them' {
        Reset-Emulator
        # The jobs stay in New: the emulator does not run 200 jobs against s3rver meanwhile.
        $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ stepMs = 600000 }
        # Lost answers and throttling among the calls: each is retried with the same token. With
        # 8 attempts, one call would have to meet 8 of the 20 faults in a row to fail.
        $null = Invoke-Emulator -Path 'faults' -Method Post -Body @(
            @{ operation = 'CreateJob'; kind = 'resetAfter'; times = 6 }
            @{ operation = 'CreateJob'; kind = 'throttle'; times = 6 }
            @{ operation = 'CreateJob'; kind = 'resetBefore'; times = 4 }
            @{ operation = 'CreateJob'; kind = 'http500'; times = 4 }
        )
        $env:AWS_MAX_ATTEMPTS = '8'
        $modulePath = $script:ModulePath
        $started = [Diagnostics.Stopwatch]::StartNew()
        $results = 1..200 | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:modulePath
            try {
                $manifest = New-S3BatchManifest -Bucket manifests -Key "load/$_.csv" -ETag 0123456789abcdef0123456789abcdef
                $job = New-S3BatchReplicateOperation |
                    New-S3BatchJob -Manifest $manifest -RoleArn batch-ops -NoReport -Description "load $_" -ErrorAction Stop
                [pscustomobject]@{ N = $_; JobId = $job.JobId; Token = $job.ClientRequestToken; AccountId = $job.AccountId; Error = $null }
            } catch {
                [pscustomobject]@{ N = $_; JobId = $null; Token = $null; AccountId = $null; Error = "$_" }
            }
        }
        $elapsed = $started.Elapsed
        Set-EnvValue AWS_MAX_ATTEMPTS $script:SavedAttempts

        $failures = @($results | Where-Object Error)
        $failures | ForEach-Object { Write-Host "call $($_.N) failed: $($_.Error)" }
        $failures.Count | Should -Be 0
        $results.Count | Should -Be 200
        @($results.JobId | Select-Object -Unique).Count | Should -Be 200
        @($results.Token | Select-Object -Unique).Count | Should -Be 200
        @($results.AccountId | Select-Object -Unique) | Should -Be @('123456789012')

        $jobs = Get-EmulatorJobs
        $jobs.Count | Should -Be 200
        @($jobs.jobId | Sort-Object) | Should -Be @($results.JobId | Sort-Object)
        @($jobs.clientRequestToken | Sort-Object) | Should -Be @($results.Token | Sort-Object)

        # Every fault was met, and each was retried.
        @(Invoke-Emulator -Path 'faults' | ForEach-Object { $_ }).Count | Should -Be 0
        @(Get-EmulatorRequests -Operation CreateJob).Count | Should -Be 220
        # The account was looked up at most once, however many runspaces asked at once.
        @(Get-EmulatorRequests -Operation GetCallerIdentity).Count | Should -BeLessOrEqual 1
        Write-Host "200 jobs from 16 runspaces in $([int]$elapsed.TotalMilliseconds) ms"
        $elapsed.TotalSeconds | Should -BeLessThan 60
    }
}
