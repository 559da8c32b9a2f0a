# Issue 7: faults on the wire. Every fault the emulator (S3 Control) and the fault proxy (S3) can
# inject, and what the module makes of it: retried without duplicates, or a clear error that says
# whether anything was done and, when the outcome is unknown, which token to re-run with.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1   # New-TestJob (a job whose manifest s3rver serves)
    $script:Manifest = New-S3BatchManifest -Bucket manifests -Key reliability/faults.csv -ETag 0123456789abcdef0123456789abcdef
    $script:Saved = @{}
    foreach ($name in 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE', 'S3BATCH_REQUEST_TIMEOUT', 'AWS_ENDPOINT_URL_S3') {
        $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    function New-Job {
        # One replication job (no S3 call needed); -Token sends an explicit ClientRequestToken.
        [CmdletBinding()]
        param([string] $Token, [string] $Description = 'reliability')
        $params = @{ Manifest = $script:Manifest; RoleArn = 'batch-ops'; NoReport = $true; Description = $Description; AccountId = $script:TestAccountId }
        if ($Token) { $params.ClientRequestToken = $Token }
        New-S3BatchReplicateOperation | New-S3BatchJob @params
    }

    function Get-CreateJobRequests { @(Get-EmulatorRequests -Operation CreateJob) }

    function Get-Token([string] $Body) { ([xml]$Body).CreateJobRequest.ClientRequestToken }
}
AfterAll {
    foreach ($name in $script:Saved.Keys) { Set-EnvValue $name $script:Saved[$name] }
    $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ clockOffsetSeconds = 0 }
    Stop-TestServersIfStarted
}

