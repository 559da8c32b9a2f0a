#Requires -Version 7.2
# Pester 5 tests for tools/Build-Help.ps1 and tools/Get-HelpExample.ps1.
#
# Self-contained: in $TestDrive it compiles a two-cmdlet binary module named S3BatchCmdlets
# (Add-Type -OutputAssembly in a child pwsh: no NuGet, no dotnet build), writes markdown pages for
# it, runs the builder, and checks what Get-Help shows in a fresh pwsh. Every module import
# happens in a child pwsh, so this process never loads an S3BatchCmdlets assembly (the real
# module can be loaded by other tests in the same run).
#
# If $env:S3BATCH_MODULE_PATH points at the built module's .psd1, the real docs/en-US (or
# $env:S3BATCH_HELP_SOURCE) is also built against it: the same check as the build.
#
#   Invoke-Pester -Path tests/pester/Help.Builder.Tests.ps1 -Output Detailed

BeforeAll {
    function script:Assert-Has([string] $Text, [string] $Expected) {
        $Text | Should -Match ([regex]::Escape($Expected))
    }

    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:Builder = Join-Path $script:RepoRoot 'tools/Build-Help.ps1'
    $script:ExampleLister = Join-Path $script:RepoRoot 'tools/Get-HelpExample.ps1'

    function script:Get-PwshCommand {
        # The running PowerShell as executable + leading arguments ('dotnet pwsh.dll' for the .NET tool).
        $exe = [System.Environment]::ProcessPath
        $leaf = [System.IO.Path]::GetFileNameWithoutExtension($exe)
        if ($leaf -eq 'pwsh') { return @($exe) }
        $dll = Join-Path $PSHOME 'pwsh.dll'
        if ($leaf -eq 'dotnet' -and (Test-Path $dll)) { return @($exe, $dll) }
        @((Get-Command pwsh -CommandType Application | Select-Object -First 1).Source)
    }

    function script:Invoke-Pwsh {
        # Runs a script text in a fresh 'pwsh -NoProfile -File'; returns exit code and output.
        param([string] $ScriptText, [string[]] $Arguments = @())
        $file = Join-Path $TestDrive ('child-' + [guid]::NewGuid().ToString('n') + '.ps1')
        Set-Content -LiteralPath $file -Value $ScriptText -Encoding utf8
        $cmd = @(Get-PwshCommand)
        $pre = @($cmd | Select-Object -Skip 1)
        $output = & $cmd[0] @pre -NoProfile -NonInteractive -File $file @Arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = (@($output) -join "`n") }
    }

    function script:Write-Page {
        param([string] $Folder, [string] $Name, [string] $Text)
        New-Item -ItemType Directory -Path $Folder -Force | Out-Null
        [System.IO.File]::WriteAllText((Join-Path $Folder $Name), $Text, (New-Object System.Text.UTF8Encoding $false))
    }

    function script:Get-BuildError {
        # Runs the builder in this process; returns the error message ('' if it did not fail).
        param([string] $Source, [string] $Output)
        try { & $script:Builder -ModulePath $script:ModulePsd1 -SourcePath $Source -OutputPath $Output; '' }
        catch { $_.Exception.Message }
    }

    # --- The fixture module: New-FxJob (two sets, pipeline, switch, ShouldProcess), Get-FxJob. ---
    $script:ModuleDir = Join-Path $TestDrive 'S3Batch'
    New-Item -ItemType Directory -Path $script:ModuleDir | Out-Null
    $source = @'
using System.Management.Automation;
namespace S3Batch.Fixture
{
    public class JobThing { public string JobId { get; set; } }

    [Cmdlet(VerbsCommon.New, "FxJob", DefaultParameterSetName = "ByManifest", SupportsShouldProcess = true)]
    [OutputType(typeof(JobThing))]
    public class NewFxJobCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByManifest", ValueFromPipeline = true)]
        [Alias("Manifest")]
        public string ManifestPath { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ByReport", ValueFromPipelineByPropertyName = true)]
        public string[] ReportKey { get; set; }

        [Parameter(Position = 1)]
        public int Priority { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ByReport")]
        [Parameter(ParameterSetName = "ByManifest")]
        public string Region { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ShouldProcess(ManifestPath ?? "report", "Create job"))
                WriteObject(new JobThing { JobId = "job-1" });
        }
    }

