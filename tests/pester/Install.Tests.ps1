# The module as a user gets it: the built folder is published with Publish-PSResource into a local
# file repository (what 'build.ps1 Package' does), installed with Install-PSResource and with
# Install-Module into empty module paths (each in a pwsh whose HOME is a folder of the test's own,
# so that no repository registration or module of this machine is used or changed), and then a
# fresh pwsh imports it by name, lists its cmdlets, shows help and creates a job on the emulator.

BeforeDiscovery {
    $modulePath = if ($env:S3BATCH_MODULE_PATH) { $env:S3BATCH_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/S3Batch/S3Batch.psd1' }
    # 'build.ps1 Build -SkipHelp' leaves the help out; 'build.ps1 Test' always builds it.
    $script:HasHelp = Test-Path (Join-Path (Split-Path $modulePath) 'en-US/S3BatchCmdlets.dll-Help.xml')
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/PackagingHelpers.ps1

    $script:ModuleDir = Split-Path $ModulePath
    $script:Version = (Select-Xml -Path (Join-Path $RepoRoot 'Directory.Build.props') -XPath '//S3BatchVersion').Node.InnerText
    $script:SourceManifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'S3Batch.psd1')
    $script:Repository = Join-Path $TestDrive 'repository'
    New-Item -ItemType Directory -Path $Repository | Out-Null

    function script:New-UserEnvironment([string] $Name) {
        # A user of this machine with nothing installed: HOME and the XDG folders (module path,
        # PSResourceGet and PowerShellGet settings) in the test drive.
        $home_ = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $home_ -Force | Out-Null
        $userModules = Join-Path $home_ '.local/share/powershell/Modules'
        # .NET answers an empty folder for LocalApplicationData and the like when it does not exist
        # (PSResourceGet would then keep its settings under the current directory): create them.
        foreach ($folder in @($userModules, (Join-Path $home_ '.config'), (Join-Path $home_ '.cache'))) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
        @{
            HOME = $home_; XDG_DATA_HOME = Join-Path $home_ '.local/share'; XDG_CONFIG_HOME = Join-Path $home_ '.config'
            XDG_CACHE_HOME = Join-Path $home_ '.cache'; PSModulePath = $userModules
            S3BATCH_TEST_REPOSITORY = $Repository; S3BATCH_TEST_USER_MODULES = $userModules
        }
    }

    # Publish, as build.ps1 Package does.
    $published = Invoke-ChildPwsh -Environment ((New-UserEnvironment 'publisher') + @{ S3BATCH_TEST_MODULE_DIR = $ModuleDir }) -Script @'
Register-PSResourceRepository -Name S3BatchLocal -Uri $env:S3BATCH_TEST_REPOSITORY -Trusted
Publish-PSResource -Path $env:S3BATCH_TEST_MODULE_DIR -Repository S3BatchLocal
@(Get-ChildItem $env:S3BATCH_TEST_REPOSITORY -Filter *.nupkg | ForEach-Object Name)
'@
    $script:Packages = @($published)

    $script:ManifestKey = "install-$([guid]::NewGuid().ToString('N')).csv"
    $null = Write-TestObject -Bucket source -Key 'install.txt' -Content 'x'
    $null = Write-TestObject -Bucket manifests -Key $ManifestKey -Content 'source,install.txt'

    # What a user does after installing: a fresh pwsh, the module by name.
    $script:UseScript = @'
Import-Module S3Batch
$module = Get-Module S3Batch
$help = Get-Help New-S3BatchJob -Full
$manifest = New-S3BatchManifest -Bucket manifests -Key $env:S3BATCH_TEST_MANIFEST
$job = New-S3BatchTaggingOperation -Tag @{ installed = 'yes' } | New-S3BatchJob -Manifest $manifest -RoleArn batch-role -NoReport
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Version = "$($module.Version)"
    Commands = @(Get-Command -Module S3Batch | ForEach-Object Name | Sort-Object)
    Synopsis = "$($help.Synopsis)".Trim()
    Examples = @($help.examples.example).Count
    ParametersWithoutHelp = @($help.parameters.parameter | Where-Object { -not "$($_.description.Text)".Trim() } | ForEach-Object name)
    JobId = $job.JobId
    Status = (Get-S3BatchJob -JobId $job.JobId).Status
}
'@
    $script:ExpectedCommands = @($SourceManifest.CmdletsToExport | Sort-Object)
}

AfterAll { Stop-TestServersIfStarted }

