using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using S3Batch.Model;

namespace S3Batch.Protocol.Xml
{
    /// <summary>
    /// Writes a shape as REST-XML the way botocore's RestXMLSerializer does: the root element
    /// carries the namespace, members in the model's order under their locationName, lists as
    /// &lt;member&gt; (or the member's locationName), maps as entry/key/value, timestamps ISO 8601 UTC
    /// (microseconds only when non-zero), booleans true/false, empty elements as &lt;x /&gt;,
    /// no XML declaration.
    /// </summary>
    internal sealed class XmlShapeWriter : IShapeVisitor
    {
        private readonly XmlWriter _writer;
        private readonly string _ns;

        private XmlShapeWriter(XmlWriter writer, string ns)
        {
            _writer = writer;
            _ns = ns;
        }

        /// <summary>Serializes <paramref name="shape"/> under a root element named <paramref name="rootName"/>.</summary>
        public static byte[] Serialize(string rootName, IShape shape, string ns = ServiceLimits.XmlNamespace)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                OmitXmlDeclaration = true,
                Indent = false,
                NewLineHandling = NewLineHandling.None,
                CheckCharacters = true,
            };
            using var stream = new MemoryStream();
            using (var xml = XmlWriter.Create(stream, settings))
            {
                xml.WriteStartElement(rootName, ns);
                shape.Visit(new XmlShapeWriter(xml, ns));
                xml.WriteEndElement();
            }

            return stream.ToArray();
        }

        /// <summary>The wire form of a timestamp (botocore's _timestamp_iso8601).</summary>
        public static string FormatTimestamp(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
            return utc.Ticks % TimeSpan.TicksPerSecond / 10 > 0
                ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)
                : utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        public string? String(string name, string? value, StringShape shape, bool required = false)
        {
            if (value is not null)
            {
                Text(name, value);
            }

            return value;
        }

        public bool? Boolean(string name, bool? value, bool required = false)
        {
            if (value is bool b)
            {
                Text(name, b ? "true" : "false");
            }

            return value;
        }

        public int? Integer(string name, int? value, NumberShape shape, bool required = false)
        {
            if (value is int i)
            {
                Text(name, i.ToString(CultureInfo.InvariantCulture));
            }

            return value;
        }

        public long? Long(string name, long? value, NumberShape shape, bool required = false)
        {
            if (value is long l)
            {
                Text(name, l.ToString(CultureInfo.InvariantCulture));
            }

            return value;
        }

        public DateTime? Timestamp(string name, DateTime? value, bool required = false)
        {
            if (value is DateTime d)
            {
                Text(name, FormatTimestamp(d));
            }

            return value;
        }

        public T? Structure<T>(string name, T? value, bool required = false)
            where T : class, IShape, new()
        {
            if (value is not null)
            {
                _writer.WriteStartElement(name, _ns);
                value.Visit(this);
                _writer.WriteEndElement();
            }

            return value;
        }

        public List<T>? StructureList<T>(string name, List<T>? value, ListShape shape, bool required = false)
            where T : class, IShape, new()
        {
            if (value is not null)
            {
                _writer.WriteStartElement(name, _ns);
                foreach (var item in value)
                {
                    Structure(shape.ItemName, item);
                }

                _writer.WriteEndElement();
            }

            return value;
        }

        public List<string>? StringList(string name, List<string>? value, ListShape shape, StringShape item, bool required = false)
        {
            if (value is not null)
            {
                _writer.WriteStartElement(name, _ns);
                foreach (var s in value)
                {
                    Text(shape.ItemName, s);
                }

                _writer.WriteEndElement();
            }

            return value;
        }

        public SortedDictionary<string, string>? Map(string name, SortedDictionary<string, string>? value, MapShape shape, bool required = false)
        {
            if (value is not null)
            {
                _writer.WriteStartElement(name, _ns);
                foreach (var pair in value)
                {
                    _writer.WriteStartElement("entry", _ns);
                    Text("key", pair.Key);
                    Text("value", pair.Value);
                    _writer.WriteEndElement();
                }

                _writer.WriteEndElement();
            }

            return value;
        }

        private void Text(string name, string text)
        {
            _writer.WriteStartElement(name, _ns);
            if (text.Length > 0)
            {
                _writer.WriteString(text);
            }

            _writer.WriteEndElement();
        }
    }
}