Describe 'Faults on S3 Control calls' {
    BeforeEach {
        Reset-Emulator
        foreach ($name in 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE', 'S3BATCH_REQUEST_TIMEOUT') { Remove-Item "Env:$name" -ErrorAction Ignore }
    }

    Context 'a fault on one attempt of CreateJob' {
        It 'retries after <Kind> and leaves exactly one job' -ForEach @(
            @{ Kind = 'http500'; Times = 2 }
            @{ Kind = 'slowDown'; Times = 2 }
            @{ Kind = 'throttle'; Times = 2 }
            @{ Kind = 'resetBefore'; Times = 1 }
            @{ Kind = 'resetAfter'; Times = 2 }
            @{ Kind = 'truncate'; Times = 1 }
        ) {
            Set-EmulatorFault -Operation CreateJob -Kind $Kind -Times $Times
            $job = New-Job -ErrorVariable failed
            $failed | Should -BeNullOrEmpty
            $job.JobId | Should -Not -BeNullOrEmpty
            $jobs = Get-EmulatorJobs
            $jobs.Count | Should -Be 1
            $jobs[0].jobId | Should -Be $job.JobId
            $requests = Get-CreateJobRequests
            $requests.Count | Should -Be ($Times + 1)
            # Every attempt sends the same token and the same body.
            @($requests.body | Select-Object -Unique).Count | Should -Be 1
            Get-Token $requests[0].body | Should -Be $job.ClientRequestToken
        }

        It 'retries an answer slower than the request timeout (S3BATCH_REQUEST_TIMEOUT) and leaves exactly one job' {
            $env:S3BATCH_REQUEST_TIMEOUT = '0.5'
            Set-EmulatorFault -Operation CreateJob -Kind delay -DelayMs 2000
            $started = [Diagnostics.Stopwatch]::StartNew()
            $job = New-Job -ErrorVariable failed
            $started.Elapsed.TotalSeconds | Should -BeLessThan 2
            $failed | Should -BeNullOrEmpty
            (Get-EmulatorJobs).Count | Should -Be 1
            (Get-CreateJobRequests).Count | Should -Be 2
            # Let the delayed request end before the next test resets the emulator.
            Start-Sleep -Milliseconds 1600
            (Get-EmulatorJobs).jobId | Should -Be $job.JobId
        }
    }

    Context 'a fault on every attempt of CreateJob' {
        It 'says that no job was created after <Kind> on all three attempts' -ForEach @(
            @{ Kind = 'throttle'; Code = 'TooManyRequestsException' }
            @{ Kind = 'slowDown'; Code = 'SlowDown' }
        ) {
            Set-EmulatorFault -Operation CreateJob -Kind $Kind -Times 3
            $job = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            $job | Should -BeNullOrEmpty
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike "NewS3BatchJob$Code,*"
            $failed[0].Exception.Message | Should -Match 'after 3 attempts'
            $failed[0].Exception.Message | Should -Match 'No job was created'
            (Get-CreateJobRequests).Count | Should -Be 3
            Get-EmulatorJobs | Should -BeNullOrEmpty
        }

        It 'names the token to re-run with after InternalError on every attempt' {
            Set-EmulatorFault -Operation CreateJob -Kind http500 -Times 3
            $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            $token = Get-Token (Get-CreateJobRequests)[0].body
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobInternalError,*'
            $failed[0].Exception.Message | Should -Match "-ClientRequestToken $token"
            $failed[0].Exception.ClientRequestToken | Should -Be $token
            Get-EmulatorJobs | Should -BeNullOrEmpty
        }

        It 'says the outcome is unknown, with the token, when the last attempt got no answer (<Kind>), and the re-run makes no second job' -ForEach @(
            @{ Kind = 'resetBefore'; Created = 0 }
            @{ Kind = 'resetAfter'; Created = 1 }
            @{ Kind = 'truncate'; Created = 1 }
        ) {
            Set-EmulatorFault -Operation CreateJob -Kind $Kind -Times 3
            $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobOutcomeUnknown,*'
            $failed[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $token = Get-Token (Get-CreateJobRequests)[0].body
            $failed[0].Exception.ClientRequestToken | Should -Be $token
            $failed[0].Exception.Message | Should -Match 'may or may not have been created'
            $failed[0].Exception.Message | Should -Match "-ClientRequestToken $token"
            @(Get-EmulatorJobs).Count | Should -Be $Created

            # The re-run the message asks for.
            $job = New-Job -Token $token
            $jobs = Get-EmulatorJobs
            $jobs.Count | Should -Be 1
            $jobs[0].jobId | Should -Be $job.JobId
            $jobs[0].clientRequestToken | Should -Be $token
        }

        It 'says the outcome is unknown when an attempt was lost and a later one was refused' {
            Set-EmulatorFault -Operation CreateJob -Kind resetAfter -Times 1
            Set-EmulatorFault -Operation CreateJob -Kind http500 -Times 2
            $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobOutcomeUnknown,*'
            $failed[0].Exception.Message | Should -Match 'an earlier attempt got no answer'
            (Get-EmulatorJobs).Count | Should -Be 1
        }
    }

    Context 'what is not retried' {
        It 'fails at once on a validation error from the service, and says no job was created' {
            Set-EmulatorFault -Operation CreateJob -Kind body -Status 400 -Body '<ErrorResponse><Error><Code>InvalidRequestException</Code><Message>Bad manifest.</Message></Error><RequestId>r1</RequestId></ErrorResponse>'
            $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobInvalidRequestException,*'
            $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failed[0].Exception.Message | Should -Match 'No job was created'
            (Get-CreateJobRequests).Count | Should -Be 1
        }

        It 'refuses the same token with another body (IdempotencyException) without retrying' {
            $token = [guid]::NewGuid().ToString()
            $first = New-Job -Token $token -Description one
            $null = New-Job -Token $token -Description two -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobIdempotencyException,*'
            (Get-CreateJobRequests).Count | Should -Be 2
            (Get-EmulatorJobs).jobId | Should -Be $first.JobId
        }

        It 'fails at once on a wrong signature' {
            $saved = $env:AWS_SECRET_ACCESS_KEY
            try {
                $env:AWS_SECRET_ACCESS_KEY = 'not-the-secret'
                $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            } finally { $env:AWS_SECRET_ACCESS_KEY = $saved }
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobSignatureDoesNotMatch,*'
            (Get-CreateJobRequests).Count | Should -Be 1
        }
    }

    Context 'AWS_MAX_ATTEMPTS and AWS_RETRY_MODE' {
        It 'makes <Expected> attempts with <Settings>' -ForEach @(
            @{ Settings = 'the defaults (standard)'; Env = @{}; Expected = 3 }
            @{ Settings = 'AWS_RETRY_MODE=legacy'; Env = @{ AWS_RETRY_MODE = 'legacy' }; Expected = 5 }
            @{ Settings = 'AWS_RETRY_MODE=adaptive'; Env = @{ AWS_RETRY_MODE = 'adaptive' }; Expected = 3 }
            @{ Settings = 'AWS_MAX_ATTEMPTS=1'; Env = @{ AWS_MAX_ATTEMPTS = '1' }; Expected = 1 }
            @{ Settings = 'AWS_MAX_ATTEMPTS=4 with legacy'; Env = @{ AWS_MAX_ATTEMPTS = '4'; AWS_RETRY_MODE = 'legacy' }; Expected = 4 }
        ) {
            foreach ($name in $Env.Keys) { Set-Item "Env:$name" $Env[$name] }
            Set-EmulatorFault -Operation DescribeJob -Kind http500 -Times 10
            $null = Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000000 -AccountId $script:TestAccountId -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'GetS3BatchJobInternalError,*'
            @(Get-EmulatorRequests -Operation DescribeJob).Count | Should -Be $Expected
        }

        It 'succeeds on the last of AWS_MAX_ATTEMPTS attempts' {
            $env:AWS_MAX_ATTEMPTS = '5'
            Set-EmulatorFault -Operation CreateJob -Kind slowDown -Times 4
            $job = New-Job
            $job.JobId | Should -Not -BeNullOrEmpty
            (Get-CreateJobRequests).Count | Should -Be 5
            (Get-EmulatorJobs).Count | Should -Be 1
        }

        It 'takes max_attempts and retry_mode from the profile, after the environment variables' {
            $config = $env:AWS_CONFIG_FILE
            try {
                Set-Content -Path $config -Value "[default]`nretry_mode = adaptive`nmax_attempts = 2"
                foreach ($case in @(@{ Env = $null; Expected = 2 }, @{ Env = '4'; Expected = 4 })) {
                    Reset-Emulator
                    if ($case.Env) { $env:AWS_MAX_ATTEMPTS = $case.Env } else { Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction Ignore }
                    Set-EmulatorFault -Operation DescribeJob -Kind http500 -Times 10
                    $null = Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000000 -AccountId $script:TestAccountId -ErrorVariable failed -ErrorAction SilentlyContinue
                    $failed[0].FullyQualifiedErrorId | Should -BeLike 'GetS3BatchJobInternalError,*'
                    @(Get-EmulatorRequests -Operation DescribeJob).Count | Should -Be $case.Expected -Because "AWS_MAX_ATTEMPTS=$($case.Env)"
                }
            } finally {
                Set-Content -Path $config -Value ''
            }
        }

        It 'refuses a retry mode it does not know, before sending anything' {
            $env:AWS_RETRY_MODE = 'sometimes'
            $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].Exception.Message | Should -Match 'AWS_RETRY_MODE'
            Get-CreateJobRequests | Should -BeNullOrEmpty
        }
    }

    Context 'status changes' {
        It 'counts a retried <Command> whose first answer was lost as done' -ForEach @(
            @{ Command = 'Start-S3BatchJob'; Status = 'Ready' }
            @{ Command = 'Stop-S3BatchJob'; Status = 'Cancelled' }
        ) {
            $job = New-TestJob -ConfirmationRequired
            Wait-Until -TimeoutSeconds 10 -What 'Suspended' -Condition { (Get-EmulatorJobs | Where-Object jobId -eq $job.JobId).status -eq 'Suspended' }
            Set-EmulatorFault -Operation UpdateJobStatus -Kind resetAfter -Times 1
            $params = @{ ErrorVariable = 'failed'; PassThru = $true }
            if ($Command -eq 'Stop-S3BatchJob') { $params.Force = $true }
            $result = $job | & $Command @params
            $failed | Should -BeNullOrEmpty
            $result.JobId | Should -Be $job.JobId
            @(Get-EmulatorRequests -Operation UpdateJobStatus).Count | Should -Be 2
            Wait-Until -TimeoutSeconds 10 -What $Status -Condition { (Get-EmulatorJobs | Where-Object jobId -eq $job.JobId).status -in @($Status, 'Active', 'Completing', 'Complete', 'Cancelling', 'Cancelled') }
        }
    }

    Context 'clock skew' {
        It 'corrects a clock 20 minutes off from the Date header and retries once' {
            $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ clockOffsetSeconds = 1200 }
            try {
                $job = New-Job -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [S3Batch.Model.S3BatchJob] }
            } finally {
                $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ clockOffsetSeconds = 0 }
            }
            # The learned skew is kept per endpoint: the next call, now 20 minutes off the other way, corrects it back.
            $null = Get-S3BatchJob -JobId $job.JobId -AccountId $script:TestAccountId
            @(Get-EmulatorRequests -Operation DescribeJob).Count | Should -Be 2
            $job.JobId | Should -Not -BeNullOrEmpty
            ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'clock differs'
            $requests = Get-CreateJobRequests
            $requests.Count | Should -Be 2
            $dates = $requests | ForEach-Object { [datetime]::ParseExact($_.headers.'X-Amz-Date', "yyyyMMdd'T'HHmmss'Z'", $null) }
            ($dates[1] - $dates[0]).TotalMinutes | Should -BeGreaterThan 15
            (Get-EmulatorJobs | Where-Object clientRequestToken -eq $job.ClientRequestToken).Count | Should -Be 1
        }
    }
}