Describe 'the manifest and the package' {
    It 'passes Test-ModuleManifest and carries what a gallery needs' {
        $m = Test-ModuleManifest -Path $ModulePath -ErrorAction Stop
        $m.Version | Should -Be ([version]$Version)
        $m.Guid | Should -Be ([guid]$SourceManifest.GUID)
        $m.Author | Should -Not -BeNullOrEmpty
        $m.Description | Should -Not -BeNullOrEmpty
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $m.Tags | Should -Contain 'S3'
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.LicenseUri | Should -Not -BeNullOrEmpty
        $m.ReleaseNotes | Should -Not -BeNullOrEmpty
        $SourceManifest.FormatsToProcess | Should -Be @('S3Batch.Format.ps1xml')
        $SourceManifest.CmdletsToExport | Should -Not -Contain '*'
        @($m.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCommands
    }

    It 'has one version, from Directory.Build.props, in the assembly, the manifest and the package' {
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDir 'S3BatchCmdlets.dll')).Version
        "$($assembly.Major).$($assembly.Minor).$($assembly.Build)" | Should -Be $Version
        (Import-PowerShellDataFile $ModulePath).ModuleVersion | Should -Be $Version
        $Packages | Should -Be @("S3Batch.$Version.nupkg")
    }

    It 'holds the module folder and nothing else' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead((Join-Path $Repository "S3Batch.$Version.nupkg"))
        try {
            $entries = @($zip.Entries | ForEach-Object FullName |
                Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|S3Batch\.nuspec$)' } | ForEach-Object { [uri]::UnescapeDataString($_) } | Sort-Object)
            $nuspec = [xml][IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'S3Batch.nuspec').Open()).ReadToEnd()
        } finally { $zip.Dispose() }
        $files = @(Get-ChildItem $ModuleDir -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($ModuleDir, $_.FullName).Replace('\', '/') } | Sort-Object)
        $entries | Should -Be $files
        $entries | Should -Not -Contain 'System.Management.Automation.dll'
        $nuspec.package.metadata.id | Should -Be 'S3Batch'
        $nuspec.package.metadata.version | Should -Be $Version
        $nuspec.package.metadata.projectUrl | Should -Be $SourceManifest.PrivateData.PSData.ProjectUri
    }
}

Describe 'installed from the local repository' {
    It 'with <Installer>: a fresh pwsh imports it by name, lists every cmdlet and creates a job' -ForEach @(
        @{ Installer = 'Install-PSResource'; Install = 'Register-PSResourceRepository -Name S3BatchLocal -Uri $env:S3BATCH_TEST_REPOSITORY -Trusted; Install-PSResource -Name S3Batch -Repository S3BatchLocal -Scope CurrentUser -TrustRepository -Quiet' }
        @{ Installer = 'Install-Module'; Install = 'Register-PSRepository -Name S3BatchLocal -SourceLocation $env:S3BATCH_TEST_REPOSITORY -InstallationPolicy Trusted; Install-Module -Name S3Batch -Repository S3BatchLocal -Scope CurrentUser -WarningAction SilentlyContinue' }
    ) {
        $userEnv = New-UserEnvironment "user-$Installer"
        $installed = Invoke-ChildPwsh -Environment $userEnv -Script ($Install + @'

@(Get-ChildItem $env:S3BATCH_TEST_USER_MODULES -Recurse -Filter S3Batch.psd1 | ForEach-Object FullName)
'@)
        $installed | Should -HaveCount 1
        $installed | Should -BeLike "$($userEnv.S3BATCH_TEST_USER_MODULES)*"

        $r = Invoke-ChildPwsh -Environment ($userEnv + @{ S3BATCH_TEST_MANIFEST = $ManifestKey }) -Script $UseScript
        $r.ModuleBase | Should -Be (Split-Path $installed)
        $r.Version | Should -Be $Version
        $r.Commands | Should -Be $ExpectedCommands
        $r.JobId | Should -Match '^[0-9a-f-]{36}$'
        $r.Status | Should -Not -BeNullOrEmpty
        if ($HasHelp) {
            $r.Synopsis | Should -Not -BeLike 'New-S3BatchJob *'    # what Get-Help shows when there is no help
            $r.Examples | Should -BeGreaterThan 0
            $r.ParametersWithoutHelp | Should -BeNullOrEmpty
        } else {
            Set-ItResult -Skipped -Because 'the module was built with -SkipHelp (build.ps1 Test always builds the help)'
        }
    }
}