    [Cmdlet(VerbsCommon.Get, "FxJob")]
    public class GetFxJobCommand : PSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string JobId { get; set; }
        protected override void ProcessRecord() { WriteObject(new JobThing { JobId = JobId ?? "job-1" }); }
    }
}
'@
    Set-Content -LiteralPath (Join-Path $TestDrive 'Fixture.cs') -Value $source -Encoding utf8
    $compile = Invoke-Pwsh -ScriptText @'
param($Source, $Dll)
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition (Get-Content -Raw -LiteralPath $Source) -OutputAssembly $Dll -OutputType Library
'@ -Arguments @((Join-Path $TestDrive 'Fixture.cs'), (Join-Path $script:ModuleDir 'S3BatchCmdlets.dll'))
    if ($compile.ExitCode -ne 0) { throw "Fixture module did not compile:`n$($compile.Output)" }
    $script:ModulePsd1 = Join-Path $script:ModuleDir 'S3Batch.psd1'
    Set-Content -LiteralPath $script:ModulePsd1 -Encoding utf8 -Value @'
@{
    RootModule        = 'S3BatchCmdlets.dll'
    ModuleVersion     = '0.1.0'
    GUID              = '6f0c7a34-1b2d-4c6e-9a51-2f3e4d5c6b7a'
    CmdletsToExport   = @('New-FxJob', 'Get-FxJob')
    FunctionsToExport = @()
    AliasesToExport   = @()
}
'@

    # --- The pages. ---
    $script:Docs = Join-Path $TestDrive 'docs/en-US'
    $script:NewPage = @'
---
external help file: S3BatchCmdlets.dll-Help.xml
Module Name: S3Batch
---

# New-FxJob

## SYNOPSIS
Creates a fixture job from a manifest or a report.

## SYNTAX
```
New-FxJob -StaleSyntaxThatMustBeIgnored
```

## DESCRIPTION
The **New-FxJob** cmdlet creates a job. It checks A & B <tags> "quoted".
Second line of the same paragraph.

