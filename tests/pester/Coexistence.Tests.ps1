# S3Batch beside another build of the AWS SDK for .NET 4.x in one session, as with AWS.Tools: every
# AWSSDK.Core 4.x has assembly version 4.0.0.0, so a process holds only one, whoever loads it first.
# S3Batch uses the one already loaded, refuses one older than it supports (AwsSdkCompatibility), and
# loads none at import, so that a module shipping its own AWSSDK.Core (AWS.Tools.Common lists it in
# RequiredAssemblies) can still be imported after Import-Module S3Batch.
# Each case runs in a fresh pwsh; the other builds come from the NuGet registry.

BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/PackagingHelpers.ps1

    $script:Supported = '4.0.100.6'     # AwsSdkCompatibility.MinimumCoreVersion, the oldest build that works
    $script:TooOld = '4.0.100.2'        # the newest served build that does not
    $packages = Get-NuGetPackageFolder -Packages @{ 'AWSSDK.Core' = @($Supported, $TooOld) } -WorkFolder (Join-Path $TestDrive 'restore')
    $script:SupportedCore = Join-Path $packages "awssdk.core/$Supported/lib/netstandard2.0/AWSSDK.Core.dll"
    $script:TooOldCore = Join-Path $packages "awssdk.core/$TooOld/lib/netstandard2.0/AWSSDK.Core.dll"

    # A small binary module compiled against the older build, in two shapes: the dll alone (it binds to
    # whatever AWSSDK.Core is loaded), and a folder that ships its own AWSSDK.Core in RequiredAssemblies
    # (as AWS.Tools.Common does). Its wrapper keeps the credentials in an internal Credentials property,
    # like AWS.Tools' AWSPSCredentials in $StoredAWSCredentials.
    $script:TestModuleDll = Join-Path $TestDrive 'S3BatchTestAws.dll'
    Add-Type -OutputAssembly $TestModuleDll -OutputType Library -ReferencedAssemblies $SupportedCore, ([psobject].Assembly.Location) -TypeDefinition @'
using System.Management.Automation;
using Amazon.Runtime;
namespace S3BatchTestAws
{
    [Cmdlet(VerbsCommon.New, "TestAwsCredential")]
    [OutputType(typeof(AWSCredentials))]
    public sealed class NewTestAwsCredentialCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)] public string AccessKey { get; set; }
        [Parameter(Mandatory = true)] public string SecretKey { get; set; }
        [Parameter] public SwitchParameter Wrapped { get; set; }
        protected override void ProcessRecord()
        {
            AWSCredentials credentials = new BasicAWSCredentials(AccessKey, SecretKey);
            WriteObject(Wrapped ? (object)new TestPSCredentials(credentials) : credentials);
        }
    }
    public sealed class TestPSCredentials
    {
        internal TestPSCredentials(AWSCredentials credentials) { Credentials = credentials; }
        internal AWSCredentials Credentials { get; private set; }
        public string Name { get { return "test"; } }
    }
}
'@
    $script:BundlingModule = Join-Path $TestDrive 'bundling/S3BatchTestAws'
    New-Item -ItemType Directory -Path $BundlingModule -Force | Out-Null
    Copy-Item $TestModuleDll, $SupportedCore $BundlingModule
    Set-Content -Path (Join-Path $BundlingModule 'S3BatchTestAws.psd1') -Value @"
@{ RootModule = 'S3BatchTestAws.dll'; ModuleVersion = '1.0.0'; GUID = '3f1f6a52-8d4e-4c1e-9a55-0c7b1d2e9f10'
   RequiredAssemblies = @('AWSSDK.Core.dll'); CmdletsToExport = @('New-TestAwsCredential') }
"@

    $script:ManifestKey = "coexistence-$([guid]::NewGuid().ToString('N')).csv"
    $null = Write-TestObject -Bucket source -Key 'coexistence.txt' -Content 'x'
    $null = Write-TestObject -Bucket manifests -Key $ManifestKey -Content 'source,coexistence.txt'

    # The child sessions: the module under test, the manifest, and no keys in the environment, so
    # that only the credentials handed over can sign.
    $script:ChildEnv = @{ S3BATCH_TEST_MODULE = $ModulePath; S3BATCH_TEST_MANIFEST = $ManifestKey; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null }
    # Defines New-Job (creates a tagging job with -Credential) and Test-Stored (reads it back through
    # $StoredAWSCredentials holding the given object), each returning the job id / status.
    $script:ChildFunctions = @'
function New-Job($Credential) {
    # -Credential, or the keys as strings when $Credential is null.
    $auth = if ($Credential) { @{ Credential = $Credential } } else { @{ AccessKey = 'S3RVER'; SecretKey = 'S3RVER' } }
    $manifest = New-S3BatchManifest -Bucket manifests -Key $env:S3BATCH_TEST_MANIFEST @auth
    (New-S3BatchTaggingOperation -Tag @{ coexistence = 'yes' } | New-S3BatchJob -Manifest $manifest -RoleArn batch-role -NoReport @auth).JobId
}
function Test-Stored($Stored, $JobId) {
    $global:StoredAWSCredentials = $Stored
    try { (Get-S3BatchJob -JobId $JobId).JobId } finally { Remove-Variable StoredAWSCredentials -Scope Global }
}
function Get-CoreLocation { [Amazon.Runtime.AWSCredentials].Assembly.Location }
'@
}

AfterAll { Stop-TestServersIfStarted }

