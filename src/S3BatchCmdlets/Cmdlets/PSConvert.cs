using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>Turns what PowerShell users type (hashtables, objects, switches) into model values.</summary>
    internal static class PSConvert
    {
        /// <summary>A hashtable as a map sorted by key (ordinal), so that the same input always makes the same request.</summary>
        public static SortedDictionary<string, string>? Map(IDictionary? table)
        {
            if (table is null)
            {
                return null;
            }

            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table)
            {
                map[Text(entry.Key)] = Text(entry.Value);
            }

            return map;
        }

        /// <summary>A hashtable as a tag set sorted by key.</summary>
        public static List<S3Tag>? Tags(IDictionary? table) =>
            Map(table)?.Select(p => new S3Tag(p.Key, p.Value)).ToList();

        /// <summary>Grants from hashtables or objects with Type (or TypeIdentifier), Identifier, DisplayName and Permission.</summary>
        public static List<S3Grant>? Grants(object[]? items) =>
            items?.Select(item => new S3Grant
            {
                Grantee = new S3Grantee
                {
                    TypeIdentifier = Property(item, "Type") ?? Property(item, "TypeIdentifier"),
                    Identifier = Property(item, "Identifier"),
                    DisplayName = Property(item, "DisplayName"),
                },
                Permission = Property(item, "Permission"),
            }).ToList();

        /// <summary>A property of a hashtable or an object, as text, or null.</summary>
        public static string? Property(object? item, string name)
        {
            var value = item is PSObject ps ? ps.BaseObject : item;
            if (value is null)
            {
                return null;
            }

            if (value is IDictionary table)
            {
                foreach (DictionaryEntry entry in table)
                {
                    if (string.Equals(Text(entry.Key), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return entry.Value is null ? null : Text(entry.Value);
                    }
                }

                return null;
            }

            var property = PSObject.AsPSObject(item).Properties[name];
            return property?.Value is { } v ? Text(v) : null;
        }

        /// <summary>A switch as an optional boolean: absent sends nothing, -X sends true, -X:$false sends false.</summary>
        public static bool? Switch(PSCmdlet cmdlet, string name, SwitchParameter value) =>
            cmdlet.MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : null;

        /// <summary>
        /// A session variable's value as the resolver reads it ($StoredAWSCredentials, $StoredAWSRegion):
        /// the object itself, PSObject unwrapped; for a [pscustomobject], whose base object is the one
        /// PSCustomObject PowerShell shares among them all, the value of its <paramref name="property"/>.
        /// </summary>
        public static object? SessionValue(object? value, string property)
        {
            if (value is not PSObject ps)
            {
                return value;
            }

            if (ps.BaseObject is not PSCustomObject)
            {
                return ps.BaseObject;
            }

            // Without that property it stays what it is, which the resolver then refuses by its type.
            var found = ps.Properties[property];
            return found is null ? ps.BaseObject : found.Value is PSObject wrapped ? wrapped.BaseObject : found.Value;
        }

        /// <summary>A value as text, the way PowerShell converts it.</summary>
        public static string Text(object? value) => LanguagePrimitives.ConvertTo<string>(value is PSObject ps ? ps.BaseObject : value) ?? string.Empty;
    }
}