A second paragraph with a [link](https://example.com/docs) and `New-FxJob -Force`.

- first item
- second item

## EXAMPLES

### Example 1: Create a job from a manifest
```powershell
New-FxJob -ManifestPath 's3://bucket/manifest.csv' -Priority 5
```

This creates a job with priority 5.

### Example 2: Pipe report keys
```powershell
[pscustomobject]@{ ReportKey = 'a', 'b'; Region = 'eu-west-1' } | New-FxJob -WhatIf
```

```output
What if: Performing the operation "Create job" on target "report".
```

The report keys come from the pipeline by property name.

## PARAMETERS

### -ManifestPath
The S3 URI of the manifest & its <ETag>.

```yaml
Type: String
Default value: None
```

### -ReportKey
Keys of the report objects.

### -Priority
Job priority; higher runs first.

```yaml
Default value: 10
```

### -Region
The AWS Region.

### -Force
Creates the job without asking.

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String
A manifest path.

## OUTPUTS

### S3Batch.Fixture.JobThing
The created job.

## NOTES
Jobs are created in the account of the caller.

## RELATED LINKS
[Get-FxJob]()
[about_S3Batch]()
[Online docs](https://example.com/s3batch)
'@
    $script:GetPage = @'
# Get-FxJob

## SYNOPSIS
Gets a fixture job.

## DESCRIPTION
Gets the job with the given ID.

## EXAMPLES

### Example 1: Get a job
```powershell
Get-FxJob -JobId job-1
```

## PARAMETERS

### -JobId
The job ID.
'@
    $script:AboutPage = @'
# about_S3Batch

## SHORT DESCRIPTION
Explains how to run Amazon S3 Batch Operations jobs with the S3Batch module.

## LONG DESCRIPTION
The S3Batch module wraps Amazon S3 Batch Operations. It lets you create, watch and cancel jobs that act on millions of objects with one request, from a manifest or from an inventory report, and it **never** stores credentials.

### Getting started
Import the module, then create a job:

```powershell
Import-Module S3Batch
New-S3BatchJob -Manifest s3://bucket/manifest.csv -RoleArn arn:aws:iam::123456789012:role/batch
```

- Jobs run in the account of the caller, in the region of the manifest bucket, unless you say otherwise.
- Reports go to a bucket of your choice.

## SEE ALSO
- [New-FxJob]()
'@
    Write-Page $script:Docs 'New-FxJob.md' $script:NewPage
    Write-Page $script:Docs 'Get-FxJob.md' $script:GetPage
    Write-Page $script:Docs 'about_S3Batch.md' $script:AboutPage
    Write-Page $script:Docs 'README.md' "# Authors' notes`nNot a cmdlet page."

    # --- Build the help into the module folder, as the build does. ---
    $script:OutDir = Join-Path $script:ModuleDir 'en-US'
    $script:Written = @(& $script:Builder -ModulePath $script:ModulePsd1 -SourcePath $script:Docs -OutputPath $script:OutDir -PassThru)
    $script:MamlPath = Join-Path $script:OutDir 'S3BatchCmdlets.dll-Help.xml'
    $script:AboutPath = Join-Path $script:OutDir 'about_S3Batch.help.txt'
}

Describe 'Build-Help.ps1 output files' {
    It 'writes the MAML file named after the assembly and the about topic' {
        $script:Written.Name | Should -Be @('S3BatchCmdlets.dll-Help.xml', 'about_S3Batch.help.txt')
        $script:MamlPath | Should -Exist
        $script:AboutPath | Should -Exist
    }

    Context 'MAML' {
        BeforeAll {
            $script:Xml = New-Object System.Xml.XmlDocument
            $script:Xml.Load($script:MamlPath)
            $script:NsM = New-Object System.Xml.XmlNamespaceManager $script:Xml.NameTable
            $script:NsM.AddNamespace('h', 'http://msh')
            $script:NsM.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
            $script:NsM.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
            $script:NsM.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
            function script:Select-Maml([string] $XPath) { @($script:Xml.SelectNodes($XPath, $script:NsM)) }
            $script:NewCmd = "/h:helpItems/command:command[command:details/command:name='New-FxJob']"
        }

        It 'is UTF-8 helpItems with one command:command per exported cmdlet' {
            $script:Xml.DocumentElement.LocalName | Should -Be 'helpItems'
            $script:Xml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
            (Select-Maml '/h:helpItems/command:command/command:details/command:name').InnerText | Sort-Object |
                Should -Be @('Get-FxJob', 'New-FxJob')
            $bytes = [System.IO.File]::ReadAllBytes($script:MamlPath)
            $bytes[0] | Should -Be ([byte][char]'<')   # no BOM; the declaration says utf-8
            [System.Text.Encoding]::UTF8.GetString($bytes) | Should -Match '^<\?xml version="1.0" encoding="utf-8"\?>'
        }

        It 'has every section Get-Help reads' {
            foreach ($part in 'command:details/command:verb', 'command:details/command:noun', 'command:details/maml:description/maml:para',
                'maml:description/maml:para', 'command:syntax/command:syntaxItem', 'command:parameters/command:parameter',
                'command:inputTypes/command:inputType', 'command:returnValues/command:returnValue', 'maml:alertSet/maml:alert',
                'command:examples/command:example/dev:code', 'command:relatedLinks/maml:navigationLink') {
                (Select-Maml "$script:NewCmd/$part").Count | Should -BeGreaterThan 0 -Because $part
            }
            (Select-Maml "$script:NewCmd/command:details/command:verb").InnerText | Should -Be 'New'
            (Select-Maml "$script:NewCmd/command:details/command:noun").InnerText | Should -Be 'FxJob'
        }

        It 'escapes markup characters and keeps them as text' {
            $raw = Get-Content -Raw -LiteralPath $script:MamlPath
            $raw | Should -Match ([regex]::Escape('A &amp; B &lt;tags&gt;'))
            (Select-Maml "$script:NewCmd/maml:description/maml:para")[0].InnerText |
                Should -Be 'The New-FxJob cmdlet creates a job. It checks A & B <tags> "quoted". Second line of the same paragraph.'
        }

        It 'has one syntax item per parameter set, default set first, from the metadata' {
            $items = Select-Maml "$script:NewCmd/command:syntax/command:syntaxItem"
            $items.Count | Should -Be 2
            @($items[0].SelectNodes('command:parameter/maml:name', $script:NsM).InnerText) |
                Should -Be @('ManifestPath', 'Priority', 'Region', 'Force', 'WhatIf', 'Confirm')
            @($items[1].SelectNodes('command:parameter/maml:name', $script:NsM).InnerText) |
                Should -Be @('Priority', 'ReportKey', 'Region', 'Force', 'WhatIf', 'Confirm')
            $script:Xml.OuterXml | Should -Not -Match 'StaleSyntaxThatMustBeIgnored'
            (Select-Maml "//command:parameter[maml:name='Verbose' or maml:name='ErrorAction']").Count | Should -Be 0
        }

        It 'writes no parameterValue for a switch in SYNTAX' {
            (Select-Maml "$script:NewCmd/command:syntax/command:syntaxItem/command:parameter[maml:name='Force']/command:parameterValue").Count | Should -Be 0
        }
    }
}

Describe 'Get-Help in a fresh pwsh' {
    BeforeAll {
        $json = Join-Path $TestDrive 'gethelp.json'
        $run = Invoke-Pwsh -Arguments @($script:ModulePsd1, $json) -ScriptText @'
param($ModulePath, $OutFile)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $ModulePath
$w = 250
[ordered]@{
    Full         = Get-Help New-FxJob -Full | Out-String -Width $w
    Examples     = Get-Help New-FxJob -Examples | Out-String -Width $w
    Manifest     = Get-Help New-FxJob -Parameter ManifestPath | Out-String -Width $w
    Priority     = Get-Help New-FxJob -Parameter Priority | Out-String -Width $w
    Region       = Get-Help New-FxJob -Parameter Region | Out-String -Width $w
    Force        = Get-Help New-FxJob -Parameter Force | Out-String -Width $w
    WhatIf       = Get-Help New-FxJob -Parameter WhatIf | Out-String -Width $w
    GetFull      = Get-Help Get-FxJob -Full | Out-String -Width $w
    About        = Get-Help about_S3Batch | Out-String -Width $w
    AboutSynopsis = (Get-Help about_S3Batch*).Synopsis
} | ConvertTo-Json | Set-Content -LiteralPath $OutFile -Encoding utf8
'@
        if ($run.ExitCode -ne 0) { throw "Get-Help child failed:`n$($run.Output)" }
        $script:Help = Get-Content -Raw -LiteralPath $json | ConvertFrom-Json
    }

    It 'Get-Help -Full shows synopsis, description and syntax from the metadata' {
        $full = $script:Help.Full
        Assert-Has $full 'Creates a fixture job from a manifest or a report.'
        Assert-Has $full 'A second paragraph with a link (https://example.com/docs) and `New-FxJob -Force`.'
        Assert-Has $full 'New-FxJob [-ManifestPath] <String> [[-Priority] <Int32>] [-Region <String>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]'
        Assert-Has $full 'New-FxJob [[-Priority] <Int32>] -ReportKey <String[]> -Region <String> [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]'
        $full | Should -Not -Match 'StaleSyntax'
    }

    It 'Get-Help -Full shows parameters, inputs, outputs, notes and related links' {
        $full = $script:Help.Full
        Assert-Has $full 'Keys of the report objects.'
        Assert-Has $full 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
        Assert-Has $full 'Prompts you for confirmation before running the cmdlet.'
        $full | Should -Match '(?m)^INPUTS\s+System\.String\s+A manifest path\.'
        $full | Should -Match '(?m)^OUTPUTS\s+S3Batch\.Fixture\.JobThing\s+The created job\.'
        $full | Should -Match '(?ms)^NOTES\s+Jobs are created in the account of the caller\.'
        $full | Should -Match '(?m)^RELATED LINKS\s+Get-FxJob\s+about_S3Batch\s+Online docs https://example\.com/s3batch'
    }

    It 'Get-Help -Examples shows each title, code and remarks' {
        $ex = $script:Help.Examples
        $ex | Should -Match '-+ Example 1: Create a job from a manifest -+'
        Assert-Has $ex "New-FxJob -ManifestPath 's3://bucket/manifest.csv' -Priority 5"
        Assert-Has $ex 'This creates a job with priority 5.'
        $ex | Should -Match '-+ Example 2: Pipe report keys -+'
        Assert-Has $ex 'What if: Performing the operation "Create job" on target "report".'
        Assert-Has $ex 'The report keys come from the pipeline by property name.'
    }

    It 'Get-Help -Parameter shows the attributes from the metadata' {
        $m = $script:Help.Manifest
        Assert-Has $m '-ManifestPath <String>'
        Assert-Has $m 'The S3 URI of the manifest & its <ETag>.'
        $m | Should -Match 'Required\?\s+true'
        $m | Should -Match 'Position\?\s+0'
        $m | Should -Match 'Accept pipeline input\?\s+True \(ByValue\)'
        $m | Should -Match 'Aliases\s+Manifest'
        $script:Help.Priority | Should -Match 'Default value\s+10'
        $script:Help.Priority | Should -Match 'Position\?\s+1'
        $script:Help.Force | Should -Match '-Force \[<SwitchParameter>\]'
        $script:Help.Force | Should -Match 'Default value\s+False'
        $script:Help.WhatIf | Should -Match 'Aliases\s+wi'
    }

    It 'Get-Help -Parameter tells in which set a parameter is required' {
        $script:Help.Region | Should -Match 'Required\?\s+true'
        Assert-Has $script:Help.Region 'Required in parameter set ByReport; optional in ByManifest.'
    }

    It 'Get-Help of a cmdlet without ShouldProcess shows no -WhatIf' {
        Assert-Has $script:Help.GetFull 'Get-FxJob [-JobId <String>] [<CommonParameters>]'
        $script:Help.GetFull | Should -Match 'Accept pipeline input\?\s+True \(ByPropertyName\)'
        $script:Help.GetFull | Should -Not -Match 'WhatIf'
        $script:Help.GetFull | Should -Not -Match '(?m)^NOTES'   # no notes, no empty heading
    }

    It 'Get-Help about_S3Batch shows the about topic' {
        $about = $script:Help.About
        $about | Should -Match '(?m)^TOPIC\s+about_S3Batch'
        $about | Should -Match '(?m)^SHORT DESCRIPTION\s+Explains how to run Amazon S3 Batch Operations jobs with the S3Batch module\.'
        $about | Should -Match '(?m)^LONG DESCRIPTION'
        $about | Should -Match '(?m)^  Getting started$'
        $about | Should -Match '(?m)^        Import-Module S3Batch$'
        $about | Should -Match '(?m)^    - Reports go to a bucket of your choice\.$'
        $about | Should -Match '(?m)^    - New-FxJob$'
        $about | Should -Not -Match '\*\*'
        $script:Help.AboutSynopsis | Should -Match 'Explains how to run Amazon S3 Batch Operations'
    }

    It 'about_S3Batch.help.txt keeps prose lines within 80 columns' {
        $lines = Get-Content -LiteralPath $script:AboutPath
        @($lines | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^        ' }) | Should -BeNullOrEmpty
        @($lines | Where-Object { $_ -match 'it never stores' }).Count | Should -Be 1
    }
}

Describe 'Get-HelpExample.ps1' {
    BeforeAll {
        $script:Examples = @(& $script:ExampleLister -SourcePath $script:Docs)
    }

    It 'outputs Command, Title and Code for every example code block of every page' {
        $script:Examples.Count | Should -Be 3
        $script:Examples[0].Command | Should -Be 'Get-FxJob'
        $script:Examples[0].Title | Should -Be 'Example 1: Get a job'
        $script:Examples[0].Code | Should -Be 'Get-FxJob -JobId job-1'
        $second = $script:Examples | Where-Object { $_.Command -eq 'New-FxJob' -and $_.Example -eq 2 }
        $second.Title | Should -Be 'Example 2: Pipe report keys'
        $second.Code | Should -Be "[pscustomobject]@{ ReportKey = 'a', 'b'; Region = 'eu-west-1' } | New-FxJob -WhatIf"
    }

    It 'leaves out output blocks, the SYNTAX block and code outside EXAMPLES' {
        $all = ($script:Examples.Code -join "`n")
        $all | Should -Not -Match 'What if:'
        $all | Should -Not -Match 'StaleSyntax'
        $all | Should -Not -Match 'Import-Module S3Batch'
    }

    It 'gives examples that run against the module' {
        $code = ($script:Examples | ForEach-Object { $_.Code }) -join "`n"
        $run = Invoke-Pwsh -Arguments @($script:ModulePsd1) -ScriptText ("param(`$ModulePath)`n`$ErrorActionPreference = 'Stop'`nImport-Module `$ModulePath`n" + $code)
        $run.ExitCode | Should -Be 0 -Because $run.Output
    }
}

Describe 'Build-Help.ps1 failures' {
    BeforeAll {
        # One tree with every kind of problem: the build must list them all at once.
        $script:Bad = Join-Path $TestDrive 'bad/en-US'
        $script:BadOut = Join-Path $TestDrive 'bad-out/en-US'
        $newPage = $script:NewPage.Replace("### -ReportKey`nKeys of the report objects.`n", "### -Bogus`nNo such parameter.`n`n### -Manifest`nAn alias.`n")
        $newPage = $newPage.Replace("## SYNOPSIS`nCreates a fixture job from a manifest or a report.`n", "## SYNOPSIS`n`n")
        Write-Page $script:Bad 'New-FxJob.md' $newPage
        Write-Page $script:Bad 'Remove-FxJob.md' $script:GetPage.Replace('Get-FxJob', 'Remove-FxJob')
        Write-Page $script:Bad 'about_S3Batch.md' $script:AboutPage
        $script:BadMessage = Get-BuildError -Source $script:Bad -Output $script:BadOut

        # Pages without DESCRIPTION / EXAMPLES, and -WhatIf on a cmdlet without ShouldProcess.
        $script:Bad2 = Join-Path $TestDrive 'bad2/en-US'
        Write-Page $script:Bad2 'New-FxJob.md' ($script:NewPage -replace '(?s)## DESCRIPTION.*?(?=## EXAMPLES)', '')
        Write-Page $script:Bad2 'Get-FxJob.md' (($script:GetPage -replace '(?s)## EXAMPLES.*?(?=## PARAMETERS)', '') + "`n### -WhatIf`nNot here.`n")
        $script:Bad2Message = Get-BuildError -Source $script:Bad2 -Output (Join-Path $TestDrive 'bad2-out/en-US')

    }

    It 'fails when an exported cmdlet has no page' {
        Assert-Has $script:BadMessage 'Cmdlet Get-FxJob has no help page (expected '
    }

    It 'fails when a page names a cmdlet the module does not export' {
        Assert-Has $script:BadMessage "Remove-FxJob.md documents 'Remove-FxJob', which is not a cmdlet exported by module S3Batch."
    }

    It 'fails when a parameter has no section' {
        Assert-Has $script:BadMessage "New-FxJob.md: parameter -ReportKey of New-FxJob has no '### -ReportKey' section under '## PARAMETERS'."
    }

    It 'fails when a section names a parameter the cmdlet does not have' {
        Assert-Has $script:BadMessage "New-FxJob.md: '### -Bogus' (line "
        $script:BadMessage | Should -Match "'### -Bogus' \(line \d+\) names a parameter that New-FxJob does not have\."
        $script:BadMessage | Should -Match "'### -Manifest' \(line \d+\) names a parameter that New-FxJob does not have \('Manifest' is an alias of -ManifestPath"
    }

    It 'fails when SYNOPSIS is empty' {
        Assert-Has $script:BadMessage "New-FxJob.md: the '## SYNOPSIS' section is empty."
    }

    It 'lists every problem in one error' {
        $script:BadMessage | Should -Match '^Help build failed with 6 problem\(s\):'
        @($script:BadMessage -split "`n" | Where-Object { $_ -like '  - *' }).Count | Should -Be 6
    }

    It 'writes nothing when it fails' {
        $script:BadOut | Should -Not -Exist
    }

    It 'fails when DESCRIPTION or the examples are missing, or -WhatIf is documented without ShouldProcess' {
        Assert-Has $script:Bad2Message "New-FxJob.md: no '## DESCRIPTION' section."
        Assert-Has $script:Bad2Message 'Get-FxJob.md: no example ('
        Assert-Has $script:Bad2Message "Get-FxJob.md: '### -WhatIf' (line "
        $script:Bad2Message | Should -Match '^Help build failed with 3 problem\(s\):'
    }

    It 'exits 1 from pwsh -File with the problems on the error stream' {
        $cmd = @(Get-PwshCommand)
        $pre = @($cmd | Select-Object -Skip 1)
        $output = & $cmd[0] @pre -NoProfile -NonInteractive -File $script:Builder -ModulePath $script:ModulePsd1 -SourcePath $script:Bad `
            -OutputPath (Join-Path $TestDrive 'bad3-out/en-US') 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 1
        (@($output) -join "`n") | Should -Match 'Cmdlet Get-FxJob has no help page'
    }
}

Describe 'The real module' -Skip:(-not $env:S3BATCH_MODULE_PATH) {
    It 'builds from docs/en-US against $env:S3BATCH_MODULE_PATH' {
        $out = Join-Path $TestDrive 'real/en-US'
        $source = if ($env:S3BATCH_HELP_SOURCE) { $env:S3BATCH_HELP_SOURCE } else { Join-Path $script:RepoRoot 'docs/en-US' }
        $files = @(& $script:Builder -ModulePath $env:S3BATCH_MODULE_PATH -SourcePath $source -OutputPath $out -PassThru)
        $maml = $files | Where-Object Name -like '*.dll-Help.xml'
        $maml | Should -Not -BeNullOrEmpty
        $xml = New-Object System.Xml.XmlDocument
        $xml.Load($maml[0].FullName)
        $xml.DocumentElement.ChildNodes.Count | Should -BeGreaterThan 0
        Join-Path $out 'about_S3Batch.help.txt' | Should -Exist
    }
}
