# Issue 7: no secret leaks. With -Verbose, -Debug, $DebugPreference='Continue', -WhatIf, and on
# every error path, nothing the module writes (any stream, host output, exception messages and
# inner exceptions, ErrorRecords and their details and targets, output objects) holds the secret
# key, the session token or a signature. The keys come from environment variables or a profile
# (never from literal arguments, which PowerShell itself keeps in InvocationInfo), and are
# registered with the emulator only, so the secrets are recognisable and nowhere else.
# -Debug goes with -Verbose: a compiled cmdlet given -Debug alone asks (Inquire) before each
# verbose line, which is PowerShell's behaviour (Invoke-WebRequest does the same).
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1   # Get-WhatIfText

    $script:AccessKey = 'ASIALEAKTEST7Q2W9E4R'
    $script:Secret = 'LeakSecret+9f3a7c2e5b1d/DoNotPrint'
    $script:Token = 'LeakToken//4e8b2a6c0d9f+DoNotPrint=='
    $script:Manifest = New-S3BatchManifest -Bucket manifests -Key leak/m.csv -ETag 0123456789abcdef0123456789abcdef
    $script:Saved = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_MAX_ATTEMPTS') {
        $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    function Register-LeakCredential {
        $null = Invoke-Emulator -Path 'credentials' -Method Post -Body @{ accessKey = $script:AccessKey; secretKey = $script:Secret; sessionToken = $script:Token; accountId = $script:TestAccountId }
    }

    function Use-EnvironmentKeys {
        $env:AWS_ACCESS_KEY_ID = $script:AccessKey
        $env:AWS_SECRET_ACCESS_KEY = $script:Secret
        $env:AWS_SESSION_TOKEN = $script:Token
        Remove-Item Env:AWS_PROFILE -ErrorAction Ignore
    }

    function Use-ProfileKeys {
        # The same keys, from a profile of the shared credentials file (AWS_PROFILE).
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN -ErrorAction Ignore
        $file = Join-Path ([IO.Path]::GetTempPath()) "s3batch-leak-$PID.credentials"
        Set-Content -Path $file -Value "[leaky]`naws_access_key_id = $($script:AccessKey)`naws_secret_access_key = $($script:Secret)`naws_session_token = $($script:Token)`n"
        $env:AWS_SHARED_CREDENTIALS_FILE = $file
        $env:AWS_PROFILE = 'leaky'
    }

    function Restore-Keys {
        foreach ($name in $script:Saved.Keys) { Set-EnvValue $name $script:Saved[$name] }
    }

    function ConvertTo-ScanText {
        # Everything an item of any stream holds, as text: records, their exceptions (inner ones
        # too, every public property), ErrorDetails, targets, and output objects as JSON.
        param($Item)
        $text = [Text.StringBuilder]::new()
        $add = { param($v) if ($null -ne $v) { $null = $text.AppendLine([string]$v) } }
        $json = { param($v) try { & $add (ConvertTo-Json -InputObject $v -Depth 5 -WarningAction Ignore -ErrorAction Stop) } catch { & $add "$v" } }
        if ($Item -is [System.Management.Automation.ErrorRecord]) {
            & $add $Item.ToString()
            & $add $Item.FullyQualifiedErrorId
            & $add $Item.CategoryInfo.GetMessage()
            & $add $Item.ErrorDetails.Message
            & $add $Item.ErrorDetails.RecommendedAction
            & $json $Item.TargetObject
            & $add $Item.ScriptStackTrace
            $e = $Item.Exception
            while ($e) {
                & $add $e.ToString()
                foreach ($p in $e.PSObject.Properties) {
                    if ($p.Name -in 'TargetSite', 'InnerException', 'StackTrace') { continue }
                    try { $v = $p.Value } catch { continue }
                    if ($v -is [string] -or $v -is [ValueType]) { & $add "$($p.Name)=$v" }
                    elseif ($v -is [Collections.IDictionary]) { foreach ($k in $v.Keys) { & $add "$k=$($v[$k])" } }
                }
                $e = $e.InnerException
            }
        } elseif ($Item -is [System.Management.Automation.InformationalRecord]) {
            & $add $Item.Message
        } elseif ($Item -is [System.Management.Automation.InformationRecord]) {
            & $add $Item.MessageData
        } else {
            & $add "$Item"
            & $json $Item
        }
        $text.ToString()
    }

    function Invoke-Captured {
        # Runs $Script with every stream, the host (a transcript) and $Error captured; returns the text.
        param([scriptblock] $Script)
        # Errors stay non-terminating here whatever the session's preference, so every stream is kept.
        $ErrorActionPreference = 'Continue'
        $Error.Clear()
        $file = Join-Path ([IO.Path]::GetTempPath()) "s3batch-leak-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -Path $file
        $items = @()
        $ev = $wv = $iv = $null
        try {
            $items = @(& $Script -ErrorVariable ev -WarningVariable wv -InformationVariable iv *>&1)
        } catch {
            $items += $_
        } finally {
            $null = Stop-Transcript
        }
        $all = [Text.StringBuilder]::new()
        foreach ($i in @($items) + @($ev) + @($wv) + @($iv) + @($Error)) { if ($null -ne $i) { $null = $all.AppendLine((ConvertTo-ScanText $i)) } }
        $null = $all.AppendLine((Get-Content -Raw $file))
        Remove-Item $file -ErrorAction Ignore
        [pscustomobject]@{ Text = $all.ToString(); Items = $items }
    }

    function Assert-NoSecret {
        param([string] $Text, [string] $What)
        $Text.Length | Should -BeGreaterThan 0
        $Text.Contains($script:Secret) | Should -BeFalse -Because "the secret key must not appear ($What)"
        $Text.Contains($script:Token) | Should -BeFalse -Because "the session token must not appear ($What)"
        $Text | Should -Not -Match 'Signature=[0-9a-fA-F]{16,}' -Because "no signature may appear ($What)"
        $Text | Should -Not -Match '<SignatureProvided>[0-9a-fA-F]' -Because "no echoed signature may appear ($What)"
        # The very signatures the emulator received.
        foreach ($request in Get-EmulatorRequests) {
            if ($request.headers.Authorization -match 'Signature=([0-9a-f]{64})') {
                $Text.Contains($Matches[1]) | Should -BeFalse -Because "the signature sent must not appear ($What)"
            }
        }
    }

    # The scenarios: each a script block taking the common parameters through splatting.
    $script:Scenarios = @(
        @{ Name = 'New-S3BatchJob -Verbose -Debug'; Script = {
                [CmdletBinding()] param()
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -Tag @{ k = 'v' } -Verbose -Debug
            } }
        @{ Name = "`$DebugPreference='Continue' on every job cmdlet"; Script = {
                [CmdletBinding()] param()
                $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'
                $job = New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -ConfirmationRequired
                $job
                $job | Get-S3BatchJob
                Get-S3BatchJob -Status Suspended, New, Preparing
                $job | Set-S3BatchJobTag -Tag @{ a = '1' }
                $job | Get-S3BatchJobTag
                $job | Set-S3BatchJobPriority -Priority 3 -PassThru
                $job | Stop-S3BatchJob -Force -PassThru
                $job | Wait-S3BatchJob -Timeout 5 -PollInterval 0.2
                $job | Remove-S3BatchJobTag
            } }
        @{ Name = '-WhatIf (host output)'; Script = {
                [CmdletBinding()] param()
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -WhatIf -Verbose -Debug
                Start-S3BatchJob -JobId 00000000-0000-0000-0000-000000000009 -WhatIf -Verbose
                Stop-S3BatchJob -JobId 00000000-0000-0000-0000-000000000009 -WhatIf -Verbose -Debug
            } }
        @{ Name = 'errors: throttling, 5xx, resets, truncation, a timeout'; Script = {
                [CmdletBinding()] param()
                $DebugPreference = 'Continue'
                Set-EmulatorFault -Operation CreateJob -Kind throttle -Times 3
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -Verbose
                Set-EmulatorFault -Operation CreateJob -Kind http500 -Times 3
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -Verbose
                Set-EmulatorFault -Operation CreateJob -Kind resetAfter -Times 3
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -Verbose
                Set-EmulatorFault -Operation DescribeJob -Kind truncate -Times 3
                Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000009 -Verbose
                Set-EmulatorFault -Operation UpdateJobStatus -Kind resetBefore -Times 3
                Start-S3BatchJob -JobId 00000000-0000-0000-0000-000000000009 -Verbose
            } }
        @{ Name = 'errors: refusals that echo what was signed, hostile bodies, bad input'; Script = {
                [CmdletBinding()] param()
                $DebugPreference = 'Continue'
                $echo = "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match. x-amz-security-token:$($script:Token)</Message><AWSAccessKeyId>$($script:AccessKey)</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256`n20260101T000000Z</StringToSign><SignatureProvided>$('ab' * 32)</SignatureProvided><CanonicalRequest>GET`n/`n`nx-amz-security-token:$($script:Token)`n</CanonicalRequest></Error>"
                Set-EmulatorFault -Operation DescribeJob -Kind body -Status 403 -Body $echo
                Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000009 -Verbose
                Set-EmulatorFault -Operation DescribeJob -Kind body -Body '<!DOCTYPE r [<!ENTITY x "y">]><DescribeJobResult/>'
                Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000009
                Set-S3BatchJobPriority -JobId 00000000-0000-0000-0000-000000000009 -Priority 2147483647
                Get-S3BatchJob -JobId 'not a job id!'
                Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000404
                # An S3 call (HeadObject) that s3rver refuses: it does not know these keys.
                New-S3BatchManifest -Bucket manifests -Key leak/none.csv -Verbose -Debug
            } }
        @{ Name = 'an expired token'; Script = {
                [CmdletBinding()] param()
                $null = Invoke-Emulator -Path 'credentials' -Method Post -Body @{ accessKey = $script:AccessKey; secretKey = $script:Secret; sessionToken = $script:Token; accountId = $script:TestAccountId; expiresInSeconds = 0 }
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -Verbose -Debug
            } }
    )
}
AfterAll {
    Restore-Keys
    Remove-Item (Join-Path ([IO.Path]::GetTempPath()) "s3batch-leak-$PID.credentials") -ErrorAction Ignore
    Stop-TestServersIfStarted
}

