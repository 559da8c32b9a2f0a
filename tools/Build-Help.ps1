#Requires -Version 5.1
<#
.SYNOPSIS
Builds the module's external help (MAML and about topics) from the markdown in docs/en-US.

.DESCRIPTION
Reads the exported cmdlets of a built module (in a child pwsh, so the build process never
loads the module's assembly), reads one platyPS-like markdown page per cmdlet plus the
about_*.md pages, checks that pages and cmdlets match, and writes:

  <OutputPath>/<HelpFile>            MAML for Get-Help (S3BatchCmdlets.dll-Help.xml: the name the
                                     cmdlets report in CmdletInfo.HelpFile)
  <OutputPath>/about_*.help.txt      plain-text about topics

SYNTAX and the parameter attributes (type, Required, Position, pipeline input, aliases) come
from the cmdlet metadata; only the prose comes from the markdown. The page format is described
in docs/en-US/README.md.

The build stops (throws; 'pwsh -File' exits 1) before writing anything if any page is missing,
extra, incomplete, or out of step with the cmdlet's parameters; the message lists every problem.

With -ListExamples it only parses the pages and outputs one object per example code block
(Command, Title, Code, ...): tools/Get-HelpExample.ps1 is a wrapper for that.

.EXAMPLE
pwsh -NoProfile -File tools/Build-Help.ps1 -ModulePath out/S3Batch/S3Batch.psd1 -SourcePath docs/en-US -OutputPath out/S3Batch/en-US
#>
[CmdletBinding(DefaultParameterSetName = 'Build')]
param(
    # The built module: its .psd1 (or the binary module .dll).
    [Parameter(Mandatory, ParameterSetName = 'Build')]
    [Parameter(Mandatory, ParameterSetName = 'NewPage')]
    [string] $ModulePath,

    # The folder holding <Verb-Noun>.md pages and about_*.md pages (docs/en-US).
    [Parameter(Mandatory, ParameterSetName = 'Build')]
    [Parameter(Mandatory, ParameterSetName = 'Examples')]
    [Parameter(Mandatory, ParameterSetName = 'NewPage')]
    [string] $SourcePath,

    # The culture folder to write into, usually <module folder>/en-US. Created if needed.
    [Parameter(Mandatory, ParameterSetName = 'Build')]
    [string] $OutputPath,

    # Output the FileInfo of every file written.
    [Parameter(ParameterSetName = 'Build')]
    [switch] $PassThru,

    # Only parse the pages and output the example code blocks (no module needed).
    [Parameter(Mandatory, ParameterSetName = 'Examples')]
    [switch] $ListExamples,

    # Write a skeleton page, with every parameter section and {{ Fill ... }} placeholders, for
    # each exported cmdlet that has no page yet; existing pages are never touched. The build
    # fails while a placeholder is left in a page.
    [Parameter(Mandatory, ParameterSetName = 'NewPage')]
    [switch] $NewPage
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false
$script:Utf8Bom = New-Object System.Text.UTF8Encoding $true
$script:CodeLanguages = @('powershell', 'pwsh', 'ps', 'ps1', 'posh')
$script:SplitSections = @('EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS')
$script:PlaceholderPattern = '\{\{ ?(Fill|Add) [^}]*\}\}'
$script:KnownSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:ShouldProcessDefaults = [ordered]@{
    WhatIf  = @{ Aliases = 'wi'; Text = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' }
    Confirm = @{ Aliases = 'cf'; Text = 'Prompts you for confirmation before running the cmdlet.' }
}

#region Markdown reading

function Read-MarkdownPage {
    # Splits a page into H1 title and H2 sections; sections named in $script:SplitSections are
    # further split into H3 subsections. Headings inside code fences are content.
    param([Parameter(Mandatory)][string] $Path)

    $lines = [System.IO.File]::ReadAllLines($Path, $script:Utf8NoBom)
    $page = [pscustomobject]@{
        Path      = $Path
        FileName  = [System.IO.Path]::GetFileName($Path)
        BaseName  = [System.IO.Path]::GetFileNameWithoutExtension($Path)
        Title     = $null
        TitleLine = 0
        Sections  = New-Object System.Collections.Generic.List[object]
    }
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        # YAML front matter (platyPS writes one); skipped.
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') { $i++ }
        $i++
    }
    $section = $null
    $sub = $null
    $fence = $null
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        $lineNo = $i + 1
        if ($null -eq $fence) {
            if ($line -match '^\s{0,3}(`{3,}|~{3,})') { $fence = $Matches[1] }
            elseif ($line -match '^#\s+(.+?)\s*#*\s*$') {
                if ($null -eq $page.Title) { $page.Title = $Matches[1].Trim(); $page.TitleLine = $lineNo; continue }
            }
            elseif ($line -match '^##\s+(.+?)\s*#*\s*$') {
                $section = [pscustomobject]@{
                    Name  = $Matches[1].Trim().ToUpperInvariant() -replace '\s+', ' '
                    Line  = $lineNo
                    Lines = New-Object System.Collections.Generic.List[string]
                    Subs  = New-Object System.Collections.Generic.List[object]
                }
                $page.Sections.Add($section)
                $sub = $null
                continue
            }
            elseif ($null -ne $section -and $script:SplitSections -contains $section.Name -and $line -match '^###\s+(.+?)\s*#*\s*$') {
                $sub = [pscustomobject]@{
                    Title = $Matches[1].Trim()
                    Line  = $lineNo
                    Lines = New-Object System.Collections.Generic.List[string]
                }
                $section.Subs.Add($sub)
                continue
            }
        }
        elseif ($line -match '^\s{0,3}(`{3,}|~{3,})\s*$' -and $Matches[1][0] -eq $fence[0] -and $Matches[1].Length -ge $fence.Length) {
            $fence = $null
        }
        if ($null -ne $sub) { $sub.Lines.Add($line) }
        elseif ($null -ne $section) { $section.Lines.Add($line) }
    }
    $page
}

function Get-PageSection {
    param($Page, [string] $Name)
    foreach ($s in $Page.Sections) { if ($s.Name -eq $Name) { return $s } }
    $null
}

function ConvertTo-MarkdownBlock {
    # Turns markdown body lines into blocks: Para, Item (list item), Code, Heading, Table.
    param([AllowEmptyCollection()][string[]] $Lines)

    $blocks = New-Object System.Collections.Generic.List[object]
    $cur = $null
    $fence = $null
    $code = $null
    $flush = {
        if ($null -ne $cur) { $blocks.Add($cur); Set-Variable -Name cur -Value $null -Scope 1 }
    }
    foreach ($line in @($Lines)) {
        if ($null -ne $fence) {
            if ($line -match '^\s{0,3}(`{3,}|~{3,})\s*$' -and $Matches[1][0] -eq $fence[0] -and $Matches[1].Length -ge $fence.Length) {
                # Drop the indentation shared by all code lines.
                $body = @($code.Lines)
                $indents = @($body | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length })
                $cut = if ($indents.Count) { ($indents | Measure-Object -Minimum).Minimum } else { 0 }
                $code.Text = (@($body | ForEach-Object { if ($_.Length -ge $cut) { $_.Substring($cut).TrimEnd() } else { $_.TrimEnd() } }) -join "`n").Trim("`n")
                $blocks.Add($code)
                $fence = $null; $code = $null
            }
            else { $code.Lines.Add($line) }
            continue
        }
        if ($line -match '^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)') {
            & $flush
            $fence = $Matches[1]
            $code = [pscustomobject]@{ Kind = 'Code'; Lang = $Matches[2].ToLowerInvariant(); Lines = New-Object System.Collections.Generic.List[string]; Text = '' }
            continue
        }
        if (-not $line.Trim()) { & $flush; continue }
        if ($line -match '^#{1,6}\s+(.+?)\s*#*\s*$') {
            & $flush
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Text = $Matches[1]; Marker = '' })
            continue
        }
        if ($line -match '^\s*\|') {
            if ($null -eq $cur -or $cur.Kind -ne 'Table') { & $flush; $cur = [pscustomobject]@{ Kind = 'Table'; Text = ''; Rows = New-Object System.Collections.Generic.List[string] } }
            $cur.Rows.Add($line.Trim())
            continue
        }
        if ($line -match '^\s{0,3}([-*+]|\d+[.)])\s+(.*)$') {
            & $flush
            $bullet = $Matches[1]; $itemText = $Matches[2].Trim()
            $marker = if ($bullet -match '^\d') { $bullet } else { '-' }
            $cur = [pscustomobject]@{ Kind = 'Item'; Text = $itemText; Marker = $marker }
            continue
        }
        if ($null -ne $cur -and $cur.Kind -eq 'Table') { & $flush }
        if ($null -eq $cur) { $cur = [pscustomobject]@{ Kind = 'Para'; Text = $line.Trim(); Marker = '' } }
        else { $cur.Text = $cur.Text + ' ' + $line.Trim() }
    }
    if ($null -ne $fence) {
        $code.Text = (@($code.Lines) -join "`n").Trim("`n")
        $blocks.Add($code)
    }
    & $flush
    foreach ($b in $blocks) { if ($b.Kind -eq 'Table') { $b.Text = @($b.Rows) -join "`n" } }
    , $blocks.ToArray()
}