Describe 'Hostile answers from S3 Control' {
    BeforeEach { Reset-Emulator }

    It 'refuses an answer with a DTD and an entity, without expanding it or reading a file' {
        $body = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/hostname"><!ENTITY a "aaaaaaaaaa">]><DescribeJobResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><Job><JobId>&secret;&a;</JobId></Job></DescribeJobResult>'
        Set-EmulatorFault -Operation DescribeJob -Kind body -Body $body
        $job = Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000001 -AccountId $script:TestAccountId -ErrorVariable failed -ErrorAction SilentlyContinue
        $job | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GetS3BatchJobInvalidResponse,*'
        $failed[0].Exception.Message | Should -Match 'DTD'
        $failed[0].Exception.Message | Should -Not -Match 'aaaaaaaaaa'
        if (Test-Path /etc/hostname) { $failed[0].Exception.Message | Should -Not -Match ([regex]::Escape((Get-Content /etc/hostname -Raw).Trim())) }
        @(Get-EmulatorRequests -Operation DescribeJob).Count | Should -Be 1
    }

    It 'reads an error answer with a DTD only by its status' {
        Set-EmulatorFault -Operation DescribeJob -Kind body -Status 404 -Body '<!DOCTYPE e [<!ENTITY x "expanded">]><ErrorResponse><Error><Code>&x;</Code></Error></ErrorResponse>'
        $null = Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000001 -AccountId $script:TestAccountId -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GetS3BatchJobHttp404,*'
        $failed[0].Exception.Message | Should -Match 'DTD'
        $failed[0].Exception.Message | Should -Not -Match 'expanded'
    }

    It 'gives a clear error for a malformed answer' {
        Set-EmulatorFault -Operation DescribeJob -Kind body -Body '<DescribeJobResult><Job><JobId>x</Job>'
        $null = Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000001 -AccountId $script:TestAccountId -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GetS3BatchJobInvalidResponse,*'
        $failed[0].Exception.Message | Should -Match 'not valid XML'
    }

    It 'names the token when CreateJob succeeded but its answer cannot be read' {
        Set-EmulatorFault -Operation CreateJob -Kind body -Body '<CreateJobResult><JobId>'
        $null = New-Job -ErrorVariable failed -ErrorAction SilentlyContinue
        $token = Get-Token (Get-CreateJobRequests)[0].body
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'NewS3BatchJobInvalidResponse,*'
        $failed[0].Exception.Message | Should -Match "-ClientRequestToken $token"
    }

    It 'ignores elements it does not know (the service adds fields)' {
        $id = '11111111-2222-3333-4444-555555555555'
        $body = "<?xml version=`"1.0`" encoding=`"UTF-8`"?><DescribeJobResult xmlns=`"http://awss3control.amazonaws.com/doc/2018-08-20/`"><NewTopLevel>1</NewTopLevel><Job><JobId>$id</JobId><FutureField><Nested>x</Nested></FutureField><Status>Active</Status><Priority>7</Priority><ProgressSummary><TotalNumberOfTasks>4</TotalNumberOfTasks><NewCounter>9</NewCounter></ProgressSummary></Job></DescribeJobResult>"
        Set-EmulatorFault -Operation DescribeJob -Kind body -Body $body
        $job = Get-S3BatchJob -JobId $id -AccountId $script:TestAccountId
        $job.JobId | Should -Be $id
        $job.Status | Should -Be 'Active'
        $job.Priority | Should -Be 7
    }
}

