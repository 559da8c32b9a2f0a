using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace S3ControlEmulator;

/// <summary>One operation of the model: its HTTP binding and shapes.</summary>
internal sealed record OperationDef(
    string Name,
    string Method,
    string[] PathTemplate,
    string? InputShape,
    string? InputLocationName,
    string? XmlNamespace,
    string? OutputShape);

/// <summary>
/// The service model (botocore JSON), read at run time, and a generic validator driven by
/// it. Nothing here knows the job operations by name: shapes, required members, lengths,
/// ranges, patterns, enums, list/map limits, unions, locationName, xmlNamespace and the
/// header/uri/querystring bindings all come from the JSON.
/// </summary>
/// <remarks>
/// Error codes chosen for refusals (the service documents none for these cases):
/// a body that is not well-formed XML, has the wrong root, an element the shape does not
/// have, a repeated element, a value that cannot be read as its type (boolean, number,
/// timestamp), or misses a required member is refused with <c>MalformedXML</c>, which is
/// what S3 answers for "XML ... did not validate against our published schema". A value
/// that is well-formed but breaks a constraint (length, range, pattern, enum, list or map
/// size, union with other than one member) is refused with <c>InvalidRequest</c>, as are
/// missing or invalid header/uri/querystring members.
/// </remarks>
internal sealed class ServiceModel
{
    private readonly Dictionary<string, JsonElement> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);
    private readonly JsonDocument _doc;

    private ServiceModel(JsonDocument doc)
    {
        _doc = doc;
        var root = doc.RootElement;
        foreach (var s in root.GetProperty("shapes").EnumerateObject())
        {
            _shapes[s.Name] = s.Value;
        }

        var ops = new List<OperationDef>();
        foreach (var o in root.GetProperty("operations").EnumerateObject())
        {
            var http = o.Value.GetProperty("http");
            string? inputShape = null, inputLoc = null, ns = null, outputShape = null;
            if (o.Value.TryGetProperty("input", out var input))
            {
                inputShape = input.GetProperty("shape").GetString();
                if (input.TryGetProperty("locationName", out var ln))
                {
                    inputLoc = ln.GetString();
                }

                if (input.TryGetProperty("xmlNamespace", out var xns) && xns.TryGetProperty("uri", out var uri))
                {
                    ns = uri.GetString();
                }
            }

            if (o.Value.TryGetProperty("output", out var output))
            {
                outputShape = output.GetProperty("shape").GetString();
            }

            var requestUri = http.GetProperty("requestUri").GetString() ?? "/";
            var pathPart = requestUri.Split('?')[0];
            ops.Add(new OperationDef(
                o.Name,
                http.GetProperty("method").GetString() ?? "GET",
                pathPart.Split('/', StringSplitOptions.RemoveEmptyEntries),
                inputShape,
                inputLoc,
                ns,
                outputShape));
        }

        Operations = ops;
        Namespace = ops.Select(o => o.XmlNamespace).FirstOrDefault(n => n is not null)
            ?? "http://awss3control.amazonaws.com/doc/2018-08-20/";
    }

    public IReadOnlyList<OperationDef> Operations { get; }

    /// <summary>The XML namespace of the service (from the operations' xmlNamespace).</summary>
    public string Namespace { get; }

    public static ServiceModel Load(string path)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new ServiceModel(doc);
    }

    public JsonElement Shape(string name) => _shapes[name];

    /// <summary>Finds the operation for a method and a raw path; fills the uri members.</summary>
    public OperationDef? Match(string method, string rawPath, Dictionary<string, string> uriParams)
    {
        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var op in Operations)
        {
            if (!string.Equals(op.Method, method, StringComparison.OrdinalIgnoreCase)
                || op.PathTemplate.Length != segments.Length)
            {
                continue;
            }

            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var t = op.PathTemplate[i];
                if (t.StartsWith('{') && t.EndsWith('}'))
                {
                    found[t.Trim('{', '}', '+')] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    ok = string.Equals(t, segments[i], StringComparison.Ordinal);
                }
            }

            if (ok)
            {
                foreach (var kv in found)
                {
                    uriParams[kv.Key] = kv.Value;
                }

                return op;
            }
        }

        return null;
    }

    /// <summary>
    /// Validates a whole request against the operation's input shape: the members bound to
    /// headers, the uri and the query string, and the XML body.
    /// </summary>
    public void ValidateInput(
        OperationDef op,
        Func<string, string?> header,
        IReadOnlyDictionary<string, string> uriParams,
        IReadOnlyDictionary<string, List<string>> query,
        XElement? body)
    {
        if (op.InputShape is null)
        {
            return;
        }

        var shape = _shapes[op.InputShape];
        var required = RequiredOf(shape);
        var hasBodyMembers = false;
        foreach (var m in shape.GetProperty("members").EnumerateObject())
        {
            var loc = Str(m.Value, "location");
            var locName = Str(m.Value, "locationName") ?? m.Name;
            var memberShape = Str(m.Value, "shape")!;
            switch (loc)
            {
                case "header":
                    {
                        var v = header(locName);
                        if (v is null)
                        {
                            if (required.Contains(m.Name))
                            {
                                throw new ApiException("InvalidRequest", $"Missing required header for this request: {locName}");
                            }

                            continue;
                        }

                        ValidateScalarText(memberShape, v, locName, malformedCode: "InvalidRequest");
                        break;
                    }

                case "uri":
                    {
                        if (!uriParams.TryGetValue(locName, out var v))
                        {
                            throw new ApiException("InvalidRequest", $"Missing required uri member {locName}.");
                        }

                        ValidateScalarText(memberShape, v, locName, malformedCode: "InvalidRequest");
                        break;
                    }

                case "querystring":
                    {
                        if (!query.TryGetValue(locName, out var values) || values.Count == 0)
                        {
                            if (required.Contains(m.Name))
                            {
                                throw new ApiException("InvalidRequest", $"Missing required query parameter: {locName}");
                            }

                            continue;
                        }

                        var target = _shapes[memberShape];
                        if (Str(target, "type") == "list")
                        {
                            var itemShape = Str(target.GetProperty("member"), "shape")!;
                            CheckCount(target, values.Count, locName);
                            foreach (var v in values)
                            {
                                ValidateScalarText(itemShape, v, locName, malformedCode: "InvalidRequest");
                            }
                        }
                        else
                        {
                            if (values.Count > 1)
                            {
                                throw new ApiException("InvalidRequest", $"Query parameter {locName} may appear only once.");
                            }

                            ValidateScalarText(memberShape, values[0], locName, malformedCode: "InvalidRequest");
                        }

                        break;
                    }

                default:
                    hasBodyMembers = true;
                    break;
            }
        }

        if (!hasBodyMembers)
        {
            return;
        }

        if (body is null)
        {
            throw new ApiException("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
        }

        var rootName = op.InputLocationName ?? op.InputShape;
        var ns = op.XmlNamespace ?? Namespace;
        if (body.Name.LocalName != rootName || body.Name.NamespaceName != ns)
        {
            throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: expected root element {{{ns}}}{rootName}, found {{{body.Name.NamespaceName}}}{body.Name.LocalName}.");
        }

        ValidateStructure(op.InputShape, body, rootName, bodyOnly: true);
    }

    private void ValidateStructure(string shapeName, XElement el, string path, bool bodyOnly)
    {
        var shape = _shapes[shapeName];
        var byElement = new Dictionary<string, (string Member, string Shape)>(StringComparer.Ordinal);
        foreach (var m in shape.GetProperty("members").EnumerateObject())
        {
            if (bodyOnly && Str(m.Value, "location") is not null)
            {
                continue;
            }

            byElement[Str(m.Value, "locationName") ?? m.Name] = (m.Name, Str(m.Value, "shape")!);
        }

        RefuseText(el, path);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in el.Elements())
        {
            var name = child.Name.LocalName;
            if (child.Name.NamespaceName != el.Name.NamespaceName || !byElement.TryGetValue(name, out var member))
            {
                throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: unexpected element {name} in {path}.");
            }

            if (!seen.Add(member.Member))
            {
                throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: element {name} appears more than once in {path}.");
            }

            ValidateValue(member.Shape, child, path + "." + member.Member);
        }

        foreach (var req in RequiredOf(shape))
        {
            if (!seen.Contains(req))
            {
                var m = shape.GetProperty("members").GetProperty(req);
                if (bodyOnly && Str(m, "location") is not null)
                {
                    continue;
                }

                throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: missing required element {req} in {path}.");
            }
        }

        if (shape.TryGetProperty("union", out var u) && u.ValueKind == JsonValueKind.True && seen.Count != 1)
        {
            throw new ApiException("InvalidRequest", $"{path} must have exactly one member set, found {seen.Count}.");
        }
    }

    private void ValidateValue(string shapeName, XElement el, string path)
    {
        var shape = _shapes[shapeName];
        switch (Str(shape, "type"))
        {
            case "structure":
                ValidateStructure(shapeName, el, path, bodyOnly: false);
                break;
            case "list":
                {
                    var member = shape.GetProperty("member");
                    var itemName = Str(member, "locationName") ?? "member";
                    var itemShape = Str(member, "shape")!;
                    RefuseText(el, path);
                    var count = 0;
                    foreach (var child in el.Elements())
                    {
                        if (child.Name.LocalName != itemName || child.Name.NamespaceName != el.Name.NamespaceName)
                        {
                            throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: unexpected element {child.Name.LocalName} in list {path} (items are <{itemName}>).");
                        }

                        ValidateValue(itemShape, child, $"{path}[{count}]");
                        count++;
                    }

                    CheckCount(shape, count, path);
                    break;
                }

            case "map":
                {
                    var keyShape = Str(shape.GetProperty("key"), "shape")!;
                    var valueShape = Str(shape.GetProperty("value"), "shape")!;
                    var keyName = Str(shape.GetProperty("key"), "locationName") ?? "key";
                    var valueName = Str(shape.GetProperty("value"), "locationName") ?? "value";
                    RefuseText(el, path);
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var entry in el.Elements())
                    {
                        if (entry.Name.LocalName != "entry")
                        {
                            throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: unexpected element {entry.Name.LocalName} in map {path}.");
                        }

                        RefuseText(entry, path);
                        var parts = entry.Elements().ToList();
                        var k = parts.Where(p => p.Name.LocalName == keyName).ToList();
                        var v = parts.Where(p => p.Name.LocalName == valueName).ToList();
                        if (k.Count != 1 || v.Count != 1 || parts.Count != 2)
                        {
                            throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: each entry of {path} needs one <{keyName}> and one <{valueName}>.");
                        }

                        ValidateValue(keyShape, k[0], path + ".key");
                        ValidateValue(valueShape, v[0], path + $"[{k[0].Value}]");
                        if (!keys.Add(k[0].Value))
                        {
                            throw new ApiException("InvalidRequest", $"Duplicate key '{k[0].Value}' in {path}.");
                        }
                    }

                    CheckCount(shape, keys.Count, path);
                    break;
                }

            default:
                if (el.HasElements)
                {
                    throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: {path} must be a simple value.");
                }

                ValidateScalarText(shapeName, el.Value, path, malformedCode: "MalformedXML");
                break;
        }
    }

    /// <summary>Validates a scalar given as text (XML element, header, uri or query value).</summary>
    private void ValidateScalarText(string shapeName, string value, string path, string malformedCode)
    {
        var shape = _shapes[shapeName];
        var type = Str(shape, "type");
        switch (type)
        {
            case "string":
                {
                    if (shape.TryGetProperty("enum", out var en))
                    {
                        var allowed = en.EnumerateArray().Select(e => e.GetString()).ToList();
                        if (!allowed.Contains(value, StringComparer.Ordinal))
                        {
                            throw new ApiException("InvalidRequest", $"Value '{value}' at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
                        }
                    }

                    var length = value.EnumerateRunes().Count();
                    if (shape.TryGetProperty("min", out var min) && length < min.GetInt64())
                    {
                        throw new ApiException("InvalidRequest", $"Value at '{path}' failed to satisfy constraint: Member must have length greater than or equal to {min.GetInt64()}");
                    }

                    if (shape.TryGetProperty("max", out var max) && length > max.GetInt64())
                    {
                        throw new ApiException("InvalidRequest", $"Value at '{path}' failed to satisfy constraint: Member must have length less than or equal to {max.GetInt64()}");
                    }

                    if (shape.TryGetProperty("pattern", out var pat))
                    {
                        // Smithy: the pattern must be found in the value; anchored only
                        // where the pattern itself says ^ or $.
                        var rx = PatternOf(pat.GetString()!);
                        if (!rx.IsMatch(value))
                        {
                            throw new ApiException("InvalidRequest", $"Value '{value}' at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pat.GetString()}");
                        }
                    }

                    break;
                }

            case "boolean":
                if (value != "true" && value != "false")
                {
                    throw new ApiException(malformedCode, $"Value '{value}' at '{path}' is not a boolean (true or false).");
                }

                break;
            case "integer":
            case "long":
                {
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                        || (type == "integer" && (n < int.MinValue || n > int.MaxValue)))
                    {
                        throw new ApiException(malformedCode, $"Value '{value}' at '{path}' is not a valid {type}.");
                    }

                    if (shape.TryGetProperty("min", out var min) && n < min.GetInt64())
                    {
                        throw new ApiException("InvalidRequest", $"Value '{value}' at '{path}' failed to satisfy constraint: Member must have value greater than or equal to {min.GetInt64()}");
                    }

                    if (shape.TryGetProperty("max", out var max) && n > max.GetInt64())
                    {
                        throw new ApiException("InvalidRequest", $"Value '{value}' at '{path}' failed to satisfy constraint: Member must have value less than or equal to {max.GetInt64()}");
                    }

                    break;
                }

            case "timestamp":
                if (!TryParseTimestamp(value, out _))
                {
                    throw new ApiException(malformedCode, $"Value '{value}' at '{path}' is not an ISO 8601 timestamp.");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>ISO 8601 date-time with a time zone designator (as rest-xml sends timestamps).</summary>
    public static bool TryParseTimestamp(string value, out DateTimeOffset result)
    {
        result = default;
        if (!Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$"))
        {
            return false;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
    }

    private static void CheckCount(JsonElement shape, int count, string path)
    {
        if (shape.TryGetProperty("min", out var min) && count < min.GetInt64())
        {
            throw new ApiException("InvalidRequest", $"Value at '{path}' failed to satisfy constraint: Member must have at least {min.GetInt64()} item(s)");
        }

        if (shape.TryGetProperty("max", out var max) && count > max.GetInt64())
        {
            throw new ApiException("InvalidRequest", $"Value at '{path}' failed to satisfy constraint: Member must have at most {max.GetInt64()} item(s)");
        }
    }

    private static void RefuseText(XElement el, string path)
    {
        if (el.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            throw new ApiException("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: {path} must not contain text.");
        }
    }

    private Regex PatternOf(string pattern)
    {
        lock (_patterns)
        {
            if (!_patterns.TryGetValue(pattern, out var rx))
            {
                rx = new Regex(ToDotNet(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                _patterns[pattern] = rx;
            }

            return rx;
        }
    }

    /// <summary>
    /// Smithy patterns are ECMA-262 regular expressions, where an escaped character that
    /// has no special meaning stands for itself ("\_"); .NET refuses such escapes of word
    /// characters, so they become the plain character. Everything else is kept.
    /// </summary>
    internal static string ToDotNet(string pattern)
    {
        const string known = "dDwWsSbBnrtfvuxcpPk0123456789";
        var sb = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[++i];
                if ((char.IsLetterOrDigit(n) || n == '_') && !known.Contains(n, StringComparison.Ordinal))
                {
                    sb.Append(n);
                }
                else
                {
                    sb.Append(c).Append(n);
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static HashSet<string> RequiredOf(JsonElement shape)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (shape.TryGetProperty("required", out var req))
        {
            foreach (var r in req.EnumerateArray())
            {
                set.Add(r.GetString()!);
            }
        }

        return set;
    }

    private static string? Str(JsonElement el, string name) =>
        el.ValueKind == JsonValueKind.Object && el.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Keeps the parsed document alive for the process lifetime.</summary>
    public override string ToString() => _doc.RootElement.GetProperty("metadata").GetProperty("uid").GetString() ?? "model";
}
