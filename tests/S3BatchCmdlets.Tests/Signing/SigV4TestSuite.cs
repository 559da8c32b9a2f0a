using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using S3Batch.Protocol.Signing;

namespace S3Batch.Tests.Signing
{
    /// <summary>
    /// Reads AWS's SigV4 test suite from TestData/sigv4-testsuite (a copy of the suite, with its
    /// LICENSE and NOTICE, kept in the repo so the tests pass without ../shared).
    /// </summary>
    internal static class SigV4TestSuite
    {
        public const string AccessKey = "AKIDEXAMPLE";
        public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        public const string Region = "us-east-1";
        public const string Service = "service";
        public static readonly DateTime Time = new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

        private static readonly Lazy<string> RootPath = new Lazy<string>(FindRoot);

        public static string Root => RootPath.Value;

        /// <summary>Every case: the path of its folder relative to the suite's root, with '/' separators.</summary>
        public static IEnumerable<string> CaseNames()
        {
            return Directory.EnumerateFiles(Root, "*.req", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
                .OrderBy(n => n, StringComparer.Ordinal);
        }

        /// <summary>A file of a case, read as UTF-8, exactly (no newline added or removed).</summary>
        public static string ReadCaseFile(string caseName, string extension)
        {
            string dir = Path.Combine(Root, caseName.Replace('/', Path.DirectorySeparatorChar));
            string file = Path.Combine(dir, Path.GetFileName(caseName) + extension);
            return File.ReadAllText(file, new UTF8Encoding(false));
        }

        /// <summary>
        /// Parses a .req or .sreq: the request line (the target may hold spaces), headers (a line
        /// that starts with whitespace continues the previous header's value), a blank line, the body.
        /// </summary>
        public static ParsedRequest Parse(string text)
        {
            string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            string requestLine = lines[0];
            int firstSpace = requestLine.IndexOf(' ', StringComparison.Ordinal);
            int lastSpace = requestLine.LastIndexOf(' ');
            string method = requestLine.Substring(0, firstSpace);
            string target = requestLine.Substring(firstSpace + 1, lastSpace - firstSpace - 1);

            var headers = new List<KeyValuePair<string, string>>();
            int i = 1;
            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Length == 0)
                {
                    i++;
                    break;
                }

                if ((line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
                {
                    var last = headers[^1];
                    headers[^1] = new KeyValuePair<string, string>(last.Key, last.Value + "\n" + line);
                    continue;
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new KeyValuePair<string, string>(line.Substring(0, colon), line.Substring(colon + 1)));
            }

            string body = i < lines.Length ? string.Join("\n", lines.Skip(i)) : string.Empty;
            int q = target.IndexOf('?', StringComparison.Ordinal);
            string path = q < 0 ? target : target.Substring(0, q);
            string query = q < 0 ? string.Empty : target.Substring(q + 1);
            return new ParsedRequest(method, path, query, headers, body);
        }

        private static string FindRoot()
        {
            string copied = Path.Combine(AppContext.BaseDirectory, "TestData", "sigv4-testsuite");
            if (Directory.Exists(copied))
            {
                return copied;
            }

            // Not copied to the output: look for the repo's copy above the test binaries.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "S3BatchCmdlets.Tests", "TestData", "sigv4-testsuite");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("TestData/sigv4-testsuite was not found beside the tests or in the repository.");
        }
    }

    internal sealed class ParsedRequest
    {
        public ParsedRequest(string method, string path, string query, List<KeyValuePair<string, string>> headers, string body)
        {
            Method = method;
            Path = path;
            Query = query;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }

        public string Path { get; }

        public string Query { get; }

        public List<KeyValuePair<string, string>> Headers { get; }

        public string Body { get; }

        public SigningRequest ToSigningRequest()
        {
            var request = new SigningRequest(Method, Path, Query);
            foreach (var header in Headers)
            {
                request.AddHeader(header.Key, header.Value);
            }

            if (Body.Length > 0)
            {
                request.Payload = Encoding.UTF8.GetBytes(Body);
            }

            return request;
        }
    }
}