function ConvertFrom-MarkdownInline {
    # Plain text for prose: links become 'text (uri)', emphasis markers and backslash escapes go.
    # Code spans (`...`) are kept as they are, backticks included.
    param([string] $Text)
    if (-not $Text) { return '' }
    $parts = [regex]::Split($Text, '(`+[^`]*`+)')
    $out = foreach ($p in $parts) {
        if ($p -match '^`') { $p; continue }
        $s = [regex]::Replace($p, '!?\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)', {
                param($m)
                $t = $m.Groups[1].Value; $u = $m.Groups[2].Value
                if (-not $u -or $u -eq $t) { $t } elseif (-not $t) { $u } else { "$t ($u)" }
            })
        $s = $s -replace '<(https?://[^>\s]+)>', '$1'
        $s = $s -replace '(\*\*|__)(?=\S)(.+?)(?<=\S)\1', '$2'
        $s = $s -replace '(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])', '$1'
        $s = $s -replace '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1'
        $s
    }
    ($out -join '')
}

function Get-ProseBlock {
    # Blocks with inline markdown converted, for MAML paragraphs.
    param([AllowEmptyCollection()][string[]] $Lines)
    foreach ($b in (ConvertTo-MarkdownBlock -Lines $Lines)) {
        switch ($b.Kind) {
            'Code' { [pscustomobject]@{ Kind = 'Code'; Text = $b.Text; Lang = $b.Lang } }
            'Table' { [pscustomobject]@{ Kind = 'Table'; Text = $b.Text } }
            default { [pscustomobject]@{ Kind = $b.Kind; Text = (ConvertFrom-MarkdownInline $b.Text); Marker = $b.Marker } }
        }
    }
}

function Test-HasText {
    param([AllowEmptyCollection()][string[]] $Lines)
    foreach ($l in @($Lines)) { if ($l.Trim()) { return $true } }
    $false
}

function Get-CmdletPageFile {
    param([string] $Path)
    @(Get-ChildItem -LiteralPath $Path -Filter '*.md' -File |
            Where-Object { $_.Name -ne 'README.md' -and $_.Name -notlike 'about_*' } |
            Sort-Object Name)
}

function Get-AboutPageFile {
    param([string] $Path)
    @(Get-ChildItem -LiteralPath $Path -Filter 'about_*.md' -File | Sort-Object Name)
}

function Get-PageExample {
    # One object per example (### heading under ## EXAMPLES) with its PowerShell code blocks and
    # the rest of its content (text, output blocks) as remarks.
    param($Page)
    $section = Get-PageSection $Page 'EXAMPLES'
    if ($null -eq $section) { return }
    $n = 0
    foreach ($sub in $section.Subs) {
        $n++
        $blocks = ConvertTo-MarkdownBlock -Lines @($sub.Lines)
        $code = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $script:CodeLanguages -contains $_.Lang })
        $remarks = @($blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $script:CodeLanguages -contains $_.Lang) })
        [pscustomobject]@{
            Number  = $n
            Title   = ConvertFrom-MarkdownInline $sub.Title
            Line    = $sub.Line
            Code    = @($code | ForEach-Object { $_.Text })
            Remarks = $remarks
        }
    }
}

#endregion

#region Cmdlet metadata (child process)

$script:MetadataScript = @'
param([string] $ModulePath, [string] $OutFile)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @('Verbose', 'Debug', 'ErrorAction',
    'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable',
    'OutVariable', 'OutBuffer', 'PipelineVariable', 'UseTransaction', 'WhatIf', 'Confirm')
