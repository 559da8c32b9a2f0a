using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;

namespace S3Batch.Tests.Signing
{
    /// <summary>
    /// Signs a request with AWSSDK.Core 4.1.0's own <see cref="AWS4Signer"/> the way AWSSDK.S3Control
    /// would (signing name <c>s3</c>, so no double encoding, payload signed into
    /// <c>x-amz-content-sha256</c>). Test code only: these are internal, unstable APIs of a pinned version.
    /// </summary>
    internal static class AwsSdkReferenceSigner
    {
        public sealed class Output
        {
            public Output(string authorization, IDictionary<string, string> headers)
            {
                Authorization = authorization;
                Headers = headers;
            }

            public string Authorization { get; }

            public IDictionary<string, string> Headers { get; }
        }

        /// <param name="method">HTTP method.</param>
        /// <param name="endpoint">The endpoint (scheme and host).</param>
        /// <param name="resourcePath">The path, NOT encoded (the SDK encodes it once).</param>
        /// <param name="queryParameters">Decoded query parameters; a name may repeat.</param>
        /// <param name="headers">Headers besides Host, X-Amz-Date and x-amz-content-sha256.</param>
        /// <param name="body">The payload or null.</param>
        /// <param name="credentials">Keys and optional token.</param>
        /// <param name="region">Signing region.</param>
        /// <param name="signedAt">Signing time (UTC).</param>
        public static Output Sign(
            string method,
            Uri endpoint,
            string resourcePath,
            IEnumerable<KeyValuePair<string, string>> queryParameters,
            IEnumerable<KeyValuePair<string, string>> headers,
            byte[]? body,
            ImmutableCredentials credentials,
            string region,
            DateTime signedAt)
        {
            var request = new DefaultRequest(new ReferenceRequest(), "S3Control")
            {
                HttpMethod = method,
                Endpoint = endpoint,
                ResourcePath = resourcePath,
                OverrideSigningServiceName = "s3",
                AuthenticationRegion = region,
                UseQueryString = true,
            };

            foreach (var group in queryParameters.GroupBy(p => p.Key, StringComparer.Ordinal))
            {
                var values = group.Select(p => p.Value).ToList();
                if (values.Count == 1)
                {
                    request.ParameterCollection.Add(group.Key, values[0]);
                }
                else
                {
                    request.ParameterCollection.Add(group.Key, values);
                }
            }

            foreach (var header in headers)
            {
                request.Headers[header.Key] = header.Value;
            }

            if (credentials.UseToken)
            {
                // The SDK's signer handler puts the token in before signing; AWS4Signer signs it.
                request.Headers["X-Amz-Security-Token"] = credentials.Token;
            }

            if (body is not null)
            {
                request.Content = body;
            }

            // SignRequest(IRequest, IClientConfig, RequestMetrics, string, string, DateTime): the
            // fixed-time overload, whatever its accessibility in this version.
            MethodInfo signRequest = typeof(AWS4Signer)
                .GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Single(m => m.Name == "SignRequest" && m.GetParameters().Length == 6);
            var config = NullClientConfig.Create();
            var result = (AWS4SigningResult)signRequest.Invoke(
                new AWS4Signer(true),
                new object?[] { request, config, null, credentials.AccessKey, credentials.SecretKey, signedAt })!;

            return new Output(result.ForAuthorizationHeader, new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase));
        }

        private sealed class ReferenceRequest : AmazonWebServiceRequest
        {
        }

        /// <summary>An <see cref="IClientConfig"/> whose every member is null/default: the signer reads only the authentication region and service name, both set on the request.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from it at run time: it must not be sealed.
        public class NullClientConfig : DispatchProxy
#pragma warning restore CA1852
        {
            public static IClientConfig Create() => DispatchProxy.Create<IClientConfig, NullClientConfig>();

            protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            {
                Type? type = targetMethod?.ReturnType;
                return type is null || type == typeof(void) || !type.IsValueType ? null : Activator.CreateInstance(type);
            }
        }
    }
}