Describe 'Faults on S3 calls (through the fault proxy)' {
    BeforeAll {
        $script:Proxy = Start-FaultProxy -Target $env:S3BATCH_TEST_S3_ENDPOINT
        $null = Write-TestObject -Bucket manifests -Key reliability/proxied.csv -Content "source,a.txt`n"
    }
    AfterAll {
        if ($script:Proxy) { Stop-FaultProxy $script:Proxy }
    }
    BeforeEach {
        $null = Invoke-FaultProxy $script:Proxy -Path reset -Method Post
        foreach ($name in 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE', 'S3BATCH_REQUEST_TIMEOUT') { Remove-Item "Env:$name" -ErrorAction Ignore }
    }

    It 'retries HeadObject after <Kind> (New-S3BatchManifest)' -ForEach @(
        @{ Kind = 'http500' }
        @{ Kind = 'slowDown' }
        @{ Kind = 'resetBefore' }
    ) {
        $null = Invoke-FaultProxy $script:Proxy -Path faults -Method Post -Body @{ operation = 'HeadObject'; kind = $Kind; times = 1 }
        $manifest = New-S3BatchManifest -Bucket manifests -Key reliability/proxied.csv -S3EndpointUrl $script:Proxy.Url
        $manifest.Location.ETag | Should -Match '^[0-9a-f]{32}$'
        $heads = @(Invoke-FaultProxy $script:Proxy -Path requests | ForEach-Object { $_ } | Where-Object operation -eq HeadObject)
        $heads.Count | Should -Be 2
    }

    It 'retries a HeadObject slower than S3BATCH_REQUEST_TIMEOUT' {
        $env:S3BATCH_REQUEST_TIMEOUT = '1'
        $null = Invoke-FaultProxy $script:Proxy -Path faults -Method Post -Body @{ operation = 'HeadObject'; kind = 'delay'; delayMs = 3000; times = 1 }
        $started = [Diagnostics.Stopwatch]::StartNew()
        $manifest = New-S3BatchManifest -Bucket manifests -Key reliability/proxied.csv -S3EndpointUrl $script:Proxy.Url
        $started.Elapsed.TotalSeconds | Should -BeLessThan 3
        $manifest.Location.ETag | Should -Not -BeNullOrEmpty
    }

    It 'fails at once on a 403 from S3' {
        $null = Invoke-FaultProxy $script:Proxy -Path faults -Method Post -Body @{ operation = 'HeadObject'; kind = 'body'; status = 403; times = 5 }
        $null = New-S3BatchManifest -Bucket manifests -Key reliability/proxied.csv -S3EndpointUrl $script:Proxy.Url -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -Not -BeNullOrEmpty
        @(Invoke-FaultProxy $script:Proxy -Path requests | ForEach-Object { $_ } | Where-Object operation -eq HeadObject).Count | Should -Be 1
    }

    It 'gives up after AWS_MAX_ATTEMPTS on S3 too' {
        $env:AWS_MAX_ATTEMPTS = '2'
        $null = Invoke-FaultProxy $script:Proxy -Path faults -Method Post -Body @{ operation = 'HeadObject'; kind = 'http500'; times = 5 }
        $null = New-S3BatchManifest -Bucket manifests -Key reliability/proxied.csv -S3EndpointUrl $script:Proxy.Url -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -Not -BeNullOrEmpty
        @(Invoke-FaultProxy $script:Proxy -Path requests | ForEach-Object { $_ } | Where-Object operation -eq HeadObject).Count | Should -Be 2
    }
}
