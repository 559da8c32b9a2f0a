BeforeAll { . $PSScriptRoot/common.ps1 }
AfterAll { Stop-TestServersIfStarted }

Describe 'New-S3BatchReport' {
    It 'always carries the report format, and defaults the scope to AllTasks' {
        $r = New-S3BatchReport -Bucket reports -Prefix jobs
        $r | Should -BeOfType S3Batch.Model.JobReport
        $r.Enabled | Should -BeTrue
        $r.Format | Should -Be 'Report_CSV_20180820'
        $r.Bucket | Should -Be 'arn:aws:s3:::reports'
        $r.Prefix | Should -Be 'jobs'
        $r.ReportScope | Should -Be 'AllTasks'
        (New-S3BatchReport -Bucket reports -Scope FailedTasksOnly -ExpectedBucketOwner 123456789012).ReportScope | Should -Be 'FailedTasksOnly'
    }
    It 'makes a disabled report with -Disabled' {
        $r = New-S3BatchReport -Disabled
        $r.Enabled | Should -BeFalse
        $r.Bucket | Should -BeNullOrEmpty
        $r.Format | Should -BeNullOrEmpty
    }
    It 'refuses an expected owner that is not an account id' {
        { New-S3BatchReport -Bucket reports -ExpectedBucketOwner 12345 } | Should -Throw -ErrorId 'NewS3BatchReportPatternMismatch,S3Batch.Cmdlets.NewS3BatchReportCommand'
    }
}