function Get-FriendlyTypeName([type] $t) {
    if ($t.IsArray) { return (Get-FriendlyTypeName $t.GetElementType()) + '[]' }
    $u = [Nullable]::GetUnderlyingType($t)
    if ($null -ne $u) { return Get-FriendlyTypeName $u }
    if ($t.IsGenericType) {
        return ($t.Name -replace '`\d+$', '') + '[' + ((@($t.GetGenericArguments()) | ForEach-Object { Get-FriendlyTypeName $_ }) -join ', ') + ']'
    }
    $t.Name
}
$module = @(Import-Module -Name $ModulePath -PassThru -Force -DisableNameChecking)[0]
$commands = foreach ($c in @($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $sets = foreach ($set in @($c.ParameterSets)) {
        $params = foreach ($p in @($set.Parameters)) {
            if ($common -contains $p.Name) { continue }
            if ($c.Parameters.ContainsKey($p.Name) -and $c.Parameters[$p.Name].IsDynamic) { continue }
            [ordered]@{
                Name                            = $p.Name
                Type                            = Get-FriendlyTypeName $p.ParameterType
                TypeFullName                    = $p.ParameterType.FullName
                IsSwitch                        = ($p.ParameterType -eq [System.Management.Automation.SwitchParameter])
                IsMandatory                     = [bool] $p.IsMandatory
                Position                        = $(if ($p.Position -ge 0) { $p.Position } else { $null })
                ValueFromPipeline               = [bool] $p.ValueFromPipeline
                ValueFromPipelineByPropertyName = [bool] $p.ValueFromPipelineByPropertyName
                ValueFromRemainingArguments     = [bool] $p.ValueFromRemainingArguments
                Aliases                         = @($p.Aliases)
            }
        }
        [ordered]@{ Name = $set.Name; IsDefault = [bool] $set.IsDefault; Parameters = @($params) }
    }
    [ordered]@{
        Name                  = $c.Name
        Verb                  = $c.Verb
        Noun                  = $c.Noun
        HelpFile              = $c.HelpFile
        DefaultParameterSet   = $c.DefaultParameterSet
        SupportsShouldProcess = $c.Parameters.ContainsKey('WhatIf')
        OutputTypes           = @($c.OutputType | ForEach-Object { if ($null -ne $_.Type) { $_.Type.FullName } else { $_.Name } })
        ParameterSets         = @($sets)
    }
}
$result = [ordered]@{ ModuleName = $module.Name; ModuleBase = $module.ModuleBase; Commands = @($commands) }
[System.IO.File]::WriteAllText($OutFile, (ConvertTo-Json -InputObject $result -Depth 12), (New-Object System.Text.UTF8Encoding $false))
'@

function Get-PwshInvocation {
    # The same PowerShell that runs this script, as an executable plus leading arguments
    # (pwsh, powershell.exe, or 'dotnet pwsh.dll' when run as a .NET tool).
    $exe = $null
    try { $exe = [System.Environment]::ProcessPath } catch { $exe = $null }
    if (-not $exe) { $exe = (Get-Process -Id $PID).Path }
    $leaf = [System.IO.Path]::GetFileNameWithoutExtension($exe)
    if ($leaf -eq 'pwsh' -or $leaf -eq 'powershell') { return @($exe) }
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ($leaf -eq 'dotnet' -and (Test-Path -LiteralPath $dll)) { return @($exe, $dll) }
    foreach ($name in 'pwsh.exe', 'pwsh', 'powershell.exe') {
        $candidate = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return @($candidate) }
    }
    $cmd = Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cmd) { return @($cmd.Source) }
    throw "Cannot find a pwsh executable to read the module's cmdlet metadata."
}

