using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using S3Batch.Model;
using S3Batch.Protocol;
using Xunit;

namespace S3Batch.Tests.Golden
{
    /// <summary>
    /// Every request the module builds is byte for byte the request botocore builds from the same
    /// service model for the same input (golden.json, made by make_golden.py from cases.json).
    /// </summary>
    public class GoldenRequestTests
    {
        private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden");

        public static IEnumerable<object[]> Cases() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json"))).RootElement.EnumerateArray()
                .Select(c => new object[] { c.GetProperty("name").GetString()! });

        [Theory]
        [MemberData(nameof(Cases))]
        public void RequestMatchesBotocore(string name)
        {
            var input = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json"))).RootElement.EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == name);
            var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "golden.json"))).RootElement
                .GetProperty("requests").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

            var p = input.GetProperty("params");
            var request = Build(input.GetProperty("operation").GetString()!, p);

            Assert.Equal(expected.GetProperty("method").GetString(), request.Method);
            Assert.Equal(expected.GetProperty("path").GetString(), request.Path);
            Assert.Equal(expected.GetProperty("query").GetString(), request.Query);
            Assert.Equal(expected.GetProperty("body").GetString(), Encoding.UTF8.GetString(request.Body));
            Assert.Equal("123456789012.", expected.GetProperty("hostPrefix").GetString());
            Assert.Equal(p.GetProperty("AccountId").GetString(), expected.GetProperty("headers").GetProperty("x-amz-account-id").GetString());
        }

        [Fact]
        public void EveryOperationHasACase()
        {
            var covered = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json"))).RootElement.EnumerateArray()
                .Select(c => c.GetProperty("operation").GetString()).Distinct().ToList();
            Assert.Equal(8, covered.Count);
            var operations = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json"))).RootElement.EnumerateArray()
                .Where(c => c.GetProperty("operation").GetString() == "CreateJob")
                .SelectMany(c => c.GetProperty("params").GetProperty("Operation").EnumerateObject().Select(o => o.Name)).Distinct().Count();
            Assert.Equal(11, operations);
        }

        private static S3ControlRequest Build(string operation, JsonElement p)
        {
            string Id() => p.GetProperty("JobId").GetString()!;
            return operation switch
            {
                "CreateJob" => S3ControlClient.BuildCreateJob(JsonShapeReader.Read<CreateJobRequest>(p)),
                "DescribeJob" => S3ControlClient.BuildDescribeJob(Id()),
                "ListJobs" => S3ControlClient.BuildListJobs(
                    p.TryGetProperty("JobStatuses", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : null,
                    p.TryGetProperty("NextToken", out var t) ? t.GetString() : null,
                    p.TryGetProperty("MaxResults", out var m) ? m.GetInt32() : null),
                "UpdateJobPriority" => S3ControlClient.BuildUpdateJobPriority(Id(), p.GetProperty("Priority").GetInt32()),
                "UpdateJobStatus" => S3ControlClient.BuildUpdateJobStatus(Id(), p.GetProperty("RequestedJobStatus").GetString()!,
                    p.TryGetProperty("StatusUpdateReason", out var r) ? r.GetString() : null),
                "GetJobTagging" => S3ControlClient.BuildGetJobTagging(Id()),
                "PutJobTagging" => S3ControlClient.BuildPutJobTagging(Id(), JsonShapeReader.Read<PutJobTaggingRequest>(p).Tags!),
                "DeleteJobTagging" => S3ControlClient.BuildDeleteJobTagging(Id()),
                _ => throw new ArgumentException(operation),
            };
        }
    }

    /// <summary>Reads botocore-style parameters (JSON, member names as in the model) into the module's shapes.</summary>
    internal sealed class JsonShapeReader : IShapeVisitor
    {
        private readonly JsonElement _element;

        private JsonShapeReader(JsonElement element) => _element = element;

        public static T Read<T>(JsonElement element)
            where T : class, IShape, new()
        {
            var shape = new T();
            shape.Visit(new JsonShapeReader(element));
            return shape;
        }

        // Wire names that differ from the member names (locationName): botocore's parameters use the member names.
        private static string Member(string wireName) => wireName switch
        {
            "SSE-KMS" => "SSEKMS",
            "SSE-S3" => "SSES3",
            "DSSE-KMS" => "DSSEKMS",
            "SSE-C" => "SSEC",
            "NOT-SSE" => "NOTSSE",
            _ => wireName,
        };

        private JsonElement? Get(string name) => _element.TryGetProperty(Member(name), out var v) ? v : null;

        public string? String(string name, string? value, StringShape shape, bool required = false) => Get(name)?.GetString();

        public bool? Boolean(string name, bool? value, bool required = false) => Get(name)?.GetBoolean();

        public int? Integer(string name, int? value, NumberShape shape, bool required = false) => Get(name)?.GetInt32();

        public long? Long(string name, long? value, NumberShape shape, bool required = false) => Get(name)?.GetInt64();

        public DateTime? Timestamp(string name, DateTime? value, bool required = false) =>
            Get(name) is { } e ? DateTime.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : null;

        public T? Structure<T>(string name, T? value, bool required = false)
            where T : class, IShape, new() => Get(name) is { } e ? Read<T>(e) : null;

        public List<T>? StructureList<T>(string name, List<T>? value, ListShape shape, bool required = false)
            where T : class, IShape, new() => Get(name) is { } e ? e.EnumerateArray().Select(Read<T>).ToList() : null;

        public List<string>? StringList(string name, List<string>? value, ListShape shape, StringShape item, bool required = false) =>
            Get(name) is { } e ? e.EnumerateArray().Select(x => x.GetString()!).ToList() : null;

        public SortedDictionary<string, string>? Map(string name, SortedDictionary<string, string>? value, MapShape shape, bool required = false) =>
            Get(name) is { } e ? new SortedDictionary<string, string>(e.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString()!), StringComparer.Ordinal) : null;
    }
}
