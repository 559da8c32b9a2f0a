using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Amazon.Runtime.CredentialManagement;
using Xunit;

namespace S3Batch.Tests.Aws
{
    /// <summary>
    /// Tests that read profile files or set process environment variables that AWSSDK.Core reads
    /// itself. They run alone (no other test runs in parallel with them).
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class AwsEnvironmentGroup : ICollectionFixture<AwsEnvironmentFixture>
    {
        /// <summary>The collection's name.</summary>
        public const string Name = "AWS environment";
    }

    /// <summary>
    /// AWSSDK.Core's <c>SharedCredentialsFile</c> reads AWS_CONFIG_FILE once per process, in its
    /// static constructor, and only if the file exists then. So before any test runs, point it at
    /// this process's own temp config file and let the SDK read it; the variable is restored at
    /// once, and the fixture sets it again (to the same file) while the AWS tests run.
    /// </summary>
    internal static class AwsSdkConfigFileInitializer
    {
        public static readonly string Directory = Path.Combine(Path.GetTempPath(), "s3batch-aws-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        public static readonly string ConfigPath = Path.Combine(Directory, "config");

#pragma warning disable CA2255 // ModuleInitializer in a library: this is the test assembly, and the SDK's static state needs it.
        [ModuleInitializer]
#pragma warning restore CA2255
        internal static void Initialize()
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (!File.Exists(ConfigPath))
            {
                File.WriteAllText(ConfigPath, string.Empty);
            }

            var saved = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE");
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigPath);
            try
            {
                _ = SharedCredentialsFile.DefaultConfigFilePath;
            }
            finally
            {
                Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", saved);
            }
        }
    }

    /// <summary>
    /// Temp credentials/config files and a clean process environment for the AWS tests; restores
    /// the environment afterwards. Never the real HOME.
    /// </summary>
    public sealed class AwsEnvironmentFixture : IDisposable
    {
        private static readonly string[] ManagedVariables =
        {
            "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EC2_METADATA_DISABLED",
            "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_S3_CONTROL", "AWS_ENDPOINT_URL_STS",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        };

        private readonly Dictionary<string, string?> _saved = new(StringComparer.Ordinal);

        /// <summary>Sets up the files and the environment.</summary>
        public AwsEnvironmentFixture()
        {
            AwsSdkConfigFileInitializer.Initialize();
            Directory = AwsSdkConfigFileInitializer.Directory;
            ConfigPath = AwsSdkConfigFileInitializer.ConfigPath;
            CredentialsPath = Path.Combine(Directory, "credentials");
            WriteFiles(string.Empty, string.Empty);

            foreach (var name in ManagedVariables)
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, null);
            }

            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsPath);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigPath);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        }

        /// <summary>The temp folder.</summary>
        public string Directory { get; }

        /// <summary>The temp shared credentials file.</summary>
        public string CredentialsPath { get; }

        /// <summary>The temp config file (the one AWSSDK.Core reads for AWS_CONFIG_FILE).</summary>
        public string ConfigPath { get; }

        /// <summary>True when AWSSDK.Core reads our config file for AWS_CONFIG_FILE.</summary>
        public bool SdkReadsOurConfigFile
            => string.Equals(SharedCredentialsFile.DefaultConfigFilePath, ConfigPath, StringComparison.Ordinal);

        /// <summary>Replaces the contents of both files.</summary>
        public void WriteFiles(string credentials, string config)
        {
            File.WriteAllText(CredentialsPath, credentials);
            File.WriteAllText(ConfigPath, config);
        }

        /// <summary>A new file in the temp folder.</summary>
        public string WriteFile(string name, string contents)
        {
            var path = Path.Combine(Directory, name);
            File.WriteAllText(path, contents);
            return path;
        }

        /// <summary>
        /// The environment the resolver sees: the temp files, IMDS off, plus <paramref name="extra"/>
        /// (a null value removes a variable).
        /// </summary>
        public Func<string, string?> Env(params (string Name, string? Value)[] extra)
        {
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsPath,
                ["AWS_CONFIG_FILE"] = ConfigPath,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            };
            foreach (var (name, value) in extra)
            {
                variables[name] = value;
            }

            return name => variables.TryGetValue(name, out var value) ? value : null;
        }

        /// <summary>Restores the environment and removes the files.</summary>
        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    /// <summary>Small helpers for the AWS tests.</summary>
    internal static class AwsAssert
    {
        public static S3Batch.Aws.S3BatchConfigurationException Fails(string errorId, Action action)
        {
            var e = Assert.Throws<S3Batch.Aws.S3BatchConfigurationException>(action);
            Assert.Equal(errorId, e.ErrorId);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return e;
        }
    }
}