function Get-CmdletMetadata {
    param([string] $Path)
    $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ('s3batch-help-' + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $tmp | Out-Null
    try {
        $scriptFile = Join-Path $tmp 'Read-Metadata.ps1'
        $jsonFile = Join-Path $tmp 'metadata.json'
        [System.IO.File]::WriteAllText($scriptFile, $script:MetadataScript, $script:Utf8Bom)
        $invocation = @(Get-PwshInvocation)
        $exe = $invocation[0]
        $pre = @($invocation | Select-Object -Skip 1)
        $eap = $ErrorActionPreference
        $ErrorActionPreference = 'Continue'
        try {
            $output = & $exe @pre -NoProfile -NonInteractive -File $scriptFile -ModulePath $Path -OutFile $jsonFile 2>&1 |
                ForEach-Object { "$_" }
            $exit = $LASTEXITCODE
        }
        finally { $ErrorActionPreference = $eap }
        if ($exit -ne 0 -or -not (Test-Path -LiteralPath $jsonFile)) {
            throw "Could not read the cmdlet metadata of '$Path' (child pwsh exit code $exit):`n$(@($output) -join "`n")"
        }
        ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($jsonFile, $script:Utf8NoBom))
    }
    finally { Remove-Item -LiteralPath $tmp -Recurse -Force -ErrorAction SilentlyContinue }
}

#endregion

#region Validation and model

function Get-CommandParameter {
    # Distinct non-common parameters of a cmdlet across its sets, in metadata order, with the
    # per-set attributes folded into one entry.
    param($Command)
    $map = [ordered]@{}
    foreach ($set in @($Command.ParameterSets)) {
        foreach ($p in @($set.Parameters)) {
            if (-not $map.Contains($p.Name)) {
                $map[$p.Name] = [pscustomobject]@{ Name = $p.Name; Type = $p.Type; IsSwitch = $p.IsSwitch; Aliases = @($p.Aliases); Sets = New-Object System.Collections.Generic.List[object] }
            }
            $map[$p.Name].Sets.Add([pscustomobject]@{ Set = $set.Name; Param = $p })
        }
    }
    @($map.Values)
}

function Test-CmdletPage {
    # Returns problem strings for one page against one cmdlet's metadata.
    param($Page, $Command)
    $name = $Page.FileName
    $problems = New-Object System.Collections.Generic.List[string]
    if ($Page.Title -ne $Command.Name) {
        $problems.Add("${name}: the title ('# $($Page.Title)') must be the cmdlet name '# $($Command.Name)'.")
    }
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION') {
        $s = Get-PageSection $Page $required
        if ($null -eq $s) { $problems.Add("${name}: no '## $required' section.") }
        elseif (-not (Test-HasText $s.Lines)) { $problems.Add("${name}: the '## $required' section is empty.") }
    }
    $examples = @(Get-PageExample $Page)
    if ($examples.Count -eq 0) {
        $problems.Add("${name}: no example (add '### Example 1: <title>' with a ``````powershell code block under '## EXAMPLES').")
    }
    foreach ($e in $examples) {
        if ($e.Code.Count -eq 0) { $problems.Add("${name}: example '$($e.Title)' (line $($e.Line)) has no ``````powershell code block.") }
    }
    foreach ($s in $Page.Sections) {
        if ($script:KnownSections -notcontains $s.Name) {
            $problems.Add("${name}: unknown section '## $($s.Name)' (line $($s.Line)); known: $($script:KnownSections -join ', ').")
        }
    }

    $lineNo = 0
    foreach ($l in [System.IO.File]::ReadAllLines($Page.Path)) {
        $lineNo++
        if ($l -match $script:PlaceholderPattern) { $problems.Add("${name}: line $lineNo still has the placeholder '$($Matches[0])'.") }
    }

    $params = Get-CommandParameter $Command
    $documented = @{}
    $section = Get-PageSection $Page 'PARAMETERS'
    if ($null -ne $section) {
        foreach ($sub in $section.Subs) {
            if ($sub.Title -eq 'CommonParameters') { continue }
            $pn = $sub.Title -replace '^-', ''
            $match = @($params | Where-Object { $_.Name -eq $pn })
            $isShouldProcess = $Command.SupportsShouldProcess -and $script:ShouldProcessDefaults.Contains($pn)
            if ($match.Count -eq 0 -and -not $isShouldProcess) {
                $alias = @($params | Where-Object { $_.Aliases -contains $pn })
                $hint = if ($alias.Count) { " ('$pn' is an alias of -$($alias[0].Name): use '### -$($alias[0].Name)')" } else { '' }
                $problems.Add("${name}: '### $($sub.Title)' (line $($sub.Line)) names a parameter that $($Command.Name) does not have$hint.")
                continue
            }
            if ($sub.Title -notmatch '^-') {
                $problems.Add("${name}: parameter heading '### $($sub.Title)' (line $($sub.Line)) must start with '-'.")
            }
            $key = $pn.ToLowerInvariant()
            if ($documented.ContainsKey($key)) {
                $problems.Add("${name}: parameter -$pn is documented twice (line $($documented[$key]) and line $($sub.Line)).")
                continue
            }
            $documented[$key] = $sub.Line
            $bodyLines = @(Split-ParameterYaml -Lines @($sub.Lines)).Description
            if (-not (Test-HasText $bodyLines)) {
                $problems.Add("${name}: the '### $($sub.Title)' section (line $($sub.Line)) has no description.")
            }
        }
    }
    foreach ($p in $params) {
        if (-not $documented.ContainsKey($p.Name.ToLowerInvariant())) {
            $problems.Add("${name}: parameter -$($p.Name) of $($Command.Name) has no '### -$($p.Name)' section under '## PARAMETERS'.")
        }
    }
    , $problems.ToArray()
}

function Split-ParameterYaml {
    # A parameter section may carry platyPS's ```yaml block; only 'Default value' and
    # 'Accept wildcard characters' are read from it (the rest comes from the metadata).
    param([AllowEmptyCollection()][string[]] $Lines)
    $desc = New-Object System.Collections.Generic.List[string]
    $default = $null; $globbing = $null
    $inYaml = $false
    foreach ($l in @($Lines)) {
        if (-not $inYaml -and $l -match '^\s{0,3}```\s*yaml\s*$') { $inYaml = $true; continue }
        if ($inYaml) {
            if ($l -match '^\s{0,3}```\s*$') { $inYaml = $false; continue }
            if ($l -match '^\s*Default value:\s*(.*)$') { $default = $Matches[1].Trim() }
            elseif ($l -match '^\s*Accept wildcard characters:\s*(.*)$') { $globbing = ($Matches[1].Trim() -match '^(true|yes)$') }
            continue
        }
        $desc.Add($l)
    }
    [pscustomobject]@{ Description = $desc.ToArray(); DefaultValue = $default; Globbing = $globbing }
}

#endregion

#region MAML writing

$script:Ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Write-El {
    param([System.Xml.XmlWriter] $W, [string] $Name, [AllowEmptyString()][AllowNull()][string] $Text)
    $prefix, $local = $Name -split ':', 2
    $W.WriteStartElement($prefix, $local, $script:Ns[$prefix])
    if ($null -ne $Text -and $Text -ne '') { $W.WriteString($Text) }
    $W.WriteEndElement()
}

function Start-El {
    param([System.Xml.XmlWriter] $W, [string] $Name, [System.Collections.IDictionary] $Attributes)
    $prefix, $local = $Name -split ':', 2
    $W.WriteStartElement($prefix, $local, $script:Ns[$prefix])
    if ($Attributes) { foreach ($k in $Attributes.Keys) { $W.WriteAttributeString([string] $k, [string] $Attributes[$k]) } }
}

function ConvertTo-ParaText {
    # Blocks as the texts of maml:para elements. Get-Help trims a para's leading white space but
    # keeps its line breaks and inner indentation, so consecutive list items share one para and
    # a code block joins the para before it, indented.
    param([AllowEmptyCollection()][object[]] $Blocks)
    $paras = New-Object System.Collections.Generic.List[string]
    $prev = $null
    foreach ($b in @($Blocks)) {
        if ($null -eq $b) { continue }
        switch ($b.Kind) {
            'Item' {
                $t = $b.Marker + ' ' + $b.Text
                if ($prev -eq 'Item') { $paras[$paras.Count - 1] += "`n" + $t } else { $paras.Add($t) }
            }
            'Code' {
                $t = (@($b.Text -split "`n") | ForEach-Object { if ($_) { '    ' + $_ } else { '' } }) -join "`n"
                if ($prev -eq 'Para' -or $prev -eq 'Item') { $paras[$paras.Count - 1] += "`n`n" + $t } else { $paras.Add($t) }
            }
            'Blank' { $paras.Add('') }
            default { $paras.Add($b.Text) }
        }
        $prev = $b.Kind
    }
    $paras.ToArray()
}

function Write-Paras {
    # <maml:description> (or another container) holding the blocks as maml:para elements.
    param([System.Xml.XmlWriter] $W, [string] $Container, [AllowEmptyCollection()][object[]] $Blocks)
    Start-El $W $Container
    $paras = @(ConvertTo-ParaText $Blocks)
    if ($paras.Count -eq 0) { $paras = @('') }
    foreach ($t in $paras) { Write-El $W 'maml:para' $t }
    $W.WriteEndElement()
}

function Get-PipelineInputText {
    param([bool] $ByValue, [bool] $ByPropertyName)
    if ($ByValue -and $ByPropertyName) { 'True (ByValue, ByPropertyName)' }
    elseif ($ByValue) { 'True (ByValue)' }
    elseif ($ByPropertyName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Get-FoldedAttribute {
    # One attribute value from per-set values: the value if all sets agree, else 'v (Set), ...'.
    param([object[]] $PerSet)
    $distinct = @($PerSet | ForEach-Object { $_.Value } | Select-Object -Unique)
    if ($distinct.Count -le 1) { return [string] $distinct[0] }
    (@($PerSet | ForEach-Object { "$($_.Value) ($($_.Set))" }) -join ', ')
}

function Write-MamlParameter {
    param(
        [System.Xml.XmlWriter] $W, [string] $Name, [string] $Type, [bool] $IsSwitch, [string] $Required,
        [string] $Position, [string] $PipelineInput, [string] $Aliases, [bool] $Globbing, [string] $DefaultValue,
        [object[]] $DescriptionBlocks, [bool] $InSyntax
    )
    Start-El $W 'command:parameter' ([ordered]@{
            required      = $Required
            variableLength = 'true'
            globbing      = $(if ($Globbing) { 'true' } else { 'false' })
            pipelineInput = $PipelineInput
            position      = $Position
            aliases       = $Aliases
        })
    Write-El $W 'maml:name' $Name
    Write-Paras $W 'maml:description' $DescriptionBlocks
    if (-not ($IsSwitch -and $InSyntax)) {
        Start-El $W 'command:parameterValue' ([ordered]@{ required = $(if ($IsSwitch) { 'false' } else { 'true' }); variableLength = 'false' })
        $W.WriteString($Type)
        $W.WriteEndElement()
    }
    Start-El $W 'dev:type'
    Write-El $W 'maml:name' $Type
    Write-El $W 'maml:uri' ''
    $W.WriteEndElement()
    Write-El $W 'dev:defaultValue' $DefaultValue
    $W.WriteEndElement()
}

function Get-TypeSectionEntry {
    # INPUTS / OUTPUTS entries from the page, or from the metadata when the page has none.
    param($Page, [string] $SectionName, [string[]] $FromMetadata)
    $section = Get-PageSection $Page $SectionName
    $entries = New-Object System.Collections.Generic.List[object]
    if ($null -ne $section) {
        foreach ($sub in $section.Subs) {
            $entries.Add([pscustomobject]@{ Type = (ConvertFrom-MarkdownInline $sub.Title); Blocks = @(Get-ProseBlock -Lines @($sub.Lines)) })
        }
        if ($entries.Count -eq 0 -and (Test-HasText $section.Lines)) {
            $entries.Add([pscustomobject]@{ Type = ''; Blocks = @(Get-ProseBlock -Lines @($section.Lines)) })
        }
    }
    if ($entries.Count -eq 0) {
        foreach ($t in @($FromMetadata | Where-Object { $_ } | Select-Object -Unique)) {
            $entries.Add([pscustomobject]@{ Type = $t; Blocks = @() })
        }
        if ($entries.Count -eq 0) { $entries.Add([pscustomobject]@{ Type = 'None'; Blocks = @() }) }
    }
    $entries.ToArray()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $W, $Command, $Page)

    $params = Get-CommandParameter $Command
    $paramDoc = @{}
    $section = Get-PageSection $Page 'PARAMETERS'
    if ($null -ne $section) {
        foreach ($sub in $section.Subs) {
            $pn = ($sub.Title -replace '^-', '').ToLowerInvariant()
            $split = Split-ParameterYaml -Lines @($sub.Lines)
            $paramDoc[$pn] = [pscustomobject]@{ Blocks = @(Get-ProseBlock -Lines $split.Description); DefaultValue = $split.DefaultValue; Globbing = $split.Globbing }
        }
    }
    $docFor = {
        param([string] $ParamName, [bool] $IsSwitch)
        $d = $paramDoc[$ParamName.ToLowerInvariant()]
        $blocks = @()
        $default = $(if ($IsSwitch) { 'False' } else { 'None' })
        $glob = $false
        if ($null -ne $d) {
            $blocks = $d.Blocks
            if ($d.DefaultValue) { $default = $d.DefaultValue }
            if ($null -ne $d.Globbing) { $glob = [bool] $d.Globbing }
        }
        elseif ($script:ShouldProcessDefaults.Contains($ParamName)) {
            $blocks = @([pscustomobject]@{ Kind = 'Para'; Text = $script:ShouldProcessDefaults[$ParamName].Text; Marker = '' })
        }
        [pscustomobject]@{ Blocks = $blocks; DefaultValue = $default; Globbing = $glob }
    }
    $shouldProcess = @()
    if ($Command.SupportsShouldProcess) { $shouldProcess = @($script:ShouldProcessDefaults.Keys) }

    Start-El $W 'command:command'
    foreach ($p in 'maml', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $p, $null, $script:Ns[$p]) }

    $synopsis = Get-PageSection $Page 'SYNOPSIS'
    $synopsisText = (@(Get-ProseBlock -Lines @($synopsis.Lines)) | ForEach-Object { $_.Text }) -join ' '
    Start-El $W 'command:details'
    Write-El $W 'command:name' $Command.Name
    Write-El $W 'command:verb' $Command.Verb
    Write-El $W 'command:noun' $Command.Noun
    Write-Paras $W 'maml:description' @([pscustomobject]@{ Kind = 'Para'; Text = $synopsisText; Marker = '' })
    $W.WriteEndElement()

    Write-Paras $W 'maml:description' @(Get-ProseBlock -Lines @((Get-PageSection $Page 'DESCRIPTION').Lines))

    # SYNTAX: one item per parameter set, default set first; positional parameters by position,
    # then mandatory, then optional ones, then -WhatIf/-Confirm.
    Start-El $W 'command:syntax'
    # (Sort keys end with the metadata index: Windows PowerShell has no Sort-Object -Stable.)
    $i = 0
    $sets = @(@($Command.ParameterSets) | ForEach-Object { [pscustomobject]@{ Index = $i++; Set = $_ } } |
            Sort-Object @{ Expression = { -not $_.Set.IsDefault } }, Index | ForEach-Object { $_.Set })
    foreach ($set in $sets) {
        Start-El $W 'command:syntaxItem'
        Write-El $W 'maml:name' $Command.Name
        $i = 0
        $ordered = @(@($set.Parameters) | ForEach-Object { [pscustomobject]@{ Index = $i++; P = $_ } } |
                Sort-Object @{ Expression = { if ($null -ne $_.P.Position) { 0 } elseif ($_.P.IsMandatory) { 1 } else { 2 } } },
                @{ Expression = { if ($null -ne $_.P.Position) { [int] $_.P.Position } else { 0 } } }, Index |
                ForEach-Object { $_.P })
        foreach ($p in $ordered) {
            $d = & $docFor $p.Name $p.IsSwitch
            Write-MamlParameter -W $W -Name $p.Name -Type $p.Type -IsSwitch $p.IsSwitch `
                -Required $(if ($p.IsMandatory) { 'true' } else { 'false' }) `
                -Position $(if ($null -ne $p.Position) { [string] $p.Position } else { 'named' }) `
                -PipelineInput (Get-PipelineInputText $p.ValueFromPipeline $p.ValueFromPipelineByPropertyName) `
                -Aliases $(if (@($p.Aliases).Count) { @($p.Aliases) -join ', ' } else { 'none' }) `
                -Globbing $d.Globbing -DefaultValue $d.DefaultValue -DescriptionBlocks $d.Blocks -InSyntax $true
        }
        foreach ($sp in $shouldProcess) {
            $d = & $docFor $sp $true
            Write-MamlParameter -W $W -Name $sp -Type 'SwitchParameter' -IsSwitch $true -Required 'false' -Position 'named' `
                -PipelineInput 'False' -Aliases $script:ShouldProcessDefaults[$sp].Aliases -Globbing $false -DefaultValue 'False' `
                -DescriptionBlocks $d.Blocks -InSyntax $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # PARAMETERS: every parameter once, alphabetical like Get-Help's own listing of platyPS help,
    # attributes that differ between sets shown per set.
    Start-El $W 'command:parameters'
    foreach ($p in @($params | Sort-Object Name)) {
        $d = & $docFor $p.Name $p.IsSwitch
        # Get-Help reads 'required' as a boolean: true when mandatory in any set, and a note
        # in the description tells which sets when they differ.
        $mandatorySets = @($p.Sets | Where-Object { $_.Param.IsMandatory } | ForEach-Object { $_.Set })
        $optionalSets = @($p.Sets | Where-Object { -not $_.Param.IsMandatory } | ForEach-Object { $_.Set })
        $required = if ($mandatorySets.Count) { 'true' } else { 'false' }
        $blocks = @($d.Blocks)
        if ($mandatorySets.Count -and $optionalSets.Count) {
            $blocks += [pscustomobject]@{ Kind = 'Para'; Marker = ''; Text = ('Required in parameter set {0}; optional in {1}.' -f ($mandatorySets -join ', '), ($optionalSets -join ', ')) }
        }
        $position = Get-FoldedAttribute @($p.Sets | ForEach-Object { [pscustomobject]@{ Set = $_.Set; Value = $(if ($null -ne $_.Param.Position) { [string] $_.Param.Position } else { 'named' }) } })
        $byValue = @($p.Sets | Where-Object { $_.Param.ValueFromPipeline }).Count -gt 0
        $byName = @($p.Sets | Where-Object { $_.Param.ValueFromPipelineByPropertyName }).Count -gt 0
        Write-MamlParameter -W $W -Name $p.Name -Type $p.Type -IsSwitch $p.IsSwitch -Required $required -Position $position `
            -PipelineInput (Get-PipelineInputText $byValue $byName) `
            -Aliases $(if (@($p.Aliases).Count) { @($p.Aliases) -join ', ' } else { 'none' }) `
            -Globbing $d.Globbing -DefaultValue $d.DefaultValue -DescriptionBlocks $blocks -InSyntax $false
    }
    foreach ($sp in $shouldProcess) {
        $d = & $docFor $sp $true
        Write-MamlParameter -W $W -Name $sp -Type 'SwitchParameter' -IsSwitch $true -Required 'false' -Position 'named' `
            -PipelineInput 'False' -Aliases $script:ShouldProcessDefaults[$sp].Aliases -Globbing $false -DefaultValue 'False' `
            -DescriptionBlocks $d.Blocks -InSyntax $false
    }
    $W.WriteEndElement()

    $pipelineTypes = @($params | ForEach-Object {
            $pp = $_
            foreach ($s in $pp.Sets) { if ($s.Param.ValueFromPipeline -or $s.Param.ValueFromPipelineByPropertyName) { $s.Param.TypeFullName } }
        })
    Start-El $W 'command:inputTypes'
    foreach ($e in (Get-TypeSectionEntry $Page 'INPUTS' $pipelineTypes)) {
        Start-El $W 'command:inputType'
        Start-El $W 'dev:type'; Write-El $W 'maml:name' $e.Type; $W.WriteEndElement()
        Write-Paras $W 'maml:description' $e.Blocks
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    Start-El $W 'command:returnValues'
    foreach ($e in (Get-TypeSectionEntry $Page 'OUTPUTS' @($Command.OutputTypes))) {
        Start-El $W 'command:returnValue'
        Start-El $W 'dev:type'; Write-El $W 'maml:name' $e.Type; $W.WriteEndElement()
        Write-Paras $W 'maml:description' $e.Blocks
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # No alertSet without notes: Get-Help then shows no empty NOTES heading.
    $notes = Get-PageSection $Page 'NOTES'
    if ($null -ne $notes -and (Test-HasText $notes.Lines)) {
        Start-El $W 'maml:alertSet'
        Write-Paras $W 'maml:alert' @(Get-ProseBlock -Lines @($notes.Lines))
        $W.WriteEndElement()
    }

    Start-El $W 'command:examples'
    foreach ($e in @(Get-PageExample $Page)) {
        Start-El $W 'command:example'
        # Get-Help prints the title as it is; dashes around it, to 76 columns, as platyPS does.
        $dashes = '-' * [Math]::Max(4, [int][Math]::Floor((76 - $e.Title.Length - 2) / 2))
        Write-El $W 'maml:title' ('{0} {1} {0}' -f $dashes, $e.Title)
        Write-El $W 'dev:code' (@($e.Code) -join "`n`n")
        $remarks = @(foreach ($b in $e.Remarks) {
                if ($b.Kind -eq 'Code' -or $b.Kind -eq 'Table') { $b }
                else { [pscustomobject]@{ Kind = $b.Kind; Text = (ConvertFrom-MarkdownInline $b.Text); Marker = $b.Marker } }
            })
        # A last empty para: a blank line before the next example's title.
        Write-Paras $W 'dev:remarks' (@($remarks) + @([pscustomobject]@{ Kind = 'Blank'; Text = '' }))
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    Start-El $W 'command:relatedLinks'
    $links = Get-PageSection $Page 'RELATED LINKS'
    if ($null -ne $links) {
        foreach ($l in @($links.Lines)) {
            $t = $l.Trim() -replace '^([-*+]|\d+[.)])\s+', ''
            if (-not $t) { continue }
            $text = $t; $uri = ''
            if ($t -match '^\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)') { $text = $Matches[1]; $uri = $Matches[2] }
            elseif ($t -match '^<?(https?://[^>\s]+)>?$') { $text = $Matches[1]; $uri = $Matches[1] }
            Start-El $W 'maml:navigationLink'
            Write-El $W 'maml:linkText' (ConvertFrom-MarkdownInline $text)
            Write-El $W 'maml:uri' $uri
            $W.WriteEndElement()
        }
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

function Write-MamlFile {
    param([string] $Path, [object[]] $Items)
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Replace
    $settings.Encoding = $script:Utf8NoBom
    $settings.CheckCharacters = $true
    $stream = New-Object System.IO.MemoryStream
    $w = [System.Xml.XmlWriter]::Create($stream, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($item in $Items) { Write-MamlCommand -W $w -Command $item.Command -Page $item.Page }
        $w.WriteEndElement()
        $w.WriteEndDocument()
        $w.Flush()
    }
    finally { $w.Dispose() }
    [System.IO.File]::WriteAllBytes($Path, $stream.ToArray())
    # Read it back: well-formed or fail here rather than in Get-Help.
    $check = New-Object System.Xml.XmlDocument
    $check.Load($Path)
}

#endregion

#region About topics

function Format-Wrapped {
    # Word-wraps $Text to $Width columns with $Indent, continuation lines with $Hanging.
    param([string] $Text, [string] $Indent, [string] $Hanging = $Indent, [int] $Width = 80)
    $lines = New-Object System.Collections.Generic.List[string]
    $line = $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line)
            $line = $Hanging + $word
        }
        elseif ($empty) { $line = $line + $word }
        else { $line = $line + ' ' + $word }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line) }
    $lines.ToArray()
}

function ConvertTo-AboutText {
    param($Page)
    $out = New-Object System.Collections.Generic.List[string]
    $out.Add('TOPIC')
    $out.Add('    ' + $Page.BaseName)
    foreach ($s in $Page.Sections) {
        $out.Add('')
        $out.Add($s.Name)
        $first = $true
        # Subsections (### under EXAMPLES and the like) are split off by the reader: put them back.
        $lines = @($s.Lines) + @(foreach ($sub in $s.Subs) { '', "### $($sub.Title)"; $sub.Lines })
        $prev = $null
        foreach ($b in (ConvertTo-MarkdownBlock -Lines $lines)) {
            # A blank line between blocks, except right under a subheading (unless code follows).
            if (-not $first -and ($prev -ne 'Heading' -or $b.Kind -eq 'Code')) { $out.Add('') }
            $first = $false
            $prev = $b.Kind
            switch ($b.Kind) {
                'Heading' { $out.Add('  ' + (ConvertFrom-MarkdownInline $b.Text)) }
                'Code' { foreach ($l in ($b.Text -split "`n")) { $out.Add($(if ($l) { '        ' + $l } else { '' })) } }
                'Table' { foreach ($l in ($b.Text -split "`n")) { $out.Add('    ' + $l) } }
                'Item' {
                    $prefix = $b.Marker + ' '
                    foreach ($l in (Format-Wrapped -Text (ConvertFrom-MarkdownInline $b.Text) -Indent ('    ' + $prefix) -Hanging ('    ' + (' ' * $prefix.Length)))) { $out.Add($l) }
                }
                default { foreach ($l in (Format-Wrapped -Text (ConvertFrom-MarkdownInline $b.Text) -Indent '    ')) { $out.Add($l) } }
            }
        }
    }
    # Consecutive list items read better without blank lines between them.
    $text = ($out -join "`n")
    $text = [regex]::Replace($text, '(?m)^(    (?:-|\d+[.)]) .*(?:\n      .*)*)\n\n(?=    (?:-|\d+[.)]) )', "`$1`n")
    $text = [regex]::Replace($text, '(?m)^(    (?:-|\d+[.)]) .*(?:\n      .*)*)\n\n(?=    (?:-|\d+[.)]) )', "`$1`n")
    $text + "`n"
}

function Test-AboutPage {
    param($Page)
    $problems = New-Object System.Collections.Generic.List[string]
    $name = $Page.FileName
    if ($Page.Title -and $Page.Title -ne $Page.BaseName) {
        $problems.Add("${name}: the title ('# $($Page.Title)') must be the topic name '# $($Page.BaseName)'.")
    }
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        $s = Get-PageSection $Page $required
        if ($null -eq $s -or -not (Test-HasText $s.Lines)) { $problems.Add("${name}: no '## $required' section, or it is empty.") }
    }
    , $problems.ToArray()
}

#endregion

#region Skeleton pages

function New-PageText {
    param($Command)
    $params = Get-CommandParameter $Command
    $sb = New-Object System.Text.StringBuilder
    $add = { param([string] $Line) [void] $sb.Append($Line).Append("`n") }
    & $add "# $($Command.Name)"
    & $add ''
    & $add '## SYNOPSIS'
    & $add '{{ Fill in the Synopsis: one line }}'
    & $add ''
    & $add '## DESCRIPTION'
    & $add '{{ Fill in the Description }}'
    & $add ''
    & $add '## EXAMPLES'
    & $add ''
    & $add '### Example 1: {{ Add example title }}'
    & $add '```powershell'
    & $add "{{ Add example code for $($Command.Name) }}"
    & $add '```'
    & $add ''
    & $add '{{ Add example description }}'
    & $add ''
    & $add '## PARAMETERS'
    foreach ($p in $params) {
        & $add ''
        & $add "### -$($p.Name)"
        & $add "{{ Fill $($p.Name) Description }}"
    }
    $inputs = @($params | ForEach-Object { foreach ($s in $_.Sets) { if ($s.Param.ValueFromPipeline -or $s.Param.ValueFromPipelineByPropertyName) { $s.Param.TypeFullName } } } | Select-Object -Unique)
    & $add ''
    & $add '## INPUTS'
    if ($inputs.Count -eq 0) { $inputs = @('None') }
    foreach ($t in $inputs) { & $add ''; & $add "### $t"; & $add '{{ Fill in what the cmdlet takes from the pipeline }}' }
    $outputs = @($Command.OutputTypes)
    if ($outputs.Count -eq 0) { $outputs = @('None') }
    & $add ''
    & $add '## OUTPUTS'
    foreach ($t in $outputs) { & $add ''; & $add "### $t"; & $add '{{ Fill in what the cmdlet writes }}' }
    & $add ''
    & $add '## NOTES'
    & $add ''
    & $add '## RELATED LINKS'
    & $add ''
    & $add '[about_S3Batch]()'
    $sb.ToString()
}

#endregion

#region Main

if (-not (Test-Path -LiteralPath $SourcePath -PathType Container)) { throw "SourcePath '$SourcePath' is not a folder." }
$SourcePath = (Resolve-Path -LiteralPath $SourcePath).ProviderPath

if ($PSCmdlet.ParameterSetName -eq 'Examples') {
    foreach ($file in @(Get-CmdletPageFile $SourcePath) + @(Get-AboutPageFile $SourcePath)) {
        $page = Read-MarkdownPage -Path $file.FullName
        $command = if ($page.Title) { $page.Title } else { $page.BaseName }
        foreach ($e in @(Get-PageExample $page)) {
            $block = 0
            foreach ($code in $e.Code) {
                $block++
                [pscustomobject]@{
                    PSTypeName = 'S3Batch.HelpExample'
                    Command    = $command
                    Title      = $e.Title
                    Code       = $code
                    Example    = $e.Number
                    Block      = $block
                    Path       = $file.FullName
                    Line       = $e.Line
                }
            }
        }
    }
    return
}

if (-not (Test-Path -LiteralPath $ModulePath)) { throw "ModulePath '$ModulePath' does not exist." }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath

$metadata = Get-CmdletMetadata -Path $ModulePath
$commands = @($metadata.Commands)

if ($PSCmdlet.ParameterSetName -eq 'NewPage') {
    foreach ($c in $commands) {
        $path = Join-Path $SourcePath "$($c.Name).md"
        if (Test-Path -LiteralPath $path) { continue }
        [System.IO.File]::WriteAllText($path, (New-PageText $c), $script:Utf8NoBom)
        Get-Item -LiteralPath $path
    }
    return
}
$problems = New-Object System.Collections.Generic.List[string]
if ($commands.Count -eq 0) { $problems.Add("Module '$ModulePath' exports no cmdlets.") }

$pages = @{}
foreach ($file in (Get-CmdletPageFile $SourcePath)) {
    $page = Read-MarkdownPage -Path $file.FullName
    $pages[$file.BaseName.ToLowerInvariant()] = $page
}
$items = New-Object System.Collections.Generic.List[object]
foreach ($c in $commands) {
    $page = $pages[$c.Name.ToLowerInvariant()]
    if ($null -eq $page) {
        $problems.Add("Cmdlet $($c.Name) has no help page (expected $(Join-Path $SourcePath "$($c.Name).md")).")
        continue
    }
    if ($page.BaseName -cne $c.Name) { $problems.Add("$($page.FileName): the file name must be '$($c.Name).md' (same case as the cmdlet).") }
    foreach ($p in (Test-CmdletPage -Page $page -Command $c)) { $problems.Add($p) }
    $items.Add([pscustomobject]@{ Command = $c; Page = $page })
}
$exported = @($commands | ForEach-Object { $_.Name.ToLowerInvariant() })
foreach ($key in @($pages.Keys | Sort-Object)) {
    if ($exported -notcontains $key) {
        $problems.Add("$($pages[$key].FileName) documents '$($pages[$key].BaseName)', which is not a cmdlet exported by module $($metadata.ModuleName).")
    }
}
$abouts = @(foreach ($file in (Get-AboutPageFile $SourcePath)) {
        $page = Read-MarkdownPage -Path $file.FullName
        foreach ($p in (Test-AboutPage $page)) { $problems.Add($p) }
        $page
    })

if ($problems.Count -gt 0) {
    # ThrowTerminatingError rather than throw: pwsh's concise error view keeps the line breaks.
    $message = "Help build failed with {0} problem(s):`n  - {1}" -f $problems.Count, ($problems -join "`n  - ")
    $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (
                (New-Object System.InvalidOperationException $message), 'HelpBuildFailed',
                [System.Management.Automation.ErrorCategory]::InvalidData, $SourcePath)))
}

if (-not (Test-Path -LiteralPath $OutputPath)) { New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null }
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath
$written = New-Object System.Collections.Generic.List[string]

# One MAML file per help file name the cmdlets report (one per assembly: S3BatchCmdlets.dll-Help.xml).
foreach ($group in @($items | Group-Object { if ($_.Command.HelpFile) { $_.Command.HelpFile } else { 'S3BatchCmdlets.dll-Help.xml' } })) {
    $path = Join-Path $OutputPath $group.Name
    Write-MamlFile -Path $path -Items @($group.Group)
    $written.Add($path)
    Write-Verbose "Wrote $path ($($group.Count) cmdlet(s))."
}
foreach ($page in $abouts) {
    $path = Join-Path $OutputPath ($page.BaseName + '.help.txt')
    [System.IO.File]::WriteAllText($path, (ConvertTo-AboutText $page), $script:Utf8Bom)
    $written.Add($path)
    Write-Verbose "Wrote $path."
}
if ($PassThru) { foreach ($p in $written) { Get-Item -LiteralPath $p } }

#endregion
