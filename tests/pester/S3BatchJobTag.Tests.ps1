BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1
}

AfterAll { Stop-TestServersIfStarted }

Describe 'Get-S3BatchJobTag' {
    It 'outputs the job''s tags as Key and Value' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ team = 'storage'; cost = 'c-1' }
        $tags = Get-S3BatchJobTag -JobId $job.JobId
        $tags | Should -BeOfType ([S3Batch.Model.S3Tag])
        ($tags | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) | Should -Be @('cost=c-1', 'team=storage')
        (Get-EmulatorRequests -Operation GetJobTagging)[-1].path | Should -Be "/v20180820/jobs/$($job.JobId)/tagging"
    }

    It 'outputs nothing for a job without tags, and takes jobs from the pipeline' {
        $job = New-TestJob -ConfirmationRequired
        $job | Get-S3BatchJobTag | Should -BeNullOrEmpty
    }

    It 'reports an unknown job with AWS''s code' {
        { Get-S3BatchJobTag -JobId 00000000-0000-0000-0000-000000000000 -ErrorAction Stop } |
            Should -Throw -ErrorId 'GetS3BatchJobTagNotFoundException,S3Batch.Cmdlets.GetS3BatchJobTagCommand'
    }
}

Describe 'Set-S3BatchJobTag' {
    It 'replaces the whole tag set, sent sorted by key' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ old = 'gone' }
        Set-S3BatchJobTag -JobId $job.JobId -Tag @{ b = '2'; a = '1' } | Should -BeNullOrEmpty
        $request = @(Get-EmulatorRequests -Operation PutJobTagging)[-1]
        $request.method | Should -Be 'PUT'
        $request.body | Should -Match '<Key>a</Key><Value>1</Value></member><member><Key>b</Key><Value>2</Value>'
        ((Get-EmulatorJob $job.JobId).tags | ForEach-Object { "$($_.key)=$($_.value)" }) | Should -Be @('a=1', 'b=2')
    }

    It 'outputs the job with -PassThru' {
        $job = New-TestJob -ConfirmationRequired
        $out = $job | Set-S3BatchJobTag -Tag @{ x = 'y' } -PassThru
        $out.JobId | Should -Be $job.JobId
        $out | Should -BeOfType ([S3Batch.Model.S3BatchJob])
    }

    It 'refuses more than 50 tags before sending' {
        $job = New-TestJob -ConfirmationRequired
        $many = @{}; 1..51 | ForEach-Object { $many["k$_"] = 'v' }
        $before = @(Get-EmulatorRequests -Operation PutJobTagging).Count
        { Set-S3BatchJobTag -JobId $job.JobId -Tag $many -ErrorAction Stop } |
            Should -Throw -ErrorId 'SetS3BatchJobTagTooManyItems,S3Batch.Cmdlets.SetS3BatchJobTagCommand'
        @(Get-EmulatorRequests -Operation PutJobTagging).Count | Should -Be $before
    }

    It 'sends nothing with -WhatIf, and shows the request' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ keep = 'me' }
        $before = @(Get-EmulatorRequests -Operation PutJobTagging).Count
        $text = Get-WhatIfText { Set-S3BatchJobTag -JobId $job.JobId -Tag @{ a = '1' } -WhatIf }
        $text | Should -Match "What if: Replace the tags of S3 Batch Operations job $($job.JobId) with a=1"
        $text | Should -Match '<Key>a</Key>'
        @(Get-EmulatorRequests -Operation PutJobTagging).Count | Should -Be $before
        (Get-EmulatorJob $job.JobId).tags.key | Should -Be 'keep'
    }
}

Describe 'Remove-S3BatchJobTag' {
    It 'removes all tags' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ a = '1'; b = '2' }
        Remove-S3BatchJobTag -JobId $job.JobId | Should -BeNullOrEmpty
        (Get-EmulatorRequests -Operation DeleteJobTagging)[-1].path | Should -Be "/v20180820/jobs/$($job.JobId)/tagging"
        Get-S3BatchJobTag -JobId $job.JobId | Should -BeNullOrEmpty
    }

    It 'removes only the keys given' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ a = '1'; b = '2'; c = '3' }
        $job | Remove-S3BatchJobTag -Key a, c
        (Get-S3BatchJobTag -JobId $job.JobId | ForEach-Object { "$($_.Key)=$($_.Value)" }) | Should -Be 'b=2'
    }

    It 'removes the last tags with DeleteJobTagging' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ a = '1' }
        $before = @(Get-EmulatorRequests -Operation DeleteJobTagging).Count
        Remove-S3BatchJobTag -JobId $job.JobId -Key a
        @(Get-EmulatorRequests -Operation DeleteJobTagging).Count | Should -Be ($before + 1)
        Get-S3BatchJobTag -JobId $job.JobId | Should -BeNullOrEmpty
    }

    It 'changes nothing when no tag has the keys' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ a = '1' }
        $puts = @(Get-EmulatorRequests -Operation PutJobTagging).Count
        $deletes = @(Get-EmulatorRequests -Operation DeleteJobTagging).Count
        Remove-S3BatchJobTag -JobId $job.JobId -Key A, zzz
        @(Get-EmulatorRequests -Operation PutJobTagging).Count | Should -Be $puts
        @(Get-EmulatorRequests -Operation DeleteJobTagging).Count | Should -Be $deletes
        (Get-EmulatorJob $job.JobId).tags.key | Should -Be 'a'
    }

    It 'outputs the job with -PassThru' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ a = '1' }
        ($job | Remove-S3BatchJobTag -PassThru).JobId | Should -Be $job.JobId
    }

    It 'sends nothing with -WhatIf' {
        $job = New-TestJob -ConfirmationRequired -Tag @{ a = '1'; b = '2' }
        $before = @(Get-EmulatorRequests).Count
        $all = Get-WhatIfText { Remove-S3BatchJobTag -JobId $job.JobId -WhatIf }
        $some = Get-WhatIfText { Remove-S3BatchJobTag -JobId $job.JobId -Key a -WhatIf }
        $all | Should -Match "What if: Remove all tags of S3 Batch Operations job $($job.JobId)"
        $all | Should -Match ([regex]::Escape("DELETE $env:S3BATCH_TEST_ENDPOINT/v20180820/jobs/$($job.JobId)/tagging"))
        $some | Should -Match "What if: Remove the tags a of S3 Batch Operations job $($job.JobId)"
        @(Get-EmulatorRequests).Count | Should -Be $before
        (Get-EmulatorJob $job.JobId).tags.Count | Should -Be 2
    }
}
