using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Xml;
using S3Batch.Model;
using S3Batch.Protocol;
using S3Batch.Protocol.Xml;
using Xunit;

namespace S3Batch.Tests.Protocol
{
    /// <summary>Response XML that tries to expand entities, read files or exhaust memory is refused.</summary>
    public sealed class HostileXmlTests : IDisposable
    {
        private readonly string _secretFile = Path.Combine(Path.GetTempPath(), $"s3batch-xxe-{Guid.NewGuid():N}.txt");

        public HostileXmlTests() => File.WriteAllText(_secretFile, "TOP-SECRET-FILE-CONTENT");

        public void Dispose() => File.Delete(_secretFile);

        private static XmlException Refused(string xml) =>
            Assert.Throws<XmlException>(() => XmlShapeReader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        [Fact]
        public void AnInternalEntityIsRefused()
        {
            var e = Refused("<!DOCTYPE r [<!ENTITY x \"expanded\">]><DescribeJobResult><Job><JobId>&x;</JobId></Job></DescribeJobResult>");
            Assert.True(XmlShapeReader.IsDtdRefusal(e));
        }

        [Fact]
        public void AnExternalEntityIsRefusedWithoutReadingTheFile()
        {
            var uri = new Uri(_secretFile).AbsoluteUri;
            var before = File.GetLastAccessTimeUtc(_secretFile);
            var e = Refused($"<!DOCTYPE r [<!ENTITY x SYSTEM \"{uri}\">]><r>&x;</r>");
            Assert.True(XmlShapeReader.IsDtdRefusal(e));
            Assert.DoesNotContain("TOP-SECRET", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AnExternalDtdIsRefused()
        {
            var e = Refused($"<!DOCTYPE r SYSTEM \"{new Uri(_secretFile).AbsoluteUri}\"><r/>");
            Assert.True(XmlShapeReader.IsDtdRefusal(e));
        }

        [Fact]
        public void ABillionLaughsIsRefusedAtOnce()
        {
            var xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
            for (var i = 1; i <= 9; i++)
            {
                xml.Append("<!ENTITY lol").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" \"").Append(string.Concat(System.Linq.Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))).Append("\">");
            }

            xml.Append("]><lolz>&lol9;</lolz>");
            var watch = Stopwatch.StartNew();
            Refused(xml.ToString());
            Assert.True(watch.ElapsedMilliseconds < 2000);
        }

        [Fact]
        public void ADocumentBeyondTheSizeLimitIsRefused()
        {
            var big = "<r>" + new string('a', (int)XmlShapeReader.MaxDocumentCharacters + 10) + "</r>";
            Refused(big);
        }

        [Fact]
        public void AnErrorBodyWithADtdFallsBackToTheStatus()
        {
            var body = Encoding.UTF8.GetBytes("<!DOCTYPE e [<!ENTITY c \"InjectedCode\">]><ErrorResponse><Error><Code>&c;</Code></Error></ErrorResponse>");
            var error = S3ControlErrors.Read("DescribeJob", HttpStatusCode.BadRequest, body, "rid");
            Assert.Equal("Http400", error.ErrorCode);
            Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("InjectedCode", error.Message, StringComparison.Ordinal);
            Assert.Equal("rid", error.RequestId);
        }

        [Fact]
        public void AnErrorBodyThatIsNotXmlFallsBackToTheStatus()
        {
            var error = S3ControlErrors.Read("DescribeJob", HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>proxy error"), null);
            Assert.Equal("InternalError", error.ErrorCode);
            Assert.Equal(502, error.StatusCode);
            Assert.True(RetryPolicy.IsRetryable(error));
        }

        [Fact]
        public void UnknownElementsAndNamespacesAreIgnored()
        {
            var xml = "<DescribeJobResult xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\"><Surprise a=\"1\"/><Job><JobId>j</JobId><Status>Complete</Status><Brand-New><member>1</member></Brand-New><ProgressSummary><TotalNumberOfTasks>5</TotalNumberOfTasks><Later>2</Later></ProgressSummary></Job></DescribeJobResult>";
            var result = XmlShapeReader.Read<DescribeJobResult>(XmlShapeReader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
            Assert.Equal("j", result.Job!.JobId);
            Assert.Equal("Complete", result.Job.Status);
            Assert.Equal(5L, result.Job.ProgressSummary!.TotalNumberOfTasks);
        }
    }
}
