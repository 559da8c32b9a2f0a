BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchManifest.TestHelpers.ps1
    $script:Id = 'S3Batch.Cmdlets.ExportS3BatchManifestCommand'
}
AfterAll { Stop-TestServersIfStarted }

Describe 'Export-S3BatchManifest to S3' {
    BeforeEach { Remove-Item Env:S3BATCH_MANIFEST_PART_SIZE -ErrorAction Ignore }
    AfterAll { Remove-Item Env:S3BATCH_MANIFEST_PART_SIZE -ErrorAction Ignore }

    It 'lists -SourceBucket -Prefix over every page and outputs a manifest with the uploaded ETag' {
        $prefix = New-TestPrefix
        if (-not (Test-S3rverPaging)) {
            Set-ItResult -Skipped -Because 's3rver 3.7.1 makes continuation tokens with DES, which Node.js 17+ has only with --openssl-legacy-provider (tests/TestServers.psm1 should start node with it)'
            return
        }
        $keys = 1..1003 | ForEach-Object { '{0}obj {1:D4}.txt' -f $prefix, $_ }
        Write-PlainObject -Bucket source -Key $keys
        $m = Export-S3BatchManifest -SourceBucket source -Prefix $prefix -Bucket manifests -Key "$($prefix)all.csv" -Verbose 4>&1 |
            Tee-Object -Variable all | Where-Object { $_ -is [S3Batch.Model.JobManifest] }
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^ListObjectsV2' }).Count | Should -Be 2
        $m | Should -BeOfType S3Batch.Model.JobManifest
        $m.Spec.Format | Should -Be 'S3BatchOperations_CSV_20180820'
        @($m.Spec.Fields) | Should -Be @('Bucket', 'Key')
        $m.Location.ObjectArn | Should -Be "arn:aws:s3:::manifests/$($prefix)all.csv"
        $m.Location.ETag | Should -Be (Get-TestObjectETag -Bucket manifests -Key "$($prefix)all.csv")
        $m.Location.ETag | Should -Not -Match '"'
        $expected = ($keys | ForEach-Object { "source,$($_ -replace ' ', '%20')`n" }) -join ''
        Read-TestObject -Bucket manifests -Key "$($prefix)all.csv" | Should -BeExactly $expected
    }

    It 'writes the exact CSV bytes for awkward keys from key strings' {
        $keys = @('a b.txt', 'a+b', '50%', 'x,y', 'q"uote', "line`nbreak", 'café/ü', 'd/e/f~_-.')
        $m = $keys | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key bytes.csv
        $bytes = Read-TestObject -Bucket manifests -Key bytes.csv -Bytes
        $expected = "source,a%20b.txt`nsource,a%2Bb`nsource,50%25`nsource,x%2Cy`nsource,q%22uote`nsource,line%0Abreak`nsource,caf%C3%A9/%C3%BC`nsource,d/e/f~_-.`n"
        [Text.Encoding]::ASCII.GetString($bytes) | Should -BeExactly $expected
        $bytes[0] | Should -Be ([byte][char]'s')   # no byte order mark
        $m.Location.ETag | Should -Be (Get-TestObjectETag -Bucket manifests -Key bytes.csv)
    }

    It 'takes Get-S3Object-like objects (BucketName), Bucket properties and hashtables, and never takes -Bucket from them' {
        $rows = @(
            [Amazon.S3.Model.S3Object]@{ BucketName = 'source'; Key = 'one' }
            [pscustomobject]@{ Bucket = 'archive'; Key = 'two' }
            @{ Bucket = 'lists'; Key = 'three' }
        )
        $m = $rows | Export-S3BatchManifest -Bucket manifests -Key objects.csv
        $m.Location.ObjectArn | Should -Be 'arn:aws:s3:::manifests/objects.csv'
        Read-TestObject -Bucket manifests -Key objects.csv | Should -BeExactly "source,one`narchive,two`nlists,three`n"
        $m2 = Export-S3BatchManifest -InputObject $rows -Bucket manifests -Key objects2.csv
        Read-TestObject -Bucket manifests -Key objects2.csv | Should -BeExactly "source,one`narchive,two`nlists,three`n"
        $m2.Location.ETag | Should -Be $m.Location.ETag
    }

    It 'writes version ids and says so in the Fields' {
        $m = @([pscustomobject]@{ Bucket = 'source'; Key = 'k1'; VersionId = 'v1' }, [pscustomobject]@{ Bucket = 'source'; Key = 'k2'; VersionId = 'v2' }) |
            Export-S3BatchManifest -Bucket manifests -Key versions.csv
        @($m.Spec.Fields) | Should -Be @('Bucket', 'Key', 'VersionId')
        Read-TestObject -Bucket manifests -Key versions.csv | Should -BeExactly "source,k1,v1`nsource,k2,v2`n"
    }

    It 'refuses rows with and without version ids, and leaves no object' {
        $rows = @([pscustomobject]@{ Bucket = 'source'; Key = 'k1'; VersionId = 'v1' }, [pscustomobject]@{ Bucket = 'source'; Key = 'k2' })
        $out = $null
        { $script:out = $rows | Export-S3BatchManifest -Bucket manifests -Key mixed.csv } |
            Should -Throw -ErrorId "ExportS3BatchManifestMixedVersionIds,$script:Id"
        $script:out | Should -BeNullOrEmpty
        Get-TestObjectETag -Bucket manifests -Key mixed.csv | Should -BeNullOrEmpty
    }

    It 'uploads a large manifest in parts (default 8 MiB parts) with the ETag S3 gives' {
        # 12,000 keys of ~820 bytes: about 9.9 MB, so two parts.
        $long = 'k' * 800
        $m = 1..12000 | ForEach-Object { "$long/$_" } | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key big.csv -Verbose 4>&1 |
            Tee-Object -Variable all | Where-Object { $_ -is [S3Batch.Model.JobManifest] }
        @($all | Where-Object { "$_" -match '^CreateMultipartUpload' }).Count | Should -Be 1
        @($all | Where-Object { "$_" -match '^CompleteMultipartUpload .*: 2 part' }).Count | Should -Be 1
        $m.Location.ETag | Should -Be (Get-TestObjectETag -Bucket manifests -Key big.csv)
        $text = Read-TestObject -Bucket manifests -Key big.csv
        $lines = $text.Split("`n")
        $lines.Count | Should -Be 12001
        $lines[0] | Should -BeExactly "source,$long/1"
        $lines[11999] | Should -BeExactly "source,$long/12000"
    }

    It 'leaves no object behind when the pipeline throws midway through a multipart upload' {
        $env:S3BATCH_MANIFEST_PART_SIZE = 16384
        $long = 'p' * 100
        $out = $null
        { $script:out = 1..3000 | ForEach-Object { if ($_ -eq 2500) { throw 'boom' }; "$long/$_" } |
                Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key boom.csv -Verbose 4>$null } | Should -Throw 'boom'
        $script:out | Should -BeNullOrEmpty
        Get-TestObjectETag -Bucket manifests -Key boom.csv | Should -BeNullOrEmpty
        { 1..10 | ForEach-Object { if ($_ -eq 5) { throw 'boom' }; "k$_" } | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key boom2.csv } | Should -Throw 'boom'
        Get-TestObjectETag -Bucket manifests -Key boom2.csv | Should -BeNullOrEmpty
    }

    It 'multipart in small test parts: the object is the rows, the ETag is HeadObject''s' {
        $env:S3BATCH_MANIFEST_PART_SIZE = 65536
        $m = 1..5000 | ForEach-Object { "key/number $_" } | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key parts.csv
        $m.Location.ETag | Should -Be (Get-TestObjectETag -Bucket manifests -Key parts.csv)
        Read-TestObject -Bucket manifests -Key parts.csv | Should -BeExactly ((1..5000 | ForEach-Object { "source,key/number%20$_`n" }) -join '')
    }

    It 'outputs nothing and leaves nothing when the upload fails (a bucket that does not exist)' {
        $env:S3BATCH_MANIFEST_PART_SIZE = 16384
        { 1..2000 | ForEach-Object { "key-$_" } | Export-S3BatchManifest -SourceBucket source -Bucket no-such-bucket -Key x.csv } |
            Should -Throw -ErrorId "ExportS3BatchManifestNoSuchBucket,$script:Id"
        { 'one' | Export-S3BatchManifest -SourceBucket source -Bucket no-such-bucket -Key x.csv } |
            Should -Throw -ErrorId "ExportS3BatchManifestNoSuchBucket,$script:Id"
    }

    It 'refuses key strings without -SourceBucket, objects without a key, and no input at all' {
        { 'a' | Export-S3BatchManifest -Bucket manifests -Key nb.csv } | Should -Throw -ErrorId "ExportS3BatchManifestNoBucket,$script:Id"
        { [pscustomobject]@{ Bucket = 'source'; Name = 'x' } | Export-S3BatchManifest -Bucket manifests -Key nk.csv } | Should -Throw -ErrorId "ExportS3BatchManifestNoKey,$script:Id"
        $noInput = { Export-S3BatchManifest -Bucket manifests -Key ni.csv } | Should -Throw -ErrorId "ExportS3BatchManifestNoInput,$script:Id" -PassThru
        $noInput.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $noInput.TargetObject | Should -Be 's3://manifests/ni.csv'
        { 'a' | Export-S3BatchManifest -SourceBucket source -Prefix p -Bucket manifests -Key np.csv } | Should -Throw -ErrorId "ExportS3BatchManifestPrefixWithInput,$script:Id"
        foreach ($k in 'nb.csv', 'nk.csv', 'ni.csv', 'np.csv') { Get-TestObjectETag -Bucket manifests -Key $k | Should -BeNullOrEmpty }
    }

    It 'writes nothing and warns when no rows come' {
        $out = @() | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key empty.csv -WarningVariable warn 3>$null
        $out | Should -BeNullOrEmpty
        $warn | Should -Match 'No rows'
        Get-TestObjectETag -Bucket manifests -Key empty.csv | Should -BeNullOrEmpty
    }

    It 'uploads nothing with -WhatIf' {
        $out = 'a' | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key whatif.csv -WhatIf
        $out | Should -BeNullOrEmpty
        Get-TestObjectETag -Bucket manifests -Key whatif.csv | Should -BeNullOrEmpty
    }
}

