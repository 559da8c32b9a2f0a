using System;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;

namespace S3Batch.Aws
{
    /// <summary>
    /// Reads the objects that PowerShell users hand over for credentials and regions:
    /// an AWSCredentials, AWS.Tools' <c>AWSPSCredentials</c> wrapper (whose <c>Credentials</c>
    /// property is internal, so it is read by reflection), and region strings or objects.
    /// </summary>
    internal static class CredentialObjectReader
    {
        private const string AwsCredentialsTypeName = "Amazon.Runtime.AWSCredentials";
        private const string RegionEndpointTypeName = "Amazon.RegionEndpoint";
        private const BindingFlags InstanceMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

        /// <summary>
        /// The credentials in <paramref name="value"/>: itself when it is an AWSCredentials, the value
        /// of its <c>Credentials</c> property (public or not) otherwise; null when neither holds any.
        /// </summary>
        public static AWSCredentials? ReadCredentials(object? value)
        {
            if (value is null)
            {
                return null;
            }

            var direct = AsCredentials(value);
            if (direct is not null)
            {
                return direct;
            }

            var property = FindProperty(value.GetType(), "Credentials");
            if (property is null)
            {
                return null;
            }

            object? inner;
            try
            {
                inner = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                return null;
            }

            return inner is null ? null : AsCredentials(inner);
        }

        /// <summary>
        /// The region name in <paramref name="value"/>: a string, a RegionEndpoint (its SystemName),
        /// or the <c>Region</c> property of another object holding either. Null when it holds none.
        /// </summary>
        public static string? ReadRegion(object? value) => ReadRegion(value, depth: 0);

        private static string? ReadRegion(object? value, int depth)
        {
            switch (value)
            {
                case null:
                    return null;
                case string s:
                    return s;
                case RegionEndpoint endpoint:
                    return endpoint.SystemName;
            }

            var type = value.GetType();
            if (IsOrDerivesFrom(type, RegionEndpointTypeName))
            {
                // A RegionEndpoint from another copy of AWSSDK.Core.
                return FindProperty(type, "SystemName")?.GetValue(value) as string;
            }

            if (depth > 0)
            {
                return null;
            }

            var property = FindProperty(type, "Region");
            if (property is null)
            {
                return null;
            }

            try
            {
                return ReadRegion(property.GetValue(value), depth + 1);
            }
            catch (TargetInvocationException)
            {
                return null;
            }
        }

        private static AWSCredentials? AsCredentials(object value)
        {
            if (value is AWSCredentials credentials)
            {
                return credentials;
            }

            // An AWSCredentials from another copy of AWSSDK.Core (another load context): same
            // shape, different type. Ask it for keys by reflection.
            return IsOrDerivesFrom(value.GetType(), AwsCredentialsTypeName) ? ForeignAwsCredentials.Create(value) : null;
        }

        private static bool IsOrDerivesFrom(Type type, string fullName)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (string.Equals(t.FullName, fullName, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        internal static PropertyInfo? FindProperty(Type type, string name)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                var property = t.GetProperties(InstanceMembers | BindingFlags.DeclaredOnly)
                    .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal)
                                         && p.GetIndexParameters().Length == 0
                                         && p.GetMethod is not null);
                if (property is not null)
                {
                    return property;
                }
            }

            return null;
        }

        /// <summary>Credentials of another AWSSDK.Core copy, asked by reflection each time.</summary>
        private sealed class ForeignAwsCredentials : AWSCredentials
        {
            private readonly object _inner;
            private readonly MethodInfo _getCredentials;

            private ForeignAwsCredentials(object inner, MethodInfo getCredentials)
            {
                _inner = inner;
                _getCredentials = getCredentials;
            }

            public static ForeignAwsCredentials? Create(object inner)
            {
                var method = inner.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
                return method is null ? null : new ForeignAwsCredentials(inner, method);
            }

            public override ImmutableCredentials GetCredentials()
            {
                object? immutable;
                try
                {
                    immutable = _getCredentials.Invoke(_inner, null);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                    throw;
                }

                if (immutable is null)
                {
                    throw new AmazonClientException("The credentials object returned no credentials.");
                }

                var type = immutable.GetType();
                string? Read(string name) => FindProperty(type, name)?.GetValue(immutable) as string;
                return new ImmutableCredentials(Read("AccessKey"), Read("SecretKey"), Read("Token"));
            }

            public override Task<ImmutableCredentials> GetCredentialsAsync()
                => Task.Run(GetCredentials);

            public override string ToString() => _inner.GetType().FullName ?? nameof(ForeignAwsCredentials);
        }
    }
}