Describe 'another AWSSDK.Core 4.x loaded before S3Batch' {
    It 'uses a supported older build: -Credential and $StoredAWSCredentials accept credentials made from it, also in a wrapper' {
        $r = Invoke-ChildPwsh -Environment ($ChildEnv + @{ CORE = $SupportedCore; TESTMODULE = $TestModuleDll }) -Script ($ChildFunctions + @'
Add-Type -Path $env:CORE
Import-Module $env:S3BATCH_TEST_MODULE
Import-Module $env:TESTMODULE
$credential = [Amazon.Runtime.BasicAWSCredentials]::new('S3RVER', 'S3RVER')
$jobId = New-Job $credential
$wrong = try { Get-S3BatchJob -JobId $jobId -Credential ([Amazon.Runtime.BasicAWSCredentials]::new('S3RVER', 'wrong')); 'accepted' } catch { $_.FullyQualifiedErrorId }
[pscustomobject]@{
    Core = Get-CoreLocation
    JobId = $jobId
    ByParameter = (Get-S3BatchJob -JobId $jobId -Credential $credential).JobId
    Stored = Test-Stored $credential $jobId
    StoredWrapper = Test-Stored (New-TestAwsCredential -AccessKey S3RVER -SecretKey S3RVER -Wrapped) $jobId
    WrongKey = $wrong
}
'@)
        $r.Core | Should -Be $SupportedCore
        $r.JobId | Should -Match '^[0-9a-f-]{36}$'
        $r.ByParameter | Should -Be $r.JobId
        $r.Stored | Should -Be $r.JobId
        $r.StoredWrapper | Should -Be $r.JobId
        $r.WrongKey | Should -Match '^GetS3BatchJobSignatureDoesNotMatch,'
    }

    It 'refuses an older build than it supports, at import, with a clear error' {
        $r = Invoke-ChildPwsh -Environment ($ChildEnv + @{ CORE = $TooOldCore }) -Script @'
Add-Type -Path $env:CORE
try { Import-Module $env:S3BATCH_TEST_MODULE; [pscustomobject]@{ Id = 'imported' } }
catch { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Imported = [bool](Get-Module S3Batch) } }
'@
        $r.Id | Should -Be 'S3BatchUnsupportedAwsSdk,Microsoft.PowerShell.Commands.ImportModuleCommand'
        $r.Message | Should -BeLike "*needs AWSSDK.Core $Supported or later*AWSSDK.Core $TooOld from '$TooOldCore'*"
        $r.Imported | Should -BeFalse
    }

    It 'refuses it at the first AWS call when it was loaded after the import' {
        $r = Invoke-ChildPwsh -Environment ($ChildEnv + @{ CORE = $TooOldCore }) -Script @'
Import-Module $env:S3BATCH_TEST_MODULE
Add-Type -Path $env:CORE
try { Get-S3BatchJob -JobId 00000000-0000-0000-0000-000000000000 -AccessKey S3RVER -SecretKey S3RVER; 'ran' } catch { $_.FullyQualifiedErrorId }
'@
        $r | Should -Be 'S3BatchUnsupportedAwsSdk,S3Batch.Cmdlets.GetS3BatchJobCommand'
    }
}

Describe 'S3Batch before another module built on AWSSDK.Core 4.x' {
    It 'loads no AWSSDK assembly at import, so a module that ships its own AWSSDK.Core imports after it, and S3Batch then uses that build' {
        $r = Invoke-ChildPwsh -Environment ($ChildEnv + @{ BUNDLING = $BundlingModule }) -Script ($ChildFunctions + @'
Import-Module $env:S3BATCH_TEST_MODULE
$atImport = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'AWSSDK.*' }).Count
try { Import-Module (Join-Path $env:BUNDLING 'S3BatchTestAws.psd1') }
catch { throw "$_ Loaded: $([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'AWSSDK.*' } | ForEach-Object Location)" }
$credential = New-TestAwsCredential -AccessKey S3RVER -SecretKey S3RVER
$jobId = New-Job $credential
[pscustomobject]@{
    AwsSdkAtImport = $atImport
    Core = Get-CoreLocation
    JobId = $jobId
    StoredWrapper = Test-Stored (New-TestAwsCredential -AccessKey S3RVER -SecretKey S3RVER -Wrapped) $jobId
}
'@)
        $r.AwsSdkAtImport | Should -Be 0
        $r.Core | Should -Be (Join-Path $BundlingModule 'AWSSDK.Core.dll')
        $r.JobId | Should -Match '^[0-9a-f-]{36}$'
        $r.StoredWrapper | Should -Be $r.JobId
    }

    It 'after its first AWS call, a module compiled against another build binds to the AWSSDK.Core S3Batch loaded, and its credentials work' {
        $r = Invoke-ChildPwsh -Environment ($ChildEnv + @{ TESTMODULE = $TestModuleDll }) -Script ($ChildFunctions + @'
Import-Module $env:S3BATCH_TEST_MODULE
$first = New-Job $null
Import-Module $env:TESTMODULE
$credential = New-TestAwsCredential -AccessKey S3RVER -SecretKey S3RVER
[pscustomobject]@{
    Core = Get-CoreLocation
    TestModuleCore = $credential.GetType().Assembly.Location
    First = $first
    JobId = New-Job $credential
    StoredWrapper = Test-Stored (New-TestAwsCredential -AccessKey S3RVER -SecretKey S3RVER -Wrapped) $first
}
'@)
        $moduleCore = Join-Path (Split-Path $ModulePath) 'AWSSDK.Core.dll'
        $r.Core | Should -Be $moduleCore
        $r.TestModuleCore | Should -Be $moduleCore
        $r.First | Should -Match '^[0-9a-f-]{36}$'
        $r.JobId | Should -Match '^[0-9a-f-]{36}$'
        $r.StoredWrapper | Should -Be $r.First
    }
}
