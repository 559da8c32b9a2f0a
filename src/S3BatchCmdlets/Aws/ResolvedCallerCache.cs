using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.Runtime.CredentialManagement;

namespace S3Batch.Aws
{
    /// <summary>
    /// Resolutions (<see cref="AwsContextResolver"/>) kept for the process, each for as long as
    /// nothing it depended on has changed: the same parameters and session variables, the same value
    /// of every environment variable the resolution read, and the same shared credentials and config
    /// files (path, time of writing and size). So a runbook that calls the cmdlets many times resolves
    /// once, and keeps one credentials object, which refreshes itself (an assume-role, SSO or
    /// credential_process profile is not asked again on every call); any change is seen on the next call.
    /// </summary>
    internal static class ResolvedCallerCache
    {
        // Distinct callers in one process are few; past this, start again rather than grow.
        private const int Limit = 64;

        private static readonly ConcurrentDictionary<CallerKey, Entry> Entries = new();

        /// <summary>The resolution for <paramref name="options"/> against <paramref name="env"/>, resolved again when anything it read has changed.</summary>
        /// <exception cref="S3BatchConfigurationException">As <see cref="AwsContextResolver.Resolve(AwsCallerOptions, Func{string, string})"/>; failures are not kept.</exception>
        public static ResolvedCaller Resolve(AwsCallerOptions options, Func<string, string?> env)
        {
            var key = new CallerKey(options);
            if (Entries.TryGetValue(key, out var known) && known.IsCurrent(options.ProfileLocation, env))
            {
                return known.Caller;
            }

            var read = new List<KeyValuePair<string, string?>>();
            var caller = AwsContextResolver.Resolve(options, name =>
            {
                var value = env(name);
                read.Add(new KeyValuePair<string, string?>(name, value));
                return value;
            });
            if (Entries.Count >= Limit)
            {
                Entries.Clear();
            }

            Entries[key] = new Entry(caller, read.ToArray(), ProfileFileStamps(options.ProfileLocation, env));
            return caller;
        }

        /// <summary>Forgets every resolution (tests).</summary>
        internal static void Clear() => Entries.Clear();

        /// <summary>
        /// Where profiles are read from, with each file's stamp: the credentials file (-ProfileLocation,
        /// AWS_SHARED_CREDENTIALS_FILE, or AWSSDK.Core's own default, which it fixes when first used),
        /// the config file (AWS_CONFIG_FILE, the one beside the credentials file, or AWSSDK.Core's own),
        /// and on Windows the .NET SDK store.
        /// </summary>
        private static string ProfileFileStamps(string? profileLocation, Func<string, string?> env)
        {
            var credentials = profileLocation ?? AwsEnvironment.Trimmed(env, AwsEnvironment.SharedCredentialsFile) ?? SharedCredentialsFile.DefaultFilePath;
            var paths = new List<string>
            {
                credentials,
                AwsEnvironment.Trimmed(env, AwsEnvironment.ConfigFile) ?? Path.Combine(Path.GetDirectoryName(credentials) ?? string.Empty, "config"),
                SharedCredentialsFile.DefaultConfigFilePath,
            };
            if (profileLocation is null)
            {
                paths.Add(SharedCredentialsFile.DefaultFilePath);
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                paths.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AWSToolkit", "RegisteredAccounts.json"));
            }

            return string.Join("|", paths.Distinct(StringComparer.Ordinal).Select(path => path + "=" + AwsContextResolver.FileStamp(path)));
        }

        private sealed class Entry
        {
            private readonly KeyValuePair<string, string?>[] _read;
            private readonly string _files;

            public Entry(ResolvedCaller caller, KeyValuePair<string, string?>[] read, string files)
            {
                Caller = caller;
                _read = read;
                _files = files;
            }

            public ResolvedCaller Caller { get; }

            public bool IsCurrent(string? profileLocation, Func<string, string?> env)
            {
                foreach (var pair in _read)
                {
                    if (!string.Equals(env(pair.Key), pair.Value, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return string.Equals(ProfileFileStamps(profileLocation, env), _files, StringComparison.Ordinal);
            }
        }

        /// <summary>The parameters and session variables of a resolution: text compared as text, objects (credentials) as the same object.</summary>
        private sealed class CallerKey : IEquatable<CallerKey>
        {
            private readonly string?[] _text;
            private readonly object?[] _objects;

            public CallerKey(AwsCallerOptions o)
            {
                _text = new[] { o.AccessKey, o.SecretKey, o.SessionToken, o.ProfileName, o.ProfileLocation, o.Region, o.EndpointUrl, o.S3EndpointUrl, o.AccountId, o.StoredRegion as string };
                _objects = new[] { o.Credential, o.StoredCredentials, o.StoredRegion is string ? null : o.StoredRegion };
            }

            public bool Equals(CallerKey? other)
            {
                if (other is null)
                {
                    return false;
                }

                for (var i = 0; i < _text.Length; i++)
                {
                    if (!string.Equals(_text[i], other._text[i], StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                for (var i = 0; i < _objects.Length; i++)
                {
                    if (!ReferenceEquals(_objects[i], other._objects[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            public override bool Equals(object? obj) => Equals(obj as CallerKey);

            public override int GetHashCode()
            {
                var hash = 17;
                foreach (var text in _text)
                {
                    hash = (hash * 31) + (text is null ? 0 : StringComparer.Ordinal.GetHashCode(text));
                }

                foreach (var item in _objects)
                {
                    hash = (hash * 31) + (item is null ? 0 : RuntimeHelpers.GetHashCode(item));
                }

                return hash;
            }
        }
    }
}