Describe 'No secret leaks' {
    BeforeEach {
        Reset-Emulator
        Register-LeakCredential
    }
    AfterEach { Restore-Keys }

    It 'writes no secret with keys from <Source>: scenario <Index>' -ForEach @(
        foreach ($source in 'environment variables', 'a profile') {
            foreach ($index in 0..5) { @{ Source = $source; Index = $index } }
        }
    ) {
        $Name = $script:Scenarios[$Index].Name
        $Script = $script:Scenarios[$Index].Script
        Write-Host "    scenario $Index`: $Name"
        if ($Source -eq 'a profile') { Use-ProfileKeys } else { Use-EnvironmentKeys }
        $env:AWS_MAX_ATTEMPTS = '3'
        $captured = Invoke-Captured $Script
        Restore-Keys
        # The scenario did talk to the emulator with these keys (-WhatIf sends nothing: it shows the request).
        if ($Index -eq 2) {
            $captured.Text | Should -Match 'What if: Create S3 Batch Operations job'
        } else {
            @(Get-EmulatorRequests | Where-Object { $_.headers.Authorization -match [regex]::Escape($script:AccessKey) }).Count | Should -BeGreaterThan 0
        }
        Assert-NoSecret -Text $captured.Text -What "$Name, keys from $Source"
    }

    It 'catches a secret in any of the places it scans (the scan itself works)' -ForEach @(
        @{ Place = 'host output'; Leak = { Write-Host "x $($script:Secret) x" } }
        @{ Place = 'a debug line'; Leak = { $DebugPreference = 'Continue'; Write-Debug "x $($script:Token) x" } }
        @{ Place = 'an inner exception'; Leak = { Write-Error -Exception ([InvalidOperationException]::new('outer', [Exception]::new("inner $($script:Secret)"))) } }
        @{ Place = 'an ErrorRecord target'; Leak = { Write-Error -Message 'x' -TargetObject @{ deep = @{ deeper = $script:Token } } } }
        @{ Place = 'an output object'; Leak = { [pscustomobject]@{ A = @{ B = "Signature=$('0a' * 32)" } } } }
    ) {
        $captured = Invoke-Captured ([scriptblock]::Create("[CmdletBinding()] param() $Leak"))
        { Assert-NoSecret -Text $captured.Text -What $Place } | Should -Throw
    }

    It 'shows the signed request in debug output, with the signature and token redacted' {
        Use-EnvironmentKeys
        $captured = Invoke-Captured { [CmdletBinding()] param() Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000404 -Verbose -Debug }
        Restore-Keys
        $captured.Text | Should -Match 'Authorization: AWS4-HMAC-SHA256 Credential=ASIALEAKTEST7Q2W9E4R/'
        $captured.Text | Should -Match 'Signature=<redacted>'
        $captured.Text | Should -Match '(?i)x-amz-security-token: <redacted>'
    }
}