Describe 'Export-S3BatchManifest to a file' {
    BeforeEach { $dir = Join-Path TestDrive: ([guid]::NewGuid().ToString('N')); New-Item -ItemType Directory $dir | Out-Null }

    It 'writes the file with -Path and outputs it' {
        $file = 'a b', 'c+d' | Export-S3BatchManifest -SourceBucket source -Path "$dir/m.csv"
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be (Resolve-Path "$dir/m.csv").ProviderPath
        [IO.File]::ReadAllText($file.FullName) | Should -BeExactly "source,a%20b`nsource,c%2Bd`n"
        @(Get-ChildItem $dir -Force).Count | Should -Be 1   # no temporary file left
    }

    It 'takes -LiteralPath with wildcard characters in the name' {
        $file = 'k' | Export-S3BatchManifest -SourceBucket source -LiteralPath "$dir/m[1].csv"
        [IO.File]::ReadAllText($file.FullName) | Should -BeExactly "source,k`n"
    }

    It 'refuses to replace a file with -NoClobber, replaces a read-only one only with -Force' {
        Set-Content "$dir/m.csv" 'old'
        $exists = { 'k' | Export-S3BatchManifest -SourceBucket source -Path "$dir/m.csv" -NoClobber } | Should -Throw -ErrorId "ExportS3BatchManifestFileExists,$script:Id" -PassThru
        $exists.CategoryInfo.Category | Should -Be 'ResourceExists'
        "$($exists.TargetObject)" | Should -BeLike '*m.csv'
        (Get-Content "$dir/m.csv") | Should -Be 'old'
        Set-ItemProperty "$dir/m.csv" -Name IsReadOnly -Value $true
        $readOnly = { 'k' | Export-S3BatchManifest -SourceBucket source -Path "$dir/m.csv" } | Should -Throw -ErrorId "ExportS3BatchManifestFileReadOnly,$script:Id" -PassThru
        $readOnly.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $file = 'k' | Export-S3BatchManifest -SourceBucket source -Path "$dir/m.csv" -Force
        [IO.File]::ReadAllText($file.FullName) | Should -BeExactly "source,k`n"
        'k2' | Export-S3BatchManifest -SourceBucket source -Path "$dir/m.csv" -Force | Out-Null
        Get-Content -Raw "$dir/m.csv" | Should -BeExactly "source,k2`n"
    }

    It 'leaves no file (and an existing file as it was) when the pipeline fails' {
        { 1..10 | ForEach-Object { if ($_ -eq 5) { throw 'boom' }; "k$_" } | Export-S3BatchManifest -SourceBucket source -Path "$dir/new.csv" } | Should -Throw 'boom'
        Test-Path "$dir/new.csv" | Should -BeFalse
        Set-Content "$dir/old.csv" 'old'
        { @([pscustomobject]@{ Bucket = 's'; Key = 'a'; VersionId = 'v' }, [pscustomobject]@{ Bucket = 's'; Key = 'b' }) | Export-S3BatchManifest -Path "$dir/old.csv" } |
            Should -Throw -ErrorId "ExportS3BatchManifestMixedVersionIds,$script:Id"
        Get-Content "$dir/old.csv" | Should -Be 'old'
        @(Get-ChildItem $dir -Force).Name | Should -Be @('old.csv')
    }

    It 'writes nothing with -WhatIf' {
        'k' | Export-S3BatchManifest -SourceBucket source -Path "$dir/w.csv" -WhatIf
        Test-Path "$dir/w.csv" | Should -BeFalse
    }

    It 'round-trips awkward keys, including 1024-byte ones, through the file and the reader' {
        $keys = @('sp ace', 'plus+', 'pct%25', 'com,ma', '"quotes"', "new`nline`r`n", 'ünï/cödé', '日本/語', ('x' * 1024), ('é' * 512), ("😀" * 256))
        $file = $keys | Export-S3BatchManifest -SourceBucket source -Path "$dir/awk.csv"
        $reader = [IO.StreamReader]::new($file.FullName)
        try { $rows = @([S3Batch.Manifests.ManifestCsvReader]::Read($reader)) } finally { $reader.Dispose() }
        $rows.Count | Should -Be $keys.Count
        for ($i = 0; $i -lt $keys.Count; $i++) { $rows[$i].Key | Should -BeExactly $keys[$i]; $rows[$i].Bucket | Should -Be 'source' }
    }
}
