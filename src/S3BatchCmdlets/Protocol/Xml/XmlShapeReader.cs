using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using S3Batch.Model;

namespace S3Batch.Protocol.Xml
{
    /// <summary>
    /// Reads REST-XML responses into shapes. Members are matched by local name; elements the
    /// model does not know are ignored (the service adds fields). DTDs are refused and no
    /// entity is ever expanded or resolved.
    /// </summary>
    internal sealed class XmlShapeReader : IShapeVisitor
    {
        /// <summary>The largest response body the client reads (characters).</summary>
        public const long MaxDocumentCharacters = 16L * 1024 * 1024;

        private readonly XElement _element;

        private XmlShapeReader(XElement element) => _element = element;

        /// <summary>Parses a document safely: no DTD, no resolver, bounded size.</summary>
        public static XElement Parse(Stream body)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = MaxDocumentCharacters,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = false,
            };
            using var reader = XmlReader.Create(body, settings);
            return XElement.Load(reader, LoadOptions.None);
        }

        /// <summary>True when <paramref name="error"/> is <see cref="Parse"/> refusing a DTD.</summary>
        public static bool IsDtdRefusal(XmlException error) =>
            error.Message.IndexOf("DTD", StringComparison.Ordinal) >= 0;

        /// <summary>Reads the children of <paramref name="root"/> into a new <typeparamref name="T"/>.</summary>
        public static T Read<T>(XElement root)
            where T : class, IShape, new()
        {
            var shape = new T();
            shape.Visit(new XmlShapeReader(root));
            return shape;
        }

        /// <summary>Parses a timestamp of the wire (ISO 8601) as UTC.</summary>
        public static DateTime ParseTimestamp(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public string? String(string name, string? value, StringShape shape, bool required = false) => Child(name)?.Value;

        public bool? Boolean(string name, bool? value, bool required = false) =>
            Child(name) is { } e ? XmlConvert.ToBoolean(e.Value.Trim()) : null;

        public int? Integer(string name, int? value, NumberShape shape, bool required = false) =>
            Child(name) is { } e ? int.Parse(e.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

        public long? Long(string name, long? value, NumberShape shape, bool required = false) =>
            Child(name) is { } e ? long.Parse(e.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

        public DateTime? Timestamp(string name, DateTime? value, bool required = false) =>
            Child(name) is { } e ? ParseTimestamp(e.Value.Trim()) : null;

        public T? Structure<T>(string name, T? value, bool required = false)
            where T : class, IShape, new() =>
            Child(name) is { } e ? Read<T>(e) : null;

        public List<T>? StructureList<T>(string name, List<T>? value, ListShape shape, bool required = false)
            where T : class, IShape, new() =>
            Child(name) is { } e ? Items(e, shape).Select(Read<T>).ToList() : null;

        public List<string>? StringList(string name, List<string>? value, ListShape shape, StringShape item, bool required = false) =>
            Child(name) is { } e ? Items(e, shape).Select(i => i.Value).ToList() : null;

        public SortedDictionary<string, string>? Map(string name, SortedDictionary<string, string>? value, MapShape shape, bool required = false)
        {
            if (Child(name) is not { } e)
            {
                return null;
            }

            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in e.Elements().Where(x => x.Name.LocalName == "entry"))
            {
                var key = entry.Elements().FirstOrDefault(x => x.Name.LocalName == "key")?.Value;
                if (key is not null)
                {
                    map[key] = entry.Elements().FirstOrDefault(x => x.Name.LocalName == "value")?.Value ?? string.Empty;
                }
            }

            return map;
        }

        private static IEnumerable<XElement> Items(XElement list, ListShape shape) =>
            list.Elements().Where(x => x.Name.LocalName == shape.ItemName);

        private XElement? Child(string name) => _element.Elements().FirstOrDefault(x => x.Name.LocalName == name);
    }
}
